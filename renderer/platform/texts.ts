/** What the rep reads when the desktop (or the browser twin) refuses or fails a request. */
const internalEn =
  'Something went wrong inside Fieldbook. Restart the app; if it happens again, tell support.';
const internalRu =
  'В Fieldbook произошла внутренняя ошибка. Перезапустите приложение; если ошибка повторится, сообщите в поддержку.';

export const en = {
  errors: {
    no_secret_store:
      'This computer has no secure password store, so Fieldbook cannot remember your sign-in. On Linux, install and unlock a keyring (GNOME Keyring or KWallet), then sign in again.',
    invalid_request:
      'The app sent a request the desktop could not accept. Restart Fieldbook; if it happens again, tell support.',
    unknown_channel: internalEn,
    forbidden_sender: internalEn,
    internal: internalEn,
    file_too_large: 'The file is too large to open. Choose a smaller file or split it.',
    file_type_not_allowed:
      'This type of file cannot be opened here. Choose a file with one of the listed extensions.',
    unsafe_url: 'This link was not opened because it looks unsafe. Check the address.',
    notifications_unavailable:
      'System notifications are not available; reminders will appear inside Fieldbook.',
    io_error:
      'The file could not be read or written. Check that the disk has space and the file is not open in another program, then try again.',
  },
  form: {
    limit: '{{length}} of {{max}} characters',
    implausibleDate:
      'The year {{year}} looks wrong. Check the date; if it is right, press Save again.',
  },
  storage: {
    disk_full:
      'the disk is full, so the change was not written; free some disk space (delete files you do not need, empty the Trash)',
    refused:
      'the storage refused the write (this happens when the disk is full); free some disk space, and if it keeps happening, restart Fieldbook',
    too_long: 'a value is too long (at most {{max}} characters); shorten it',
    invalid: 'a value cannot be saved as it is; check the form',
  },
};

export const ru: typeof en = {
  errors: {
    no_secret_store:
      'На этом компьютере нет защищённого хранилища паролей, поэтому Fieldbook не может запомнить вход. В Linux установите и разблокируйте связку ключей (GNOME Keyring или KWallet), затем войдите снова.',
    invalid_request:
      'Приложение отправило запрос, который не удалось выполнить. Перезапустите Fieldbook; если ошибка повторится, сообщите в поддержку.',
    unknown_channel: internalRu,
    forbidden_sender: internalRu,
    internal: internalRu,
    file_too_large: 'Файл слишком большой. Выберите файл поменьше или разделите его.',
    file_type_not_allowed:
      'Файл такого типа здесь открыть нельзя. Выберите файл с одним из указанных расширений.',
    unsafe_url: 'Ссылка не открыта: она выглядит небезопасной. Проверьте адрес.',
    notifications_unavailable:
      'Системные уведомления недоступны; напоминания будут показаны внутри Fieldbook.',
    io_error:
      'Не удалось прочитать или записать файл. Проверьте, что на диске есть место и файл не открыт в другой программе, и повторите попытку.',
  },
  form: {
    limit: '{{length}} из {{max}} знаков',
    implausibleDate:
      'Год {{year}} похож на опечатку. Проверьте дату; если она верна, нажмите «Сохранить» ещё раз.',
  },
  storage: {
    disk_full:
      'на диске закончилось место, изменение не записано; освободите место на диске (удалите ненужные файлы, очистите корзину)',
    refused:
      'хранилище отказалось записать изменение (так бывает, когда диск заполнен); освободите место на диске, а если не поможет, перезапустите Fieldbook',
    too_long: 'значение слишком длинное (не больше {{max}} знаков) — сократите его',
    invalid: 'значение нельзя сохранить в таком виде — проверьте поля формы',
  },
};
