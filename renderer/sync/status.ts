/** What the rep sees of sync: the engine publishes it, the Sync screen and the badge read it. */
import type { SyncAccount } from './state';
import type { CycleSummary } from './cycle';
import type { SyncProblem } from './problems';

export type SyncPhase =
  | 'starting'
  | 'signed_out'
  | 'idle'
  | 'syncing'
  | 'retrying'
  | 'offline'
  | 'sign_in_needed'
  /** A pull would move most clients to the trash; it waits for the rep's answer. */
  | 'held';

export interface SyncStatus {
  phase: SyncPhase;
  account: SyncAccount | null;
  problem: SyncProblem | null;
  lastSyncAt: string | null;
  /** When the next automatic attempt is due (ms since epoch), if one is scheduled. */
  nextAttemptAt: number | null;
  held: { deletions: number; liveClients: number } | null;
  /** The last quarantined change was stamped this far ahead of the server's clock. */
  clockAheadMs: number | null;
  lastSummary: CycleSummary | null;
}

export const INITIAL_STATUS: SyncStatus = {
  phase: 'starting',
  account: null,
  problem: null,
  lastSyncAt: null,
  nextAttemptAt: null,
  held: null,
  clockAheadMs: null,
  lastSummary: null,
};
