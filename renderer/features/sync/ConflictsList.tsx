import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRefusal, useKeepServerVersionForAll, useUnresolvedConflicts } from './data/useSync';
import { ConflictItem } from './ConflictItem';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** Every value that lost a merge and waits for the rep: nothing disappears silently. */
export function ConflictsList() {
  const { t } = useTranslation();
  const ids = useId();
  const conflicts = useUnresolvedConflicts();
  const keepAll = useKeepServerVersionForAll();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refused = conflicts?.filter(isRefusal).length ?? 0;

  const onKeepAll = async () => {
    setError(null);
    try {
      await keepAll();
      setDone(true);
    } catch (caught) {
      setError(t('sync.conflicts.failed', { reason: (caught as Error).message }));
    }
  };

  return (
    <section aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('sync.conflicts.heading')}</h2>
      {conflicts !== undefined && conflicts.length === 0 && (
        <p className="muted" role={done ? 'status' : undefined}>
          {done ? t('sync.conflicts.refused.allDone') : t('sync.conflicts.none')}
        </p>
      )}
      {conflicts !== undefined && conflicts.length > 0 && (
        <>
          <p>{t('sync.conflicts.intro')}</p>
          {refused > 1 && (
            <div className="sync-actions">
              <button type="button" className="primary" onClick={() => void onKeepAll()}>
                {t('sync.conflicts.refused.keepServerAll', { count: refused })}
              </button>
            </div>
          )}
          <ErrorAlert error={error} />
          <ul className="sync-list" aria-label={t('sync.conflicts.heading')}>
            {conflicts.map((conflict) => (
              <li key={conflict.id}>
                <ConflictItem conflict={conflict} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
