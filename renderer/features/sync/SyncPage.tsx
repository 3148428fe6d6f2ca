import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountSection } from './AccountSection';
import { ConflictsList } from './ConflictsList';
import { SignInForm } from './SignInForm';
import { StatusSection } from './StatusSection';
import { useSyncEngine, useSyncMeta, useSyncStatus } from './data/useSync';
import './sync.css';

/** Settings → Sync: server and account, the state of sync, the held mass delete, conflicts. */
export function SyncPage() {
  const { t } = useTranslation();
  const engine = useSyncEngine();
  const { account, held, clockAheadMs, phase } = useSyncStatus((s) => s);
  const meta = useSyncMeta();
  const sameOrigin = useServingSyncServer();
  const lastServerUrl = meta?.flags.scope?.split(' ')[0] || sameOrigin;
  // The shell's badge starts the engine; starting twice is harmless, and this screen needs it.
  useEffect(() => {
    void engine.start();
  }, [engine]);

  return (
    <section className="page page-narrow sync-page">
      <h1>{t('sync.title')}</h1>
      {account ? (
        <AccountSection account={account} />
      ) : (
        phase !== 'starting' &&
        meta &&
        sameOrigin !== undefined && <SignInForm lastServerUrl={lastServerUrl ?? ''} />
      )}
      <StatusSection />
      {held && (
        <section aria-label={t('sync.status.phase.held')} className="warning">
          <p role="alert">{t('sync.held.text', held)}</p>
          <div className="sync-actions">
            <button type="button" onClick={() => void engine.confirmMassDelete()}>
              {t('sync.held.apply')}
            </button>
          </div>
        </section>
      )}
      {clockAheadMs !== null && clockAheadMs > 0 && (
        <p className="warning" role="alert">
          {t('sync.clockAhead', { minutes: Math.round(clockAheadMs / 60_000) })}
        </p>
      )}
      <ConflictsList />
    </section>
  );
}

/**
 * When the app was served by the sync server itself (npm run server), its own address is the
 * server to sign in to: asked once from /v1/health on this origin. '' when not (Electron, vite).
 */
function useServingSyncServer(): string | undefined {
  const [origin, setOrigin] = useState<string | undefined>(undefined);
  useEffect(() => {
    const here = window.location;
    if (!/^https?:$/.test(here.protocol) || typeof fetch !== 'function') {
      setOrigin('');
      return;
    }
    let live = true;
    fetch(`${here.origin}/v1/health`)
      .then(async (r) => (r.ok ? ((await r.json()) as { protocolVersions?: unknown }) : null))
      .then((body) => live && setOrigin(Array.isArray(body?.protocolVersions) ? here.origin : ''))
      .catch(() => live && setOrigin(''));
    return () => {
      live = false;
    };
  }, []);
  return origin;
}
