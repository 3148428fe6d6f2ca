import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../../i18n';
import { useUi, type Theme } from '../../store/ui';
import { requestPersistentStorage, type PersistenceState } from '../../data/open';
import { BackupSettings } from '../backup';
import { ProgramSettings } from '../program';
import { AboutSection } from './AboutSection';
import { CadenceSettingsSection } from './CadenceSettingsSection';
import { DemoDataSection } from './DemoDataSection';
import { ShortcutsSection } from './ShortcutsSection';

const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English' };

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const { theme, setTheme, setLanguage: rememberLanguage } = useUi();
  const [persistence, setPersistence] = useState<PersistenceState | null>(null);

  useEffect(() => {
    let live = true;
    void requestPersistentStorage().then((state) => live && setPersistence(state));
    return () => {
      live = false;
    };
  }, []);

  const changeLanguage = async (language: Language) => {
    rememberLanguage(language);
    await setLanguage(language);
  };

  return (
    <section className="page page-narrow">
      <h1>{t('settings.title')}</h1>
      <div className="field">
        <label htmlFor={`${ids}-lang`}>{t('settings.language')}</label>
        <select
          id={`${ids}-lang`}
          value={i18n.language}
          onChange={(e) => void changeLanguage(e.target.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-theme`}>{t('settings.theme')}</label>
        <select
          id={`${ids}-theme`}
          value={theme}
          onChange={(e) => setTheme(e.target.value as Theme)}
        >
          {(['system', 'light', 'dark'] as const).map((th) => (
            <option key={th} value={th}>
              {t(`settings.themes.${th}`)}
            </option>
          ))}
        </select>
      </div>
      <ShortcutsSection />
      <h2>{t('settings.storage')}</h2>
      <p className={persistence === 'persisted' ? '' : 'warning'} aria-live="polite">
        {t(`settings.persistence.${persistence ?? 'checking'}`)}
      </p>
      <BackupSettings />
      <CadenceSettingsSection />
      <ProgramSettings />
      <DemoDataSection />
      <AboutSection />
    </section>
  );
}
