/** The storage feature's words: the start check, the recovery and the free-space watch. */
export const enStorage = {
  checking: 'Checking your book…',
  lost: {
    title: 'Your book was not found on this computer',
    missing:
      'Fieldbook kept {{clients}} clients and {{notes}} notes here, but the database is gone: the browser or the system discarded it (this happens after the disk fills up). Fieldbook did not delete it.',
    emptied:
      'Fieldbook kept {{clients}} clients and {{notes}} notes here, but the database now holds {{foundClients}} clients and {{foundNotes}} notes.',
    restoring: 'Putting your book back from the local backup and the journal of unsynced changes…',
    restored: 'Your book is back.',
    fromBackup: 'From the automatic backup of {{date}}: the book as it was then.',
    noBackup:
      'There was no readable automatic backup; the records come from the journal and, at the next sync, from the server.',
    unreadableBackups: '{{count}} backup files could not be read and were skipped.',
    fromJournal:
      'Unsynced changes put back from the journal: {{count}}. They will be sent at the next sync.',
    counts:
      'Now on this computer: {{clients}} clients, {{notes}} notes, {{outbox}} changes waiting for sync.',
    serverRest: 'Anything synced before that comes back from the server at the next sync.',
    failed:
      'The book could not be put back yet: {{reason}}. Nothing was deleted: the journal and the backups are kept. Free some disk space, then press «Try again».',
    tryAgain: 'Try again',
    open: 'Open Fieldbook',
  },
  unreadable:
    'Fieldbook could not read its journal of unsynced changes ({{reason}}), so it could not check your book. Your records are shown as the browser keeps them; free some disk space and restart Fieldbook to check again.',
  skipped:
    'The journal had {{count}} damaged lines; they were skipped (the rest of your unsynced changes are kept).',
  noJournal:
    'This browser keeps no second copy of your unsynced changes: sync often, and make backups in Settings.',
  space: {
    low: 'Almost no disk space is left ({{free}} free). Soon Fieldbook will not be able to save your changes. Free some space now: delete files you do not need or empty the Trash, then carry on.',
    ok: 'Disk space: {{free}} free.',
  },
  journal: {
    behind:
      '{{count}} changes are saved only in the browser database for now: their second copy could not be written ({{reason}}). Fieldbook keeps trying; free some disk space.',
  },
  backup: {
    failed: 'The automatic backup could not be written ({{reason}}). Free some disk space.',
  },
  dismiss: 'Hide',
};

export const ruStorage: typeof enStorage = {
  checking: 'Проверяем вашу базу…',
  lost: {
    title: 'Ваша база не найдена на этом компьютере',
    missing:
      'Здесь хранилось клиентов — {{clients}}, заметок — {{notes}}, но базы больше нет: её удалил браузер или система (так бывает после переполнения диска). Fieldbook её не удалял.',
    emptied:
      'Здесь хранилось клиентов — {{clients}}, заметок — {{notes}}, а сейчас в базе клиентов — {{foundClients}}, заметок — {{foundNotes}}.',
    restoring:
      'Восстанавливаем базу из локальной резервной копии и журнала несинхронизированных изменений…',
    restored: 'База восстановлена.',
    fromBackup: 'Из автоматической резервной копии от {{date}}: база в том виде, какой была тогда.',
    noBackup:
      'Читаемой автоматической копии не нашлось; записи восстановлены из журнала, остальное придёт с сервера при следующей синхронизации.',
    unreadableBackups:
      'Файлов резервных копий, которые не удалось прочитать и пришлось пропустить: {{count}}.',
    fromJournal:
      'Несинхронизированных изменений возвращено из журнала: {{count}}. Они уйдут на сервер при следующей синхронизации.',
    counts:
      'Сейчас на этом компьютере: клиентов — {{clients}}, заметок — {{notes}}, изменений ждут синхронизации — {{outbox}}.',
    serverRest:
      'Всё, что было синхронизировано раньше, вернётся с сервера при следующей синхронизации.',
    failed:
      'Пока не удалось восстановить базу: {{reason}}. Ничего не удалено: журнал и резервные копии на месте. Освободите место на диске и нажмите «Попробовать снова».',
    tryAgain: 'Попробовать снова',
    open: 'Открыть Fieldbook',
  },
  unreadable:
    'Fieldbook не смог прочитать журнал несинхронизированных изменений ({{reason}}), поэтому базу проверить не удалось. Записи показаны такими, какими их хранит браузер; освободите место на диске и перезапустите Fieldbook, чтобы проверить снова.',
  skipped:
    'В журнале нашлись повреждённые строки ({{count}}); они пропущены, остальные несинхронизированные изменения сохранены.',
  noJournal:
    'Этот браузер не хранит второй копии несинхронизированных изменений: синхронизируйтесь почаще и делайте резервные копии в настройках.',
  space: {
    low: 'На диске почти не осталось места (свободно {{free}}). Скоро Fieldbook не сможет сохранять изменения. Освободите место сейчас: удалите ненужные файлы или очистите корзину, и продолжайте работу.',
    ok: 'Место на диске: свободно {{free}}.',
  },
  journal: {
    behind:
      'Изменений, которые пока сохранены только в базе браузера: {{count}} — их вторую копию записать не удалось ({{reason}}). Fieldbook продолжает попытки; освободите место на диске.',
  },
  backup: {
    failed:
      'Не удалось записать автоматическую резервную копию ({{reason}}). Освободите место на диске.',
  },
  dismiss: 'Скрыть',
};
