import type { ChecklistTemplate } from '../checklist';
import { CROSS_SELL_KINDS } from '../purchase';
import { builtinTemplate, text } from './builtin';

/** Item keys the post-sale logic and the report read. */
export const POST_SALE_ITEMS = {
  promises: 'promises',
  delivery: 'delivery_check',
  installation: 'installation_check',
  training: 'training_check',
  payment: 'payment_check',
  problemsFound: 'problems_found',
  problemsSummary: 'problems_summary',
  satisfaction: 'satisfaction',
  wouldRecommend: 'would_recommend',
  buyAgain: 'buy_again',
  declinedCheaperOffer: 'declined_cheaper_offer',
  crossSell: 'cross_sell_interest',
  referrals: 'referrals',
  review: 'review',
  nextSteps: 'next_steps',
} as const;

export const BUY_AGAIN_OPTIONS = ['definitely', 'probably', 'unsure', 'unlikely'] as const;

const followThroughOptions = [
  { key: 'as_agreed', label: text('Как договаривались', 'As agreed') },
  { key: 'with_issues', label: text('С замечаниями', 'With issues') },
  { key: 'not_yet', label: text('Ещё не сделано', 'Not done yet') },
  { key: 'not_applicable', label: text('Не требуется', 'Not needed') },
];

function followThrough(key: string, label: [string, string], help: [string, string]) {
  return {
    key,
    type: 'choice' as const,
    multiple: false,
    required: true,
    label: text(...label),
    help: text(...help),
    options: followThroughOptions,
  };
}

const crossSellLabels: Record<(typeof CROSS_SELL_KINDS)[number], [string, string]> = {
  consumables: ['Расходные материалы', 'Consumables'],
  spare_parts: ['Запасные части', 'Spare parts'],
  service_contract: ['Сервисный договор', 'Service contract'],
  training: ['Обучение персонала', 'Staff training'],
};

