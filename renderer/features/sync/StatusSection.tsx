import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWhen } from './format';
import { usePendingCount, useSyncEngine, useSyncStatus } from './data/useSync';

/** What the sync is doing, what waits to be sent, and the current problem in the rep's words. */
export function StatusSection() {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const engine = useSyncEngine();
  const { phase, problem, lastSyncAt, nextAttemptAt, account } = useSyncStatus((s) => s);
  const pending = usePendingCount();

  return (
    <section aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('sync.status.heading')}</h2>
      <p role="status" aria-live="polite">
        {t(`sync.status.phase.${phase}`)}
      </p>
      {problem && (
        <p className="error" role="alert">
          {t(`sync.problems.${problem.code}`, { detail: problem.detail ?? '' })}
        </p>
      )}
      <p>
        {lastSyncAt
          ? t('sync.status.lastSync', { when: formatWhen(lastSyncAt, i18n.language) })
          : t('sync.status.never')}
      </p>
      {pending !== undefined && (
        <p>
          {pending > 0
            ? t('sync.status.pending', { count: pending })
            : t('sync.status.nothingPending')}
        </p>
      )}
      {nextAttemptAt !== null && phase !== 'idle' && (
        <p className="muted">
          {t('sync.status.nextAttempt', { time: formatWhen(nextAttemptAt, i18n.language) })}
        </p>
      )}
      {account && (
        <div className="sync-actions">
          <button
            type="button"
            disabled={phase === 'syncing'}
            onClick={() => void engine.syncNow()}
          >
            {t('sync.status.syncNow')}
          </button>
        </div>
      )}
    </section>
  );
}
