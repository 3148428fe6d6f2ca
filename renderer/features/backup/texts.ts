/** Texts of the backup section in Settings; the restore errors come from shared/backup. */
import { BACKUP_TEXTS } from '../../../shared/backup';
import { enPlural, ruPlural } from '../../i18n/plural';

const enBackupUi = {
  title: 'Backup',
  intro:
    'Save the whole client book (clients, people, purchases, visits, notes, follow-ups) to one file, and restore it on this or another computer. Restoring replaces everything on this device.',
  save: 'Save a backup…',
  restore: 'Restore from a backup…',
  busy: {
    saving: 'Preparing the backup…',
    checking: 'Checking the backup file…',
    restoring: 'Restoring…',
  },
  saved: 'Backup saved.',
  saveFailed: 'The backup could not be saved. Try again, or choose another folder.',
  tooLarge:
    'The book is too large for one backup file here. Ask IT to back up the data folder instead.',
  openFailed: 'The file could not be opened. Try again, or copy it to this computer first.',
  fileTooLarge: 'The file is too large to be a Fieldbook backup. Choose the backup .json file.',
  ...enPlural(
    'confirm',
    '{{file}} is a valid backup from {{when}} with {{count}} client. Restoring replaces all data on this device with it.',
    '{{file}} is a valid backup from {{when}} with {{count}} clients. Restoring replaces all data on this device with it.',
  ),
  confirmRestore: 'Replace my data with this backup',
  ...enPlural(
    'restored',
    'Backup restored: {{count}} client.',
    'Backup restored: {{count}} clients.',
  ),
  restoreFailed: 'The restore failed and your data is unchanged: {{reason}}',
};

const ruBackupUi: typeof enBackupUi = {
  title: 'Резервная копия',
  intro:
    'Сохраните всю клиентскую базу (клиенты, люди, покупки, визиты, заметки, задачи) в один файл и восстановите её на этом или другом компьютере. Восстановление заменяет все данные на этом устройстве.',
  save: 'Сохранить копию…',
  restore: 'Восстановить из копии…',
  busy: {
    saving: 'Готовим резервную копию…',
    checking: 'Проверяем файл копии…',
    restoring: 'Восстанавливаем…',
  },
  saved: 'Резервная копия сохранена.',
  saveFailed: 'Не удалось сохранить копию. Попробуйте ещё раз или выберите другую папку.',
  tooLarge:
    'База слишком большая для одного файла копии. Попросите ИТ сделать копию папки с данными.',
  openFailed:
    'Не удалось открыть файл. Попробуйте ещё раз или сначала скопируйте его на этот компьютер.',
  fileTooLarge: 'Файл слишком большой для копии Fieldbook. Выберите файл копии .json.',
  ...ruPlural(
    'confirm',
    '{{file}} — исправная копия от {{when}}, в ней {{count}} клиент. Восстановление заменит ею все данные на этом устройстве.',
    '{{file}} — исправная копия от {{when}}, в ней {{count}} клиента. Восстановление заменит ею все данные на этом устройстве.',
    '{{file}} — исправная копия от {{when}}, в ней {{count}} клиентов. Восстановление заменит ею все данные на этом устройстве.',
  ),
  confirmRestore: 'Заменить мои данные этой копией',
  ...ruPlural(
    'restored',
    'Копия восстановлена: {{count}} клиент.',
    'Копия восстановлена: {{count}} клиента.',
    'Копия восстановлена: {{count}} клиентов.',
  ),
  restoreFailed: 'Восстановить не удалось, ваши данные не изменились: {{reason}}',
};

export const enBackup = { ...BACKUP_TEXTS.en.backup, ...enBackupUi };
export const ruBackup: typeof enBackup = { ...BACKUP_TEXTS.ru.backup, ...ruBackupUi };
