import type { en } from './core.en';

/** Русские тексты; ключи совпадают с en.ts. */
export const ru: typeof en = {
  app: {
    name: 'Fieldbook',
    skipToContent: 'Перейти к содержимому',
    navigation: 'Основная навигация',
  },
  nav: {
    clients: 'Клиенты',
    agenda: 'План',
    visits: 'Визиты',
    reports: 'Отчёты',
    trash: 'Корзина',
    import: 'Импорт',
    sync: 'Синхронизация',
    settings: 'Настройки',
  },
  common: {
    save: 'Сохранить',
    cancel: 'Отмена',
    close: 'Закрыть',
    saving: 'Сохранение…',
    saved: 'Сохранено',
    notSet: 'не указано',
    comingNext: 'Этот раздел Fieldbook появится в следующих версиях.',
  },
  agenda: { title: 'План' },
  visits: { title: 'Визиты' },
  reports: { title: 'Отчёты' },
  sync: { title: 'Синхронизация' },
  dbError: {
    title: 'Fieldbook не может открыть свои данные',
    newer_version:
      'Эти данные уже открывала более новая версия Fieldbook. Установите последнюю версию и запустите снова. Ничего не изменено.',
    unavailable:
      'Браузер не разрешает хранить данные (например, в приватном окне). Откройте Fieldbook в обычном окне.',
    quota: 'Диск заполнен. Освободите место и запустите Fieldbook снова. Ваши данные целы.',
    blocked:
      'Данные заняты другим окном Fieldbook. Закройте остальные окна Fieldbook и обновите страницу.',
    unknown:
      'Непредвиденная ошибка помешала открыть данные. Обновите страницу; если не поможет, сообщите в ИТ: {{detail}}',
    reload: 'Обновить',
  },
};
