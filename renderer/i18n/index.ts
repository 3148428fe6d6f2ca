import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ru as ruDates, enGB as enDates, type Locale } from 'date-fns/locale';
import { en } from './en';
import { ru } from './ru';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DATE_LOCALES: Record<Language, Locale> = { ru: ruDates, en: enDates };

/** Russian when the system speaks Russian, English otherwise. */
export function systemLanguage(
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): Language {
  const first = (languages[0] ?? '').toLowerCase();
  return first.startsWith('ru') ? 'ru' : 'en';
}

export function initI18n(language: Language) {
  void i18next.use(initReactI18next).init({
    resources: { ru: { translation: ru }, en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function setLanguage(language: Language) {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
