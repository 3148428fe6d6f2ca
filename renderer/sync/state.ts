/**
 * The sync engine's local state in `meta`: the account, the pull position (cursor, epoch, the pull
 * in progress) and the flags (held pulls, scope). The pull apply (pullApply.ts) and the push
 * settle (settle.ts) write it in their own transactions.
 */
import type { FieldbookDb } from '../data/db';

/** The engine's state in `meta`, one row per concern so unrelated writes never collide. */
export const SYNC_META = {
  /** Who this device is signed in as, and to which server (SyncAccount). */
  account: 'sync.account',
  /** The pull position (PullPosition): written with every applied page, never apart from it. */
  pull: 'sync.pull',
  /** Everything else the engine remembers (SyncFlags). */
  flags: 'sync.flags',
} as const;

export interface SyncAccount {
  serverUrl: string;
  userId: string;
  email: string;
  name: string;
  role: 'rep' | 'manager';
  teamName: string;
  deviceName: string;
  signedInAt: string;
}

export interface PullPosition {
  epoch: string | null;
  cursor: string | null;
  /** Present while a pull has pages left: its mass-delete tally, carried over an interruption. */
  run?: PullRun;
}

/**
 * What the pull in progress has done to the book so far, saved with each page's cursor: a pull
 * that trashes the book a page at a time, or across syncs cut short, is measured as one.
 */
export interface PullRun {
  /** Clients out of the trash when the pull began, plus the ones it has brought since. */
  liveClients: number;
  /** Clients its applied pages moved to the trash. */
  deleted: number;
}

export interface SyncFlags {
  lastSyncAt: string | null;
  /** The next push restarts this device's sequence on the server (first push there; after a repair). */
  resetSequence: boolean;
  /** The epoch being repaired: set from `epoch_changed` until every lacking row has its op. */
  repairEpoch: string | null;
  /** serverTime − local time at the last answer: how wrong this computer's clock is. */
  clockOffsetMs: number;
  /** How far ahead the last quarantined change was stamped; null when none was. */
  clockAheadMs: number | null;
  /** `serverUrl userId` the pull position belongs to: another server or rep starts over. */
  scope: string | null;
}

export const DEFAULT_FLAGS: SyncFlags = {
  lastSyncAt: null,
  resetSequence: false,
  repairEpoch: null,
  clockOffsetMs: 0,
  clockAheadMs: null,
  scope: null,
};

export interface SyncMetaState {
  account: SyncAccount | null;
  pull: PullPosition;
  flags: SyncFlags;
}

export async function readSyncMeta(db: FieldbookDb): Promise<SyncMetaState> {
  const [account, pull, flags] = await db.meta.bulkGet([
    SYNC_META.account,
    SYNC_META.pull,
    SYNC_META.flags,
  ]);
  return {
    account: (account?.value as SyncAccount | undefined) ?? null,
    pull: (pull?.value as PullPosition | undefined) ?? { epoch: null, cursor: null },
    flags: { ...DEFAULT_FLAGS, ...(flags?.value as Partial<SyncFlags> | undefined) },
  };
}

/** Merges `patch` into the sync flags (its own small transaction, or the caller's). */
export async function updateSyncFlags(db: FieldbookDb, patch: Partial<SyncFlags>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const current = await db.meta.get(SYNC_META.flags);
    await db.meta.put({
      key: SYNC_META.flags,
      value: { ...(current?.value as SyncFlags | undefined), ...patch },
    });
  });
}

/** Saves where the pull stands (its own small transaction, or the caller's). */
export async function savePullPosition(db: FieldbookDb, position: PullPosition): Promise<void> {
  await db.meta.put({ key: SYNC_META.pull, value: position });
}
