import { useTranslation } from 'react-i18next';
import type { DatabaseOpenError } from '../data/open';

export function DatabaseErrorScreen({ error }: { error: DatabaseOpenError }) {
  const { t } = useTranslation();
  return (
    <main className="page page-narrow" role="alert">
      <h1>{t('dbError.title')}</h1>
      <p>{t(`dbError.${error.failure}`)}</p>
      {error.failure === 'unknown' && (
        <details>
          <summary>{t('dbError.details')}</summary>
          <pre>{error.detail}</pre>
        </details>
      )}
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        {t('dbError.reload')}
      </button>
    </main>
  );
}
