import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en as coreEn } from './core.en';
import { ru as coreRu } from './core.ru';
import * as clients from '../features/clients/texts';
import * as settings from '../features/settings/texts';
import * as desktop from '../platform/texts';
import * as visits from '../features/visits/texts';
import * as agenda from '../features/agenda/texts';
import * as followups from '../features/agenda/followupTexts';
import * as reports from '../features/reports/texts';
import * as program from '../features/program/texts';
import * as sync from '../features/sync/texts';

/**
 * Every feature owns its texts (features/<name>/texts.ts, English and a Russian typed against it);
 * this table mounts them under the feature's key, so `t('clients.form.name')` finds them.
 */
const FEATURE_TEXTS = {
  clients,
  settings,
  visits,
  agenda,
  followups,
  reports,
  program,
  sync,
  desktop,
};

function resourcesFor(language: 'en' | 'ru') {
  const features = Object.fromEntries(
    Object.entries(FEATURE_TEXTS).map(([key, texts]) => [key, texts[language]]),
  );
  return { ...(language === 'en' ? coreEn : coreRu), ...features };
}

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Russian when the system speaks Russian, English otherwise. */
export function systemLanguage(
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): Language {
  const first = (languages[0] ?? '').toLowerCase();
  return first.startsWith('ru') ? 'ru' : 'en';
}

export function initI18n(language: Language) {
  void i18next.use(initReactI18next).init({
    resources: { ru: { translation: resourcesFor('ru') }, en: { translation: resourcesFor('en') } },
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
