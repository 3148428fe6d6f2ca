/**
 * Before the app opens its book: the start check against the journal's marker. A book that is
 * there opens at once; a missing or emptied one is said plainly and put back (backup + journal),
 * and the rep reads what came back from where before going on.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { repFacingReason } from '../../ui/storageError';
import { useStorage } from './data/useStorage';

export function StorageGate({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const storage = useStorage();
  const gate = storage.gate;
  if (gate.kind === 'ready') return <>{children}</>;
  if (gate.kind === 'checking')
    return (
      <main className="page page-narrow" aria-busy="true">
        <p role="status">{t('storage.checking')}</p>
      </main>
    );
  const { expected, found, why } = gate.lost;
  return (
    <main className="page page-narrow">
      <h1>{t('storage.lost.title')}</h1>
      <p role="alert">
        {t(`storage.lost.${why}`, {
          clients: expected.clients,
          notes: expected.notes,
          foundClients: found.clients,
          foundNotes: found.notes,
        })}
      </p>
      {gate.kind === 'recovering' && <p role="status">{t('storage.lost.restoring')}</p>}
      {gate.kind === 'failed' && (
        <>
          <p className="error" role="alert">
            {t('storage.lost.failed', { reason: repFacingReason(gate.error, t) })}
          </p>
          <button type="button" className="primary" onClick={storage.retry}>
            {t('storage.lost.tryAgain')}
          </button>
        </>
      )}
      {gate.kind === 'recovered' && (
        <section role="status" aria-live="polite">
          <p>
            <strong>{t('storage.lost.restored')}</strong>
          </p>
          <p>
            {gate.recovery.backup
              ? t('storage.lost.fromBackup', {
                  date: new Date(gate.recovery.backup.createdAt).toLocaleString(i18n.language),
                })
              : t('storage.lost.noBackup')}
          </p>
          {gate.recovery.unreadableBackups > 0 && (
            <p>{t('storage.lost.unreadableBackups', { count: gate.recovery.unreadableBackups })}</p>
          )}
          <p>{t('storage.lost.fromJournal', { count: gate.recovery.restoredOps })}</p>
          <p>{t('storage.lost.counts', gate.recovery.counts)}</p>
          <p>{t('storage.lost.serverRest')}</p>
          <button type="button" className="primary" onClick={storage.open}>
            {t('storage.lost.open')}
          </button>
        </section>
      )}
    </main>
  );
}
