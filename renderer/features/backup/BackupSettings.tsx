import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupContent } from '../../../shared/backup';
import { MAX_OPEN_FILE_BYTES } from '../../../shared/ipc';
import { backupFileName, readBackup } from './data/backup';
import { useBackup } from './data/useBackup';
import { getDesktopApi, isDesktopError } from '../../platform';
import { useToasts } from '../../store/toasts';
import { formatDate } from '../../i18n/dates';
import './backup.css';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'saving' | 'checking' | 'restoring' }
  | { kind: 'confirm'; backup: BackupContent; fileName: string };

/**
 * Settings section: the whole book to one file and back. A restore is checked whole first and
 * then confirmed by the rep, because it replaces everything on this device.
 */
export function BackupSettings() {
  const { t, i18n } = useTranslation();
  const { exportBackup, writeBackup } = useBackup();
  const toast = useToasts((s) => s.show);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'ok' } | null>(null);

  const save = async () => {
    setMessage(null);
    setState({ kind: 'busy', what: 'saving' });
    try {
      const content = await exportBackup();
      const result = await getDesktopApi().saveFile({
        suggestedName: backupFileName(),
        content,
        mimeType: 'application/json',
      });
      if (result.saved) setMessage({ text: t('clients.backup.saved'), tone: 'ok' });
    } catch (error) {
      setMessage({
        text:
          isDesktopError(error) && error.code === 'invalid_request'
            ? t('clients.backup.tooLarge')
            : t('clients.backup.saveFailed'),
        tone: 'error',
      });
    } finally {
      setState((s) => (s.kind === 'busy' ? { kind: 'idle' } : s));
    }
  };

  const check = async () => {
    setMessage(null);
    try {
      const opened = await getDesktopApi().openFile({
        accept: ['json'],
        maxBytes: MAX_OPEN_FILE_BYTES,
      });
      if (!opened) return;
      setState({ kind: 'busy', what: 'checking' });
      const text = new TextDecoder('utf-8').decode(opened.bytes);
      const parsed = await readBackup(text);
      if (!parsed.ok) {
        setState({ kind: 'idle' });
        setMessage({
          text: t(`clients.backup.error.${parsed.error.code}`, parsed.error.params),
          tone: 'error',
        });
        return;
      }
      setState({
        kind: 'confirm',
        backup: parsed.backup,
        fileName: opened.name.split(/[\\/]/).pop() ?? '',
      });
    } catch (error) {
      setState({ kind: 'idle' });
      setMessage({
        text:
          isDesktopError(error) && error.code === 'file_too_large'
            ? t('clients.backup.fileTooLarge')
            : t('clients.backup.openFailed'),
        tone: 'error',
      });
    }
  };

  const restore = async (backup: BackupContent) => {
    setState({ kind: 'busy', what: 'restoring' });
    try {
      const counts = await writeBackup(backup);
      setMessage({
        text: t('clients.backup.restored', { count: counts.clients ?? 0 }),
        tone: 'ok',
      });
      toast(t('clients.backup.restored', { count: counts.clients ?? 0 }));
    } catch (error) {
      setMessage({
        text: t('clients.backup.restoreFailed', { reason: (error as Error).message }),
        tone: 'error',
      });
    } finally {
      setState({ kind: 'idle' });
    }
  };

  const busy = state.kind === 'busy';
  return (
    <section className="backup-settings" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('clients.backup.title')}</h2>
      <p className="muted">{t('clients.backup.intro')}</p>
      <div className="actions">
        <button type="button" onClick={save} disabled={busy}>
          {t('clients.backup.save')}
        </button>
        <button type="button" onClick={check} disabled={busy || state.kind === 'confirm'}>
          {t('clients.backup.restore')}
        </button>
      </div>
      {busy && (
        <p role="status" className="muted">
          {t(`clients.backup.busy.${state.what}`)}
        </p>
      )}
      {state.kind === 'confirm' && (
        <div className="backup-confirm" role="alertdialog" aria-labelledby="backup-confirm-text">
          <p id="backup-confirm-text">
            {t('clients.backup.confirm', {
              file: state.fileName,
              when: formatDate(state.backup.exportedAt, 'withTime', i18n.language),
              count: state.backup.tables.clients?.length ?? 0,
            })}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => restore(state.backup)}>
              {t('clients.backup.confirmRestore')}
            </button>
            <button type="button" onClick={() => setState({ kind: 'idle' })}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p
          className={message.tone === 'error' ? 'error' : 'ok'}
          role={message.tone === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
