/**
 * Texts of the client book in both languages, mounted under `clients` (renderer/i18n). Each part
 * lives in its own file; the Russian of each is typed against its English.
 */
import { enBook } from './texts.en';
import { ruBook } from './texts.ru';

export const en = enBook;
export const ru: typeof en = ruBook;
