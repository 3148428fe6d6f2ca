/** Texts of the Sync screen and the status badge, mounted under `sync` (renderer/i18n). */
export { en } from './texts.en';
export { ru } from './texts.ru';
