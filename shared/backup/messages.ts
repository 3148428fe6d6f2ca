import type { BackupErrorCode } from './format';

/** Restore errors in both languages, as i18next resources under `backup.error.<code>`. */
type BackupTexts = { backup: { error: Record<BackupErrorCode, string> } };

export const BACKUP_TEXTS: { en: BackupTexts; ru: BackupTexts } = {
  en: {
    backup: {
      error: {
        not_a_backup:
          'This file is not a Fieldbook backup. Choose the .json file Fieldbook saved as a backup.',
        corrupted:
          'The backup file is damaged (its contents do not match its checksum). Nothing was restored. Try another copy of the backup.',
        newer_version:
          'The backup was made by a newer version of Fieldbook (data version {{fileVersion}}, this app reads up to {{appVersion}}). Update Fieldbook, then restore it. Nothing was restored.',
        unknown_table:
          'The backup holds data this version does not know ({{table}}). Nothing was restored. Update Fieldbook and try again.',
        invalid_record:
          'Record {{index}} in {{table}} is not valid ({{field}}: {{reason}}). Nothing was restored. Try another copy of the backup.',
        invalid_settings:
          'The settings in the backup ({{section}}) are not valid ({{field}}: {{reason}}). Nothing was restored. Try another copy of the backup.',
      },
    },
  },
  ru: {
    backup: {
      error: {
        not_a_backup:
          'Этот файл — не резервная копия Fieldbook. Выберите файл .json, который Fieldbook сохранил как резервную копию.',
        corrupted:
          'Файл резервной копии повреждён (содержимое не совпадает с контрольной суммой). Ничего не восстановлено. Попробуйте другую копию.',
        newer_version:
          'Копия сделана более новой версией Fieldbook (версия данных {{fileVersion}}, это приложение читает до {{appVersion}}). Обновите Fieldbook и восстановите копию. Ничего не восстановлено.',
        unknown_table:
          'В копии есть данные, которых эта версия не знает ({{table}}). Ничего не восстановлено. Обновите Fieldbook и попробуйте снова.',
        invalid_record:
          'Запись {{index}} в {{table}} неверна ({{field}}: {{reason}}). Ничего не восстановлено. Попробуйте другую копию.',
        invalid_settings:
          'Настройки в копии ({{section}}) неверны ({{field}}: {{reason}}). Ничего не восстановлено. Попробуйте другую копию.',
      },
    },
  },
};
