import type { ChecklistTemplate } from '../checklist';
import { builtinTemplate, text } from './builtin';
import { BUYER_SIGNALS, type SignalKind } from './closingSignals';
import { CLOSING_METHODS } from './closingMethods';

/** Item keys the closing logic reads; a manager's own closing template keeps them to keep the logic. */
export const CLOSING_ITEMS = {
  verbalSignals: 'verbal_signals',
  nonverbalSignals: 'nonverbal_signals',
  method: 'closing_method',
  guardNoHaste: 'guard_no_haste',
  guardNoPaperwork: 'guard_no_paperwork',
  guardNoPressure: 'guard_no_pressure',
  outcome: 'outcome',
  promisedBenefits: 'promised_benefits',
  deliveryDate: 'delivery_date',
  nextStep: 'next_step',
  nextDate: 'next_date',
  lostReason: 'lost_reason',
  lostComment: 'lost_comment',
} as const;

export const LOST_REASONS = [
  'price',
  'competitor',
  'no_need_now',
  'no_budget',
  'not_decision_maker',
  'other',
] as const;

function signalOptions(kind: SignalKind) {
  return BUYER_SIGNALS.filter((s) => s.kind === kind).map((s) => ({
    key: s.key,
    label: s.label,
    help: s.help,
  }));
}

const won = { item: CLOSING_ITEMS.outcome, anyOf: ['won'] };
const postponed = { item: CLOSING_ITEMS.outcome, anyOf: ['postponed'] };
const lost = { item: CLOSING_ITEMS.outcome, anyOf: ['lost'] };

export const CLOSING_TEMPLATE: ChecklistTemplate = builtinTemplate({
  serial: 1,
  key: 'closing_signals',
  version: 1,
  purpose: 'closing',
  title: text('Сигналы покупателя и завершение сделки', 'Buyer signals and closing'),
  steps: [
    {
      key: 'verbal',
      title: text('Что говорит клиент', 'What the buyer says'),
      help: text(
        'Отмечайте по ходу разговора. Закрывать сделку стоит, когда интерес высок, — это видно по сигналам.',
        'Mark them as the talk goes. Close when interest runs high; the signals show when.',
      ),
      items: [
        {
          key: CLOSING_ITEMS.verbalSignals,
          type: 'choice',
          multiple: true,
          required: false,
          label: text('Словесные сигналы', 'Verbal signals'),
          options: signalOptions('verbal'),
        },
      ],
    },
    {
      key: 'nonverbal',
      title: text('Что делает клиент', 'What the buyer does'),
      help: text(
        'Жесты и действия часто опережают слова.',
        'Gestures and actions often come before words.',
      ),
      items: [
        {
          key: CLOSING_ITEMS.nonverbalSignals,
          type: 'choice',
          multiple: true,
          required: false,
          label: text('Несловесные сигналы', 'Non-verbal signals'),
          options: signalOptions('nonverbal'),
        },
      ],
    },
    {
      key: 'method',
      title: text('Способ завершения', 'Closing method'),
      help: text(
        'Подсказки выше — по отмеченным сигналам. Выберите один способ, который подходит этому клиенту.',
        'The suggestions come from the signals you marked. Pick one method that suits this buyer.',
      ),
      items: [
        {
          key: CLOSING_ITEMS.method,
          type: 'choice',
          multiple: false,
          required: false,
          label: text('Выбранный способ', 'Chosen method'),
          options: CLOSING_METHODS.map((m) => ({ key: m.key, label: m.label, help: m.howTo })),
        },
      ],
    },
    {
      key: 'mistakes_guard',
      title: text('Без типичных ошибок', 'Avoid the classic mistakes'),
      help: text(
        'Подтвердите перед тем, как просить о решении.',
        'Confirm before you ask for the decision.',
      ),
      items: [
        {
          key: CLOSING_ITEMS.guardNoHaste,
          type: 'check',
          required: true,
          label: text('Я не тороплю клиента', 'I am not rushing the buyer'),
          help: text(
            'Поспешность: просьба о заказе раньше, чем появились сигналы, отталкивает.',
            'Haste: asking for the order before the signals appear pushes the buyer away.',
          ),
        },
        {
          key: CLOSING_ITEMS.guardNoPaperwork,
          type: 'check',
          required: true,
          label: text('Только нужные сейчас документы', 'Only the papers needed now'),
          help: text(
            'Излишняя документация: лишние бланки и подписи в момент решения охлаждают клиента.',
            'Excessive paperwork: extra forms and signatures at the moment of decision cool the buyer down.',
          ),
        },
        {
          key: CLOSING_ITEMS.guardNoPressure,
          type: 'check',
          required: true,
          label: text('Я не давлю на клиента', 'I am not pressing the buyer'),
          help: text(
            'Давление: решение под нажимом потом оборачивается отказом или плохим отзывом.',
            'Pressure: a decision forced out of the buyer later turns into a cancellation or a bad word.',
          ),
        },
      ],
    },
    {
      key: 'outcome',
      title: text('Итог', 'Outcome'),
      items: [
        {
          key: CLOSING_ITEMS.outcome,
          type: 'choice',
          multiple: false,
          required: true,
          label: text('Чем закончилась встреча', 'How the meeting ended'),
          options: [
            { key: 'won', label: text('Сделка заключена', 'Won') },
            { key: 'postponed', label: text('Решение отложено', 'Postponed') },
            { key: 'lost', label: text('Отказ', 'Lost') },
          ],
        },
        {
          key: CLOSING_ITEMS.promisedBenefits,
          type: 'long_text',
          required: true,
          when: won,
          label: text('Что вы пообещали клиенту', 'What you promised the buyer'),
          help: text(
            'По одной выгоде в строке. На послепродажном визите вы сверите каждую с реальностью.',
            'One benefit per line. At the post-sale visit you will check each against reality.',
          ),
        },
        {
          key: CLOSING_ITEMS.deliveryDate,
          type: 'date',
          required: false,
          when: won,
          label: text('Срок поставки', 'Delivery date'),
        },
        {
          key: CLOSING_ITEMS.nextStep,
          type: 'short_text',
          required: true,
          when: postponed,
          label: text('Следующий шаг', 'Next step'),
        },
        {
          key: CLOSING_ITEMS.nextDate,
          type: 'date',
          required: true,
          when: postponed,
          label: text('Когда', 'When'),
        },
        {
          key: CLOSING_ITEMS.lostReason,
          type: 'choice',
          multiple: false,
          required: true,
          when: lost,
          label: text('Причина отказа', 'Reason'),
          options: [
            { key: 'price', label: text('Цена', 'Price') },
            { key: 'competitor', label: text('Выбрал конкурента', 'Chose a competitor') },
            { key: 'no_need_now', label: text('Сейчас не нужно', 'No need right now') },
            { key: 'no_budget', label: text('Нет бюджета', 'No budget') },
            { key: 'not_decision_maker', label: text('Решает не он', 'Not the one who decides') },
            { key: 'other', label: text('Другое', 'Other') },
          ],
        },
        {
          key: CLOSING_ITEMS.lostComment,
          type: 'short_text',
          required: false,
          when: lost,
          label: text('Комментарий', 'Comment'),
        },
      ],
    },
  ],
});
