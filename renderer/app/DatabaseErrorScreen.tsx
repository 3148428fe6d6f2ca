import { useTranslation } from 'react-i18next';
import type { DatabaseOpenError } from '../data/open';

export function DatabaseErrorScreen({ error }: { error: DatabaseOpenError }) {
  const { t } = useTranslation();
  return (
    <main className="page page-narrow" role="alert">
      <h1>{t('dbError.title')}</h1>
      <p>{t(`dbError.${error.failure}`, { detail: error.detail })}</p>
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        {t('dbError.reload')}
      </button>
    </main>
  );
}
