import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Russian when the system speaks Russian, English otherwise. */
export function systemLanguage(
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): Language {
  const first = (languages[0] ?? '').toLowerCase();
  return first.startsWith('ru') ? 'ru' : 'en';
}

/** Starts i18next with the app's texts (renderer/app/i18n.ts gathers them from the features). */
export function startI18n(language: Language, texts: Record<Language, object>) {
  void i18next.use(initReactI18next).init({
    resources: { ru: { translation: texts.ru }, en: { translation: texts.en } },
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
