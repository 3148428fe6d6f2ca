import type { LocalizedText } from '../checklist';
import { text } from './builtin';

/** The common closing methods (docs/domain.md §1). There is no single classification; these are ours. */
export const CLOSING_METHOD_KEYS = [
  'direct_request',
  'alternative_choice',
  'assumptive',
  'summary',
  'concession',
  'last_chance',
  'trial_close',
  'minor_points',
  'balance_sheet',
  'series_of_yes',
] as const;
export type ClosingMethodKey = (typeof CLOSING_METHOD_KEYS)[number];

export interface ClosingMethod {
  key: ClosingMethodKey;
  label: LocalizedText;
  /** One line: how to do it, in the rep's words. */
  howTo: LocalizedText;
}

export const CLOSING_METHODS: readonly ClosingMethod[] = [
  {
    key: 'direct_request',
    label: text('Прямой вопрос', 'Direct request'),
    howTo: text(
      'Спокойно и прямо предложите оформить заказ: «Давайте оформим?» — и дайте клиенту ответить.',
      'Ask plainly for the order — "Shall we put it through?" — then let the buyer answer.',
    ),
  },
  {
    key: 'alternative_choice',
    label: text('Выбор из двух', 'Alternative choice'),
    howTo: text(
      'Предложите выбор между двумя вариантами покупки: «Вам удобнее поставка во вторник или в четверг?»',
      'Offer two ways to say yes: "Would Tuesday or Thursday suit you better for delivery?"',
    ),
  },
  {
    key: 'assumptive',
    label: text('Как о решённом', 'Assumptive close'),
    howTo: text(
      'Говорите о покупке как о состоявшейся и переходите к деталям: «Куда доставить первую партию?»',
      'Talk as if the decision is made and move to the details: "Where should the first batch go?"',
    ),
  },
  {
    key: 'summary',
    label: text('Резюме выгод', 'Summary of benefits'),
    howTo: text(
      'Коротко перечислите выгоды, с которыми клиент уже согласился, и предложите оформить заказ.',
      'Briefly list the benefits the buyer has already agreed with, then ask for the order.',
    ),
  },
  {
    key: 'concession',
    label: text('Уступка или спецпредложение', 'Concession or special offer'),
    howTo: text(
      'Предложите то, что в ваших полномочиях (скидку, рассрочку, бесплатное обучение), в обмен на решение сейчас.',
      'Offer something within your authority — a discount, instalments, free training — in return for a decision now.',
    ),
  },
  {
    key: 'last_chance',
    label: text('Последний шанс', 'Last chance'),
    howTo: text(
      'Назовите реальный срок: акция, повышение цены, последние единицы. Выдуманный срок — это давление.',
      'Name a real deadline: a promotion ending, a price rise, the last units. A made-up deadline is pressure.',
    ),
  },
  {
    key: 'trial_close',
    label: text('Пробное завершение', 'Trial close'),
    howTo: text(
      'Проверьте готовность мягким вопросом: «Если мы решим вопрос с доставкой, вы готовы начать?»',
      'Test readiness with a soft question: "If we settle delivery, are you ready to start?"',
    ),
  },
  {
    key: 'minor_points',
    label: text('Через мелкие вопросы', 'Minor-point close'),
    howTo: text(
      'Решите с клиентом небольшую деталь (цвет, комплектацию, дату) — согласие в мелочи ведёт к решению.',
      'Settle a small detail with the buyer — colour, set, date — agreeing on it leads to the decision.',
    ),
  },
  {
    key: 'balance_sheet',
    label: text('Метод Франклина', 'Balance sheet'),
    howTo: text(
      'Вместе запишите доводы «за» и «против» на листе: когда «за» явно больше, решение очевидно клиенту.',
      'Write the pros and cons down together; when the pros clearly outweigh, the buyer sees the answer.',
    ),
  },
  {
    key: 'series_of_yes',
    label: text('Серия «да»', 'Series of yes'),
    howTo: text(
      'Задайте несколько вопросов, на которые клиент ответит «да», и последним — вопрос о заказе.',
      'Ask a few questions the buyer will answer "yes" to, and the order as the last one.',
    ),
  },
];
