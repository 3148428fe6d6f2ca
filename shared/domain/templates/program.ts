import type { ChecklistTemplate, LocalizedText } from '../checklist';
import {
  DEFAULT_PROGRAM,
  HORIZON_LIMITS,
  HORIZON_STEP,
  PROGRAM_ITEMS,
  PROGRAM_RULE_KINDS,
  PROGRAM_RULES,
  type Program,
  type ProgramRuleKind,
  type RuleDaysMeaning,
} from '../program';
import { builtinTemplate, text } from './builtin';

/** Names of the rules as management and reps see them. */
export const PROGRAM_RULE_TITLES: Record<ProgramRuleKind, LocalizedText> = {
  delivery_check: text('Проверка поставки в срок поставки', 'Delivery check on the delivery date'),
  installation_check: text('Проверка установки в её срок', 'Installation check on its date'),
  training_check: text('Проверка обучения в его срок', 'Training check on its date'),
  payment_check: text('Проверка оплаты в срок оплаты', 'Payment check on the payment date'),
  post_sale_visit: text('Послепродажный визит после поставки', 'Post-sale visit after delivery'),
  satisfaction_check: text(
    'Вопрос об удовлетворённости после поставки',
    'Satisfaction check after delivery',
  ),
  birthday: text('Поздравление с днём рождения (и детей)', 'Birthday greetings (children too)'),
  no_contact: text(
    'Давно не общались — по частоте контактов клиента',
    "No contact for too long, by the client's cadence",
  ),
  problem_due: text('Срок решения проблемы', 'Problem due date'),
  retention_action: text('Шаги плана удержания', 'Retention plan actions'),
};

const DAYS_LABELS: Record<Exclude<RuleDaysMeaning, null>, LocalizedText> = {
  days_after_due: text('Через сколько дней после срока', 'Days after the due date'),
  days_after_delivery: text('Через сколько дней после поставки', 'Days after delivery'),
  days_before_birthday: text(
    'За сколько дней напомнить заранее (0 — только в день)',
    'Days ahead to remind (0: on the day only)',
  ),
};

/** The steps of a program template holding `program`'s values; the Settings editor publishes them as a new version. */
export function programSteps(program: Program): ChecklistTemplate['steps'] {
  const ruleSteps = PROGRAM_RULE_KINDS.map((kind) => {
    const info = PROGRAM_RULES[kind];
    const setting = program.rules[kind];
    return {
      key: kind,
      title: PROGRAM_RULE_TITLES[kind],
      items: [
        {
          key: PROGRAM_ITEMS.enabled(kind),
          type: 'check' as const,
          required: false,
          label: text('Правило действует', 'Rule is on'),
          default: setting.enabled,
        },
        ...(info.days === null
          ? []
          : [
              {
                key: PROGRAM_ITEMS.days(kind),
                type: 'scale' as const,
                min: info.min,
                max: info.max,
                required: false,
                label: DAYS_LABELS[info.days],
                default: setting.days,
              },
            ]),
      ],
    };
  });
  return [
    ...ruleSteps,
    {
      key: HORIZON_STEP,
      title: text('Горизонт планирования', 'Planning horizon'),
      items: [
        {
          key: PROGRAM_ITEMS.aheadDays,
          type: 'scale',
          ...HORIZON_LIMITS.aheadDays,
          required: false,
          label: text(
            'Создавать задачи за столько дней до срока',
            'Create follow-ups this many days before they are due',
          ),
          default: program.horizon.aheadDays,
        },
        {
          key: PROGRAM_ITEMS.pastDays,
          type: 'scale',
          ...HORIZON_LIMITS.pastDays,
          required: false,
          label: text(
            'Не создавать задачи по сделкам, просроченные больше чем на (дней)',
            'Skip deal follow-ups overdue by more than (days)',
          ),
          help: text(
            'Чтобы загруженная история старых сделок не завалила план давно прошедшими проверками.',
            'So that an imported history of old deals does not flood the agenda with long-past checks.',
          ),
          default: program.horizon.pastDays,
        },
      ],
    },
  ];
}

export const PROGRAM_TEMPLATE: ChecklistTemplate = builtinTemplate({
  serial: 4,
  key: 'post_sale_program',
  version: 1,
  purpose: 'program',
  title: text('Программа послепродажной работы', 'Post-sale program'),
  steps: programSteps(DEFAULT_PROGRAM),
});
