import { useTranslation } from 'react-i18next';

/** An honest placeholder for a section that is not built yet. */
export function ComingNextPage({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  return (
    <section className="page page-narrow">
      <h1>{t(titleKey)}</h1>
      <p className="muted">{t('common.comingNext')}</p>
    </section>
  );
}
