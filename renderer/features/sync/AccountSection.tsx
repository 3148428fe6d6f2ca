import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncAccount } from './data/useSync';
import { diagnose } from '../../sync/problems';
import { useSyncEngine } from './data/useSync';
import { ErrorAlert } from '../../ui/ErrorAlert';

export function AccountSection({ account }: { account: SyncAccount }) {
  const { t } = useTranslation();
  const ids = useId();
  const engine = useSyncEngine();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signOut = async () => {
    setBusy(true);
    setError(null);
    try {
      await engine.signOut();
    } catch (caught) {
      const { problem } = diagnose(caught);
      setError(t(`sync.problems.${problem.code}`, { detail: problem.detail ?? '' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>{t('sync.account.heading')}</h2>
      <p>
        {t('sync.account.signedInAs', {
          name: account.name,
          email: account.email,
          team: account.teamName,
        })}
      </p>
      <p className="muted">{t('sync.account.server', { url: account.serverUrl })}</p>
      <ErrorAlert error={error} />
      <div className="sync-actions">
        <button type="button" disabled={busy} onClick={() => void signOut()}>
          {t('sync.account.signOut')}
        </button>
      </div>
      <p className="muted">{t('sync.account.signOutHint')}</p>
    </section>
  );
}
