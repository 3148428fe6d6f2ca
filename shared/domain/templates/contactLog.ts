import type { Answer, ChecklistTemplate } from '../checklist';
import {
  CONTACT_TYPES,
  ContactChannelSchema,
  type ContactLogEntry,
  type ContactType,
} from '../contact';
import { chosen } from './answers';
import { builtinTemplate, text } from './builtin';

export const CONTACT_ITEMS = {
  type: 'contact_type',
  customerSubtype: 'customer_subtype',
  noticeSubtype: 'notice_subtype',
  channel: 'channel',
  summary: 'summary',
} as const;

const typeTexts: Record<ContactType, { label: [string, string]; help: [string, string] }> = {
  customer_initiated: {
    label: ['Клиент обратился сам', 'The client got in touch'],
    help: [
      'Обычно жалоба или предложение. Ответьте быстро: решённая жалоба делает клиента союзником.',
      'Usually a complaint or a suggestion. Answer fast: a complaint settled well makes an ally.',
    ],
  },
  seller_initiated: {
    label: ['Я связался узнать мнение', 'I called for feedback'],
    help: [
      'Узнать, насколько клиент доволен и что думает о нашей работе.',
      'Find out how satisfied the client is and what they think of our work.',
    ],
  },
  marketing: {
    label: ['Новости, акции, новинки', 'News, offers, new products'],
    help: [
      'Рассказать о новых товарах, скидках и о том, как развивается компания.',
      'Tell about new products, discounts and how the company is growing.',
    ],
  },
  cooperation: {
    label: ['Обмен мнениями', 'Exchange of views'],
    help: [
      'Вместе с клиентом найти, что нам стоит улучшить.',
      'Find together with the client what we should improve.',
    ],
  },
  friendly: {
    label: ['Дружеский повод', 'A friendly touch'],
    help: [
      'Благодарность, поздравление, конкурс или викторина.',
      'A thank-you, a greeting, a contest or a quiz.',
    ],
  },
  proactive_notice: {
    label: ['Честно предупредил клиента', 'Told the client first'],
    help: [
      'О задержке поставки или обоснованном изменении цены — сразу, не дожидаясь вопроса.',
      'About a delivery delay or a justified price change, at once, before they ask.',
    ],
  },
};

const channelTexts: Record<(typeof ContactChannelSchema.options)[number], [string, string]> = {
  visit: ['Встреча', 'Visit'],
  phone: ['Телефон', 'Phone'],
  email: ['Эл. почта', 'E-mail'],
  messenger: ['Мессенджер', 'Messenger'],
  letter: ['Письмо', 'Letter'],
  other: ['Другое', 'Other'],
};

export const CONTACT_LOG_TEMPLATE: ChecklistTemplate = builtinTemplate({
  serial: 3,
  key: 'contact_log',
  version: 1,
  purpose: 'contact_log',
  title: text('Запись о контакте', 'Contact log entry'),
  steps: [
    {
      key: 'contact',
      title: text('Контакт с клиентом', 'Contact with the client'),
      help: text(
        'Без долгих пауз: любой контакт сбрасывает счётчик «давно не общались».',
        'No long gaps: any contact resets the "no contact" counter.',
      ),
      items: [
        {
          key: CONTACT_ITEMS.type,
          type: 'choice',
          multiple: false,
          required: true,
          label: text('Повод', 'Kind of contact'),
          options: CONTACT_TYPES.map((k) => ({
            key: k,
            label: text(...typeTexts[k].label),
            help: text(...typeTexts[k].help),
          })),
        },
        {
          key: CONTACT_ITEMS.customerSubtype,
          type: 'choice',
          multiple: false,
          required: true,
          when: { item: CONTACT_ITEMS.type, anyOf: ['customer_initiated'] },
          label: text('С чем обратился', 'What it was'),
          options: [
            { key: 'complaint', label: text('Жалоба', 'Complaint') },
            { key: 'suggestion', label: text('Предложение', 'Suggestion') },
          ],
        },
        {
          key: CONTACT_ITEMS.noticeSubtype,
          type: 'choice',
          multiple: false,
          required: true,
          when: { item: CONTACT_ITEMS.type, anyOf: ['proactive_notice'] },
          label: text('О чём предупредил', 'What about'),
          options: [
            { key: 'delay', label: text('Задержка поставки', 'Delivery delay') },
            { key: 'price_change', label: text('Изменение цены', 'Price change') },
          ],
        },
        {
          key: CONTACT_ITEMS.channel,
          type: 'choice',
          multiple: false,
          required: true,
          label: text('Как', 'Channel'),
          options: ContactChannelSchema.options.map((k) => ({
            key: k,
            label: text(...channelTexts[k]),
          })),
        },
        {
          key: CONTACT_ITEMS.summary,
          type: 'long_text',
          required: true,
          label: text('Коротко о разговоре', 'What was said'),
        },
      ],
    },
  ],
});

function pick(answer: Answer | undefined): string | null {
  return chosen(answer)[0] ?? null;
}

/** The fields of a contact log entry from a filled-in contact form; null while type or channel is missing. */
export function contactFromAnswers(
  answers: Record<string, Answer>,
): Pick<ContactLogEntry, 'type' | 'subtype' | 'channel' | 'summary'> | null {
  const type = CONTACT_TYPES.find((t) => t === pick(answers[CONTACT_ITEMS.type]));
  const channel = ContactChannelSchema.options.find(
    (c) => c === pick(answers[CONTACT_ITEMS.channel]),
  );
  if (!type || !channel) return null;
  const raw =
    type === 'customer_initiated'
      ? pick(answers[CONTACT_ITEMS.customerSubtype])
      : type === 'proactive_notice'
        ? pick(answers[CONTACT_ITEMS.noticeSubtype])
        : null;
  const allowed =
    type === 'customer_initiated' ? ['complaint', 'suggestion'] : ['delay', 'price_change'];
  const subtype =
    raw !== null && allowed.includes(raw) ? (raw as ContactLogEntry['subtype']) : 'none';
  const summary =
    typeof answers[CONTACT_ITEMS.summary] === 'string'
      ? (answers[CONTACT_ITEMS.summary] as string)
      : '';
  return { type, subtype, channel, summary };
}