export const POST_SALE_TEMPLATE: ChecklistTemplate = builtinTemplate({
  serial: 2,
  key: 'post_sale_visit',
  version: 1,
  purpose: 'post_sale',
  title: text('Послепродажный визит', 'Post-sale visit'),
  steps: [
    {
      key: 'promises',
      title: text('Обещания и реальность', 'Promise and reality'),
      help: text(
        'Главная задача визита: по каждому обещанию, ради которого купили, — реальность ниже, так же или лучше?',
        'The main task of the visit: for each promise the purchase was made for, did reality fall short, match or exceed it?',
      ),
      items: [
        {
          key: POST_SALE_ITEMS.promises,
          type: 'promise_vs_reality',
          required: true,
          label: text('Обещанные выгоды', 'Promised benefits'),
          help: text(
            'Если ниже ожидания — запишите, что именно, и заведите проблему.',
            'If it fell short, say what exactly and open a problem.',
          ),
        },
      ],
    },
    {
      key: 'follow_through',
      title: text('Исполнение договора', 'Follow-through'),
      help: text(
        'Самая частая претензия — «почему я до сих пор не получил то, за что заплатил?»',
        'The most common complaint: "why haven\'t I received what I paid for?"',
      ),
      items: [
        followThrough(
          POST_SALE_ITEMS.delivery,
          ['Поставка', 'Delivery'],
          ['В срок, полностью, без повреждений.', 'On time, complete, undamaged.'],
        ),
        followThrough(
          POST_SALE_ITEMS.installation,
          ['Установка, монтаж', 'Installation'],
          ['Смонтировано и работает.', 'Installed and working.'],
        ),
        followThrough(
          POST_SALE_ITEMS.training,
          ['Обучение персонала', 'Staff training'],
          ['Сотрудники клиента умеют пользоваться.', "The client's staff can use it."],
        ),
        followThrough(
          POST_SALE_ITEMS.payment,
          ['Оплата', 'Payment'],
          ['Оплачено в срок и полностью.', 'Paid in full and on time.'],
        ),
      ],
    },
    {
      key: 'problems',
      title: text('Проблемы', 'Problems'),
      help: text(
        'Каждую проблему исправляем до полного удовлетворения клиента, особенно если виноваты мы.',
        "Each problem is fixed to the client's full satisfaction, above all when it is our fault.",
      ),
      items: [
        {
          key: POST_SALE_ITEMS.problemsFound,
          type: 'check',
          required: false,
          label: text('Найдены проблемы', 'Problems found'),
          help: text(
            'Заведите каждую с ответственным и сроком.',
            'Add each one with an owner and a due date.',
          ),
        },
        {
          key: POST_SALE_ITEMS.problemsSummary,
          type: 'long_text',
          required: false,
          when: { item: POST_SALE_ITEMS.problemsFound, anyOf: ['true'] },
          label: text('Что не так', 'What is wrong'),
        },
      ],
    },
    {
      key: 'satisfaction',
      title: text('Удовлетворённость и лояльность', 'Satisfaction and loyalty'),
      items: [
        {
          key: POST_SALE_ITEMS.satisfaction,
          type: 'scale',
          min: 1,
          max: 5,
          required: true,
          label: text('Насколько клиент доволен покупкой', 'How satisfied the client is'),
          help: text(
            '1 — совсем недоволен, 5 — полностью доволен.',
            '1: not at all, 5: completely.',
          ),
        },
        {
          key: POST_SALE_ITEMS.wouldRecommend,
          type: 'scale',
          min: 0,
          max: 10,
          required: true,
          label: text('Порекомендует ли нас знакомым', 'Would they recommend us'),
          help: text('0 — ни за что, 10 — обязательно.', '0: never, 10: certainly.'),
        },
        {
          key: POST_SALE_ITEMS.buyAgain,
          type: 'choice',
          multiple: false,
          required: true,
          label: text('Купит ли снова', 'Would they buy again'),
          help: text('Задаёт начальный уровень лояльности.', 'Sets the starting loyalty level.'),
          options: [
            { key: 'definitely', label: text('Да, обязательно', 'Yes, certainly') },
            { key: 'probably', label: text('Скорее да', 'Probably') },
            { key: 'unsure', label: text('Пока не знает', 'Not sure yet') },
            { key: 'unlikely', label: text('Скорее нет', 'Unlikely') },
          ],
        },
        {
          key: POST_SALE_ITEMS.declinedCheaperOffer,
          type: 'check',
          required: false,
          label: text(
            'Отказался от более дешёвого предложения конкурента',
            "Turned down a competitor's cheaper offer",
          ),
          help: text('Лояльность доказана только так.', 'Only this proves loyalty.'),
        },
      ],
    },
    {
      key: 'growth',
      title: text('Рекомендации и допродажи', 'Referrals and cross-selling'),
      help: text(
        'Довольный клиент после покупки — лучший момент попросить рекомендации.',
        'A satisfied client right after the purchase is the best moment to ask for referrals.',
      ),
      items: [
        {
          key: POST_SALE_ITEMS.crossSell,
          type: 'choice',
          multiple: true,
          required: false,
          label: text('Интерес к сопутствующему', 'Interest in related offers'),
          help: text(
            'Сервис, запчасти и расходники часто выгоднее самого оборудования.',
            'Service, spare parts and consumables often earn more than the equipment itself.',
          ),
          options: CROSS_SELL_KINDS.map((k) => ({ key: k, label: text(...crossSellLabels[k]) })),
        },
        {
          key: POST_SALE_ITEMS.referrals,
          type: 'choice',
          multiple: false,
          required: true,
          label: text('Рекомендации', 'Referrals'),
          options: [
            {
              key: 'given',
              label: text('Клиент назвал, к кому обратиться', 'The client named people to contact'),
            },
            { key: 'asked_none', label: text('Спросил, пока никого', 'Asked, none for now') },
            { key: 'not_asked', label: text('Не спрашивал', 'Not asked') },
          ],
        },
        {
          key: POST_SALE_ITEMS.review,
          type: 'choice',
          multiple: false,
          required: false,
          label: text('Отзыв', 'Review or testimonial'),
          options: [
            { key: 'agreed', label: text('Согласился написать', 'Agreed to give one') },
            { key: 'declined', label: text('Отказался', 'Declined') },
            { key: 'not_asked', label: text('Не спрашивал', 'Not asked') },
          ],
        },
      ],
    },
    {
      key: 'next',
      title: text('Дальше', 'Next'),
      items: [
        {
          key: POST_SALE_ITEMS.nextSteps,
          type: 'long_text',
          required: false,
          label: text('О чём договорились', 'What you agreed next'),
        },
      ],
    },
  ],
});
