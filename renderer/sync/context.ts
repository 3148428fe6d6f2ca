import type { FieldbookDb } from '../data/db';
import type { SyncClock } from './clock';
import type { SyncTransport } from './transport';

/** What one sync cycle works with; the engine builds it, tests build their own. */
export interface SyncContext {
  db: FieldbookDb;
  transport: SyncTransport;
  /** The device's clock node: the outbox's deviceId. */
  deviceId: string;
  clock: SyncClock;
  /** Gives the main thread back between slices of work. */
  yieldToMain: () => Promise<void>;
  pullLimit: number;
  pushBatchSize: number;
  /** The rep confirmed that this pull may move most of their clients to the trash. */
  allowMassDelete: boolean;
}

/** A JSON push body well under the server's 8 MiB, so a batch of long notes is split, not refused. */
export const MAX_BATCH_CHARS = 4 * 1024 * 1024;
export const DEFAULT_PULL_LIMIT = 1000;
export const DEFAULT_PUSH_BATCH = 500;
