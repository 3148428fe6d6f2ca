/** Texts of this feature in both languages; the type keeps Russian in step with English. */
export const en = {
  title: 'Settings',
  language: 'Language',
  theme: 'Theme',
  themes: { system: 'As the system', light: 'Light', dark: 'Dark' },
  storage: 'Storage on this computer',
  persistence: {
    persisted: 'Protected: the browser will not clear Fieldbook’s data to free space.',
    not_persisted:
      'Not protected: under low disk space the browser may clear local data. Sync often.',
    unsupported: 'This browser cannot protect local data from being cleared. Sync often.',
    checking: 'Checking…',
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
  persistence: {
    persisted: 'Защищено: браузер не удалит данные Fieldbook, чтобы освободить место.',
    not_persisted:
      'Не защищено: при нехватке места браузер может удалить локальные данные. Синхронизируйтесь чаще.',
    unsupported:
      'Этот браузер не умеет защищать локальные данные от удаления. Синхронизируйтесь чаще.',
    checking: 'Проверяем…',
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
