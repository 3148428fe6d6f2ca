/**
 * Texts of the client book in both languages, mounted under `clients` (renderer/i18n). Each part
 * lives in its own file; the Russian of each is typed against its English.
 */
import { enBook } from './texts.en';
import { ruBook } from './texts.ru';
import { enImport, ruImport } from '../import/texts';
import { enBackup, ruBackup } from '../backup/texts';

export const en = { ...enBook, import: enImport, backup: enBackup };
export const ru: typeof en = { ...ruBook, import: ruImport, backup: ruBackup };
