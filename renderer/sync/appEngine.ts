/**
 * The app's one sync engine per open database, over the DesktopApi, with the app's corrected
 * clock. Started by the shell's status badge, so it runs whatever screen is open.
 */
import { liveQuery } from 'dexie';
import type { FieldbookDb } from '../data/db';
import { getDesktopApi } from '../platform';
import { appSyncClock } from './clock';
import { createDesktopSyncTransport } from './desktopTransport';
import { SyncEngine } from './engine';

const engines = new WeakMap<FieldbookDb, SyncEngine>();

/** Calls back whenever the outbox holds more rows than the last time it was looked at. */
export function watchOutboxGrowth(db: FieldbookDb, onGrow: () => void): () => void {
  let last: number | null = null;
  const subscription = liveQuery(() => db.outbox.count()).subscribe({
    next: (count) => {
      if (last !== null && count > last) onGrow();
      last = count;
    },
    error: () => undefined, // a closed database ends the watch; sync still runs on its timer
  });
  return () => subscription.unsubscribe();
}

/** For tests: the engine the screens get for this database (one over a fake server). */
export function provideSyncEngine(db: FieldbookDb, engine: SyncEngine): void {
  engines.set(db, engine);
}

export function getSyncEngine(db: FieldbookDb): SyncEngine {
  let engine = engines.get(db);
  if (!engine) {
    engine = new SyncEngine({
      db,
      transport: createDesktopSyncTransport(getDesktopApi()),
      clock: appSyncClock,
      watchOutbox: (onGrow) => watchOutboxGrowth(db, onGrow),
    });
    engines.set(db, engine);
  }
  return engine;
}
