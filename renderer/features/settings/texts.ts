/** Texts of this feature in both languages; the type keeps Russian in step with English. */
export const en = {
  title: 'Settings',
  language: 'Language',
  theme: 'Theme',
  themes: { system: 'As the system', light: 'Light', dark: 'Dark' },
  storage: 'Storage on this computer',
  shortcuts: {
    title: 'Keyboard shortcuts',
    singleKey: 'Single-key shortcuts (“/” and “n”)',
    singleKeyHint:
      'Turn off if stray keys or speech input set them off; the same actions stay in the buttons.',
    list: 'Shortcuts',
    slash: 'Go to the client search (client list; single key)',
    n: 'New client (client list; single key)',
    visitNext: 'Next / previous step in a visit',
    visitStep: 'Go to step 1…9 in a visit',
    visitNotes: 'Notes in a visit',
    visitFinish: 'To the finishing step in a visit',
    off: 'off',
  },
  persistence: {
    persisted: 'Protected: the browser will not clear Fieldbook’s data to free space.',
    not_persisted:
      'Not protected: under low disk space the browser may clear local data. Sync often.',
    unsupported: 'This browser cannot protect local data from being cleared. Sync often.',
    checking: 'Checking…',
  },
  cadence: {
    title: 'Contact cadence',
    intro:
      'How many days a client may go without contact before it needs attention. A client’s own cadence (on its card) comes first, then the shortest cadence among its tags, then its status, then the general default.',
    defaultDays: 'General default, days',
    byStatus: 'By status, days',
    byStatusHint: 'Empty: the general default.',
    byTag: 'By tag, days',
    byTagHint:
      'For clients with one of these tags; with several, the shortest wins. Case does not matter.',
    noTags: 'No tag has its own cadence yet.',
    tag: 'Tag {{n}}',
    tagDays: 'Days for tag {{n}}',
    addTag: 'Add a tag',
    removeTag: 'Remove tag {{tag}}',
    save: 'Save cadence',
    saved: 'Cadence saved. Health, the list and the follow-ups now use it.',
    fix: 'Nothing was saved: fix the marked fields, then save again.',
    failed: 'The cadence could not be saved: {{reason}}. What you typed is still here; try again.',
    errors: {
      days: 'Enter a whole number of days from 1 to 3650.',
      required: 'Enter a number of days.',
      tagEmpty: 'Enter the tag, or remove this row.',
      tagLong: 'A tag is at most 60 characters.',
      tagTwice: 'This tag is already in the list.',
    },
  },
  about: 'About',
  version: 'Version {{version}} · {{platform}}',
  demo: {
    title: 'Demo data',
    hint: 'Adds invented clients, people, purchases, visits and notes so you can try Fieldbook.',
    load: 'Load demo data',
    loading: 'Loading demo data…',
    loaded: 'Demo data loaded: {{count}} records.',
    failed: 'Demo data could not be loaded: {{reason}}. Nothing of your own was changed.',
  },
};

export const ru: typeof en = {
  title: 'Настройки',
  language: 'Язык',
  theme: 'Оформление',
  themes: { system: 'Как в системе', light: 'Светлое', dark: 'Тёмное' },
  storage: 'Хранение данных на этом компьютере',
  shortcuts: {
    title: 'Клавиши',
    singleKey: 'Клавиши из одного символа («/» и «n»)',
    singleKeyHint:
      'Выключите, если они срабатывают от случайных нажатий или голосового ввода; те же действия остаются на кнопках.',
    list: 'Сочетания клавиш',
    slash: 'Перейти к поиску клиентов (список клиентов; одна клавиша)',
    n: 'Новый клиент (список клиентов; одна клавиша)',
    visitNext: 'Следующий / предыдущий шаг визита',
    visitStep: 'Перейти к шагу 1…9 визита',
    visitNotes: 'Заметки визита',
    visitFinish: 'К завершению визита',
    off: 'выключено',
  },
  persistence: {
    persisted: 'Защищено: браузер не удалит данные Fieldbook, чтобы освободить место.',
    not_persisted:
      'Не защищено: при нехватке места браузер может удалить локальные данные. Синхронизируйтесь чаще.',
    unsupported:
      'Этот браузер не умеет защищать локальные данные от удаления. Синхронизируйтесь чаще.',
    checking: 'Проверяем…',
  },
  cadence: {
    title: 'Как часто связываться',
    intro:
      'Сколько дней клиент может оставаться без связи, прежде чем потребует внимания. Сначала действует срок, заданный в карточке клиента, затем самый короткий срок среди его меток, затем срок по статусу, затем общий.',
    defaultDays: 'Общий срок, дней',
    byStatus: 'По статусу, дней',
    byStatusHint: 'Пусто — общий срок.',
    byTag: 'По метке, дней',
    byTagHint:
      'Для клиентов с такой меткой; если меток несколько, действует самый короткий срок. Регистр не важен.',
    noTags: 'Ни для одной метки свой срок пока не задан.',
    tag: 'Метка {{n}}',
    tagDays: 'Дней для метки {{n}}',
    addTag: 'Добавить метку',
    removeTag: 'Убрать метку {{tag}}',
    save: 'Сохранить сроки',
    saved: 'Сроки сохранены. Состояние клиентов, список и задачи уже считаются по ним.',
    fix: 'Ничего не сохранено: исправьте отмеченные поля и сохраните снова.',
    failed:
      'Не удалось сохранить сроки: {{reason}}. Введённое осталось в форме — попробуйте ещё раз.',
    errors: {
      days: 'Введите целое число дней от 1 до 3650.',
      required: 'Введите число дней.',
      tagEmpty: 'Введите метку или уберите эту строку.',
      tagLong: 'Метка — не длиннее 60 знаков.',
      tagTwice: 'Эта метка уже есть в списке.',
    },
  },
  about: 'О программе',
  version: 'Версия {{version}} · {{platform}}',
  demo: {
    title: 'Демо-данные',
    hint: 'Добавляет вымышленных клиентов, контакты, покупки, визиты и заметки, чтобы попробовать Fieldbook.',
    load: 'Загрузить демо-данные',
    loading: 'Загружаем демо-данные…',
    loaded: 'Демо-данные загружены, записей: {{count}}.',
    failed: 'Не удалось загрузить демо-данные: {{reason}}. Ваши собственные данные не изменены.',
  },
};
