// What a rep reads on the screen, in both languages. Tests find controls by these accessible
// names, as a rep finds them by eye; a renamed control is a change the tests should notice.
export const LABELS = {
  ru: {
    clients: 'Клиенты',
    agenda: 'План',
    visits: 'Визиты',
    reports: 'Отчёты',
    sync: 'Синхронизация',
    settings: 'Настройки',
    newClient: 'Новый клиент',
    clientName: 'Название или имя клиента',
    contactPerson: 'Контактное лицо',
    phone: 'Телефон',
    email: 'Эл. почта',
    save: 'Сохранить',
    language: 'Язык',
    loadDemo: 'Загрузить демо-данные',
    demoLoaded: 'Демо-данные загружены',
  },
  en: {
    clients: 'Clients',
    agenda: 'Agenda',
    visits: 'Visits',
    reports: 'Reports',
    sync: 'Sync',
    settings: 'Settings',
    newClient: 'New client',
    clientName: 'Client name',
    contactPerson: 'Contact person',
    phone: 'Phone',
    email: 'E-mail',
    save: 'Save',
    language: 'Language',
    loadDemo: 'Load demo data',
    demoLoaded: 'Demo data loaded',
  },
} as const;

export type Lang = keyof typeof LABELS;
export type Route = 'clients' | 'agenda' | 'visits' | 'reports' | 'sync' | 'settings';
export const ROUTES: readonly Route[] = [
  'clients',
  'agenda',
  'visits',
  'reports',
  'sync',
  'settings',
];
/** The option a rep picks in the Language select; each language is named in itself. */
export const LANGUAGE_OPTION: Record<Lang, string> = { ru: 'Русский', en: 'English' };
export const BROWSER_LOCALE: Record<Lang, string> = { ru: 'ru-RU', en: 'en-US' };
