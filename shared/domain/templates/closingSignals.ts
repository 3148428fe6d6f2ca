import type { LocalizedText } from '../checklist';
import { text } from './builtin';
import type { ClosingMethodKey } from './closingMethods';

export type SignalKind = 'verbal' | 'nonverbal';

/**
 * A buyer signal (docs/domain.md §1): an action or a statement that shows readiness to buy. `weight`
 * is its share of the readiness indicator (0..100, capped); `fits` are the closing methods the
 * signal makes natural, best first.
 */
export interface BuyerSignal {
  key: string;
  kind: SignalKind;
  weight: number;
  fits: readonly ClosingMethodKey[];
  label: LocalizedText;
  help: LocalizedText;
}

export const BUYER_SIGNALS: readonly BuyerSignal[] = [
  // Verbal: questions about owning the thing weigh more than polite agreement.
  {
    key: 'asks_price',
    kind: 'verbal',
    weight: 15,
    fits: ['alternative_choice', 'concession', 'balance_sheet'],
    label: text('Спрашивает о цене', 'Asks about the price'),
    help: text(
      'Вопрос о цене значит, что клиент уже примеряет покупку на себя.',
      'A price question means the buyer is already trying the purchase on.',
    ),
  },
  {
    key: 'asks_discount',
    kind: 'verbal',
    weight: 20,
    fits: ['concession', 'last_chance', 'alternative_choice'],
    label: text('Спрашивает о скидках и особых условиях', 'Asks about discounts or special terms'),
    help: text(
      'Торг о скидке — почти всегда торг о том, как купить, а не купить ли.',
      'Haggling over a discount is usually about how to buy, not whether to.',
    ),
  },
  {
    key: 'asks_payment_terms',
    kind: 'verbal',
    weight: 25,
    fits: ['alternative_choice', 'assumptive', 'minor_points'],
    label: text('Спрашивает об условиях оплаты', 'Asks about payment terms'),
    help: text(
      'Рассрочка, счёт, отсрочка: клиент планирует, как будет платить.',
      'Instalments, invoice, deferral: the buyer is planning how to pay.',
    ),
  },
  {
    key: 'asks_delivery',
    kind: 'verbal',
    weight: 25,
    fits: ['assumptive', 'alternative_choice', 'minor_points'],
    label: text('Спрашивает о сроках поставки', 'Asks about delivery dates'),
    help: text(
      'Когда привезут и куда — вопрос человека, который уже ждёт товар.',
      'When and where it arrives is the question of someone already expecting it.',
    ),
  },
  {
    key: 'asks_warranty_service',
    kind: 'verbal',
    weight: 15,
    fits: ['summary', 'minor_points'],
    label: text('Спрашивает о гарантии и сервисе', 'Asks about warranty and service'),
    help: text(
      'Клиент думает о том, как будет жить с покупкой после сделки.',
      'The buyer is thinking about living with the purchase after the deal.',
    ),
  },
  {
    key: 'asks_repeat_detail',
    kind: 'verbal',
    weight: 10,
    fits: ['summary', 'trial_close'],
    label: text('Просит повторить или уточнить деталь', 'Asks to repeat or clarify a detail'),
    help: text(
      'Клиент проверяет то, на что будет опираться его решение.',
      'The buyer is checking what the decision will rest on.',
    ),
  },
  {
    key: 'asks_colleague_opinion',
    kind: 'verbal',
    weight: 10,
    fits: ['balance_sheet', 'summary'],
    label: text('Спрашивает мнение коллеги или ваше', "Asks a colleague's opinion, or yours"),
    help: text(
      'Ищет поддержку решению, которое почти принял.',
      'Looking for support for a decision nearly made.',
    ),
  },
  {
    key: 'speaks_as_owner',
    kind: 'verbal',
    weight: 30,
    fits: ['assumptive', 'direct_request'],
    label: text('Говорит как владелец', 'Speaks as an owner'),
    help: text(
      '«Наша новая линия…», «поставим у входа» — клиент мысленно уже купил.',
      '"Our new line…", "we\'ll put it by the door" — in the buyer\'s mind it is bought.',
    ),
  },
  {
    key: 'agrees_benefits',
    kind: 'verbal',
    weight: 15,
    fits: ['series_of_yes', 'summary', 'direct_request'],
    label: text('Соглашается с выгодами', 'Agrees with the benefits'),
    help: text(
      'Каждое согласие — кирпич для резюме выгод в конце.',
      'Each agreement is a brick for the summary at the end.',
    ),
  },
  {
    key: 'last_small_objection',
    kind: 'verbal',
    weight: 20,
    fits: ['minor_points', 'concession', 'trial_close'],
    label: text('Высказывает последнее мелкое возражение', 'Raises a last small objection'),
    help: text(
      'Мелкое возражение под конец часто просьба помочь решиться, а не отказ.',
      'A small objection at the end is often a request for help deciding, not a no.',
    ),
  },
  // Non-verbal: handling the product and the paperwork say more than a nod.
  {
    key: 'handles_product',
    kind: 'nonverbal',
    weight: 15,
    fits: ['trial_close', 'assumptive'],
    label: text('Берёт в руки, пробует товар', 'Handles or tries the product'),
    help: text(
      'Клиент примеряет вещь к своему делу.',
      'The buyer is fitting the thing to their own work.',
    ),
  },
  {
    key: 'rereads_offer',
    kind: 'nonverbal',
    weight: 15,
    fits: ['summary', 'minor_points'],
    label: text('Перечитывает предложение или договор', 'Rereads the offer or contract'),
    help: text(
      'Внимательное чтение условий — подготовка к подписи.',
      'Careful reading of the terms is getting ready to sign.',
    ),
  },
  {
    key: 'calculates',
    kind: 'nonverbal',
    weight: 20,
    fits: ['balance_sheet', 'alternative_choice', 'concession'],
    label: text('Что-то подсчитывает', 'Calculates'),
    help: text(
      'Считает на калькуляторе или на бумаге: прикидывает окупаемость или бюджет.',
      'Works figures on a calculator or paper: payback or budget.',
    ),
  },
  {
    key: 'nods',
    kind: 'nonverbal',
    weight: 5,
    fits: ['series_of_yes', 'trial_close'],
    label: text('Кивает', 'Nods'),
    help: text(
      'Слабый сигнал сам по себе; сильнее вместе с другими.',
      'A weak signal alone, stronger together with others.',
    ),
  },
  {
    key: 'leans_forward',
    kind: 'nonverbal',
    weight: 5,
    fits: ['trial_close', 'direct_request'],
    label: text('Подаётся вперёд', 'Leans forward'),
    help: text(
      'Интерес вырос: клиент сокращает дистанцию.',
      'Interest has grown: the buyer closes the distance.',
    ),
  },
  {
    key: 'relaxed_posture',
    kind: 'nonverbal',
    weight: 5,
    fits: ['direct_request', 'assumptive'],
    label: text('Расслабленная, открытая поза', 'Relaxed, open posture'),
    help: text(
      'Напряжение ушло — сомнения, скорее всего, тоже.',
      'The tension is gone, and most likely the doubts too.',
    ),
  },
  {
    key: 'consults_colleague',
    kind: 'nonverbal',
    weight: 10,
    fits: ['balance_sheet', 'summary'],
    label: text(
      'Переглядывается, советуется с коллегой',
      'Consults a colleague with a look or a word',
    ),
    help: text(
      'Решение принимают вдвоём: дайте им договориться и помогите доводами.',
      'Two people decide: let them agree and help with arguments.',
    ),
  },
  {
    key: 'looks_at_order_form',
    kind: 'nonverbal',
    weight: 25,
    fits: ['assumptive', 'direct_request'],
    label: text('Смотрит на бланк заказа', 'Looks at the order form'),
    help: text(
      'Взгляд на бланк или ручку — знак, что пора оформлять.',
      'A look at the form or the pen is a sign it is time to write the order.',
    ),
  },
];

export const BUYER_SIGNALS_BY_KEY: ReadonlyMap<string, BuyerSignal> = new Map(
  BUYER_SIGNALS.map((s) => [s.key, s]),
);
