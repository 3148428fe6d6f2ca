/**
 * What the rep should hear while working, in plain words with what to do: free space running low
 * (before writes fail), changes the journal has not taken yet, a backup that failed, and what the
 * start check found. Shown at the end of the top bar.
 */
import { useTranslation } from 'react-i18next';
import { repFacingReason } from '../../ui/storageError';
import { useJournalStatus, useStorage, type Notice } from './data/useStorage';

function megabytes(bytes: number, language: string): string {
  const mb = bytes / (1024 * 1024);
  const n = mb < 10 ? mb.toFixed(1) : Math.round(mb).toString();
  return `${language.startsWith('ru') ? n.replace('.', ',') : n} ${language.startsWith('ru') ? 'МБ' : 'MB'}`;
}

export function StorageWatch() {
  const { t, i18n } = useTranslation();
  const storage = useStorage();
  const journal = useJournalStatus();
  const noticeText = (notice: Notice): string => {
    switch (notice.kind) {
      case 'no_journal':
        return t('storage.noJournal');
      case 'unreadable':
        return t('storage.unreadable', { reason: repFacingReason(notice.error, t) });
      case 'skipped':
        return t('storage.skipped', { count: notice.count });
      case 'backup_failed':
        return t('storage.backup.failed', { reason: repFacingReason(notice.error, t) });
    }
  };
  return (
    <div className="storage-watch">
      {storage.spaceLow && storage.space && (
        <p className="error" role="alert">
          {t('storage.space.low', { free: megabytes(storage.space.freeBytes, i18n.language) })}
        </p>
      )}
      {journal.kind === 'behind' && (
        <p className="error" role="alert">
          {t('storage.journal.behind', {
            count: journal.waiting,
            reason: repFacingReason(journal.error, t),
          })}
        </p>
      )}
      {storage.notices.map((notice) => (
        <p
          key={notice.kind}
          className={notice.kind === 'no_journal' ? 'hint' : 'error'}
          role={notice.kind === 'no_journal' ? undefined : 'status'}
        >
          {noticeText(notice)}{' '}
          <button type="button" className="link" onClick={() => storage.dismiss(notice.kind)}>
            {t('storage.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
