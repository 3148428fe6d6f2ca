import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../store/router';
import {
  usePendingCount,
  useSyncEngine,
  useSyncStatus,
  useUnresolvedConflictCount,
} from './data/useSync';
import './sync.css';

/**
 * The sync state in the shell's top bar, and the engine's starter: the badge is always mounted,
 * so sync runs whatever screen is open. A click opens the Sync screen.
 */
export function SyncStatusBadge() {
  const { t } = useTranslation();
  const engine = useSyncEngine();
  const phase = useSyncStatus((s) => s.phase);
  const pending = usePendingCount() ?? 0;
  const conflicts = useUnresolvedConflictCount() ?? 0;

  useEffect(() => {
    void engine.start();
    return () => engine.stop();
  }, [engine]);

  const parts = [t(`sync.badge.${phase}`)];
  if (pending > 0 && phase !== 'syncing') parts.push(t('sync.badge.pending', { count: pending }));
  if (conflicts > 0) parts.push(t('sync.badge.conflicts', { count: conflicts }));
  const text = parts.join(' · ');
  // The link is named explicitly: a live region inside it does not lend the link its text.
  return (
    <a
      className="sync-badge"
      data-phase={phase}
      href={routeHref({ page: 'sync' })}
      aria-label={text}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span role="status">{text}</span>
    </a>
  );
}
