/**
 * How each follow-up reads (shared/domain/followups/describe.ts gives the key and the name). The
 * stored title is only a name, so switching the language rewords every follow-up.
 */
export const en = {
  rule: {
    delivery_check: 'Check the delivery: {{name}}',
    installation_check: 'Check the installation: {{name}}',
    training_check: 'Check the staff training: {{name}}',
    payment_check: 'Check the payment: {{name}}',
    post_sale_visit: 'Post-sale visit: {{name}}',
    satisfaction_check: 'Ask how satisfied they are: {{name}}',
    birthday: '{{date}} — birthday: {{name}}. Congratulate',
    birthday_before: '{{date}} — birthday coming: {{name}}',
    birthday_child: '{{date}} — birthday: {{name}}, child of {{parent}}. Congratulate the family',
    birthday_child_before: '{{date}} — birthday coming: {{name}}, child of {{parent}}',
    no_contact: 'No contact for too long: {{name}}',
    problem_due: 'Problem due: {{name}}',
    retention_action: 'Retention step: {{name}}',
    custom: '{{name}}',
  },
};

export const ru: typeof en = {
  rule: {
    delivery_check: 'Проверить поставку: {{name}}',
    installation_check: 'Проверить установку: {{name}}',
    training_check: 'Проверить обучение персонала: {{name}}',
    payment_check: 'Проверить оплату: {{name}}',
    post_sale_visit: 'Послепродажный визит: {{name}}',
    satisfaction_check: 'Узнать, доволен ли клиент: {{name}}',
    birthday: '{{date}} — день рождения: {{name}}. Поздравить',
    birthday_before: '{{date}} — скоро день рождения: {{name}}',
    birthday_child: '{{date}} — день рождения: {{name}}, ребёнок ({{parent}}). Поздравить семью',
    birthday_child_before: '{{date}} — скоро день рождения: {{name}}, ребёнок ({{parent}})',
    no_contact: 'Давно не общались: {{name}}',
    problem_due: 'Срок решения проблемы: {{name}}',
    retention_action: 'Шаг плана удержания: {{name}}',
    custom: '{{name}}',
  },
};
