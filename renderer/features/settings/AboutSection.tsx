import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDesktopApi, type AppInfo } from '../../platform';

export function AboutSection() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    getDesktopApi()
      .appInfo()
      .then((i) => live && setInfo(i))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (
    <section aria-labelledby="about-heading" className="settings-section">
      <h2 id="about-heading">{t('settings.about')}</h2>
      <p className="muted">
        {info ? t('settings.version', { version: info.version, platform: info.platform }) : '…'}
      </p>
    </section>
  );
}
