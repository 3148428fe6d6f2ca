/** Texts of the program and checklist editor in Settings, in both languages. */
export const en = {
  title: 'Post-sale program and checklists',
  intro:
    'Sales management sets the program every rep follows: which follow-ups are planned and when, and what the visit checklists ask.',
  role: {
    manager:
      'You are signed in as a manager: what you publish here becomes the program of every rep of your team.',
    rep: 'This is your company’s program, published by your manager. It is read-only on your account.',
    solo: 'You work without a company server, so the program on this computer is yours to set.',
  },
  unpublishedKept_one:
    '{{count}} checklist you wrote is kept on this computer as a draft; it can be published when this computer is used by a manager or works alone.',
  unpublishedKept_few:
    '{{count}} checklists you wrote are kept on this computer as drafts; they can be published when this computer is used by a manager or works alone.',
  unpublishedKept_many:
    '{{count}} checklists you wrote are kept on this computer as drafts; they can be published when this computer is used by a manager or works alone.',
  unpublishedKept_other:
    '{{count}} checklists you wrote are kept on this computer as drafts; they can be published when this computer is used by a manager or works alone.',
  unpublishedLoaded:
    'Your draft of {{date}} is loaded. Publish it, or discard it to start from the version in force.',
  discardUnpublished: 'Discard the draft',
  managerHint:
    'Changes are published as a new version; visits already filled keep reading with the version they used.',
  rules: 'Follow-up rules in force',
  on: 'on',
  off: 'off',
  days: '{{days}} d',
  version: 'version {{version}}',
  program: {
    title: 'Program',
    enabled: 'Rule is on',
    days: 'Days',
    aheadDays: 'Plan follow-ups this many days ahead',
    pastDays: 'Skip deal follow-ups overdue by more than (days)',
    publish: 'Publish the program',
    published: 'Program version {{version}} published.',
  },
  editor: {
    title: 'Checklist editor',
    template: 'Checklist',
    step: 'Step {{n}}',
    stepTitle: 'Step title',
    itemLabel: 'Question',
    itemHelp: 'Help',
    ru: 'Russian',
    en: 'English',
    required: 'Required',
    type: 'Answer type',
    types: {
      check: 'Tick',
      choice: 'Choice',
      scale: 'Scale',
      short_text: 'Short text',
      long_text: 'Long text',
      date: 'Date',
      promise_vs_reality: 'Promise vs reality',
    },
    options: 'Options',
    option: 'Option {{n}}',
    addOption: 'Add an option',
    multiple: 'Several can be chosen',
    removeItem: 'Remove this question',
    logicItem:
      'Fieldbook reads this answer (readiness, outcome, loyalty), so it cannot be removed.',
    addItem: 'Add a question',
    newItem: 'New question',
    publish: 'Publish as version {{version}}',
    published: '“{{title}}” version {{version}} published.',
    invalid: 'The checklist cannot be published: {{reason}}',
    failed: 'Publishing failed: {{reason}}. Your edits are still here; try again.',
    discard: 'Discard edits',
  },
};

export const ru: typeof en = {
  title: 'Программа послепродажной работы и чек-листы',
  intro:
    'Коммерческое руководство задаёт программу для всех представителей: какие задачи и когда планируются и о чём спрашивают чек-листы визитов.',
  role: {
    manager:
      'Вы вошли как руководитель: опубликованное здесь становится программой всех представителей вашей команды.',
    rep: 'Это программа вашей компании, её публикует руководитель. Для вашей учётной записи она только для чтения.',
    solo: 'Вы работаете без сервера компании, поэтому программу на этом компьютере задаёте вы.',
  },
  unpublishedKept_one:
    '{{count}} написанный вами чек-лист хранится на этом компьютере как черновик; его можно будет опубликовать, когда здесь войдёт руководитель или компьютер будет работать без сервера.',
  unpublishedKept_few:
    '{{count}} написанных вами чек-листа хранятся на этом компьютере как черновики; их можно будет опубликовать, когда здесь войдёт руководитель или компьютер будет работать без сервера.',
  unpublishedKept_many:
    '{{count}} написанных вами чек-листов хранятся на этом компьютере как черновики; их можно будет опубликовать, когда здесь войдёт руководитель или компьютер будет работать без сервера.',
  unpublishedKept_other:
    '{{count}} написанных вами чек-листа хранятся на этом компьютере как черновики; их можно будет опубликовать, когда здесь войдёт руководитель или компьютер будет работать без сервера.',
  unpublishedLoaded:
    'Загружен ваш черновик от {{date}}. Опубликуйте его или удалите, чтобы начать с действующей версии.',
  discardUnpublished: 'Удалить черновик',
  managerHint:
    'Изменения публикуются новой версией; уже заполненные визиты читаются по той версии, с которой их заполняли.',
  rules: 'Действующие правила задач',
  on: 'включено',
  off: 'выключено',
  days: '{{days}} дн.',
  version: 'версия {{version}}',
  program: {
    title: 'Программа',
    enabled: 'Правило действует',
    days: 'Дней',
    aheadDays: 'Планировать задачи за столько дней до срока',
    pastDays: 'Не создавать задачи по сделкам, просроченные больше чем на (дней)',
    publish: 'Опубликовать программу',
    published: 'Опубликована версия программы {{version}}.',
  },
  editor: {
    title: 'Редактор чек-листов',
    template: 'Чек-лист',
    step: 'Шаг {{n}}',
    stepTitle: 'Название шага',
    itemLabel: 'Вопрос',
    itemHelp: 'Подсказка',
    ru: 'По-русски',
    en: 'По-английски',
    required: 'Обязательный',
    type: 'Тип ответа',
    types: {
      check: 'Отметка',
      choice: 'Выбор',
      scale: 'Шкала',
      short_text: 'Короткий текст',
      long_text: 'Длинный текст',
      date: 'Дата',
      promise_vs_reality: 'Обещание и реальность',
    },
    options: 'Варианты',
    option: 'Вариант {{n}}',
    addOption: 'Добавить вариант',
    multiple: 'Можно выбрать несколько',
    removeItem: 'Убрать этот вопрос',
    logicItem:
      'Fieldbook читает этот ответ (готовность, итог, лояльность), поэтому его нельзя убрать.',
    addItem: 'Добавить вопрос',
    newItem: 'Новый вопрос',
    publish: 'Опубликовать как версию {{version}}',
    published: '«{{title}}», версия {{version}}, опубликован.',
    invalid: 'Чек-лист нельзя опубликовать: {{reason}}',
    failed: 'Не удалось опубликовать: {{reason}}. Правки на месте, попробуйте ещё раз.',
    discard: 'Отменить правки',
  },
};
