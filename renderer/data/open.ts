/**
 * Opening the database, with every failure turned into a code the app explains to the rep instead
 * of a white screen.
 */
import { createDb, DB_NAME, type FieldbookDb } from './db';
import { CURRENT_SCHEMA_VERSION } from './schema';
import { deviceIdentity } from './device';

export type OpenFailure =
  | 'newer_version' // a newer Fieldbook already upgraded this database
  | 'unavailable' // IndexedDB is missing or forbidden (private window, policy)
  | 'quota' // the disk is full
  | 'storage' // the browser cannot open its backing store (most often a full disk)
  | 'blocked' // another window holds an old version open
  | 'unknown';

export class DatabaseOpenError extends Error {
  constructor(
    readonly failure: OpenFailure,
    readonly detail: string,
  ) {
    super(`Database could not be opened (${failure}): ${detail}`);
  }
}

function classifyOpenError(error: unknown): OpenFailure {
  const name = (error as { name?: string } | null)?.name ?? '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  const names = `${name} ${inner}`;
  if (names.includes('VersionError')) return 'newer_version';
  if (names.includes('QuotaExceeded')) return 'quota';
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  if (names.includes('UnknownError') || /backing store/i.test(message)) return 'storage';
  if (
    names.includes('MissingAPI') ||
    names.includes('InvalidState') ||
    names.includes('SecurityError')
  )
    return 'unavailable';
  if (names.includes('Blocked') || names.includes('DatabaseClosed')) return 'blocked';
  return 'unknown';
}

export async function openDatabase(name?: string): Promise<FieldbookDb> {
  if (typeof indexedDB === 'undefined')
    throw new DatabaseOpenError('unavailable', 'indexedDB is undefined');
  const db = createDb(name);
  try {
    await db.open();
    await deviceIdentity(db);
    return db;
  } catch (error) {
    db.close();
    throw new DatabaseOpenError(
      classifyOpenError(error),
      String((error as Error)?.message ?? error),
    );
  }
}

/**
 * Whether opening the book will first upgrade it to this version's schema: the once-per-update
 * step that builds new indexes and kept stores from every row (up to a minute on a 50k-client
 * book), so the window can say why the start is slow. False when the browser cannot tell (no
 * `indexedDB.databases`), for a new book, or on any error: the open itself decides.
 */
export async function bookNeedsUpgrade(name: string = DB_NAME): Promise<boolean> {
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return false;
    const found = (await indexedDB.databases()).find((d) => d.name === name);
    // Dexie stores its version times ten as IndexedDB's.
    return (
      found?.version !== undefined &&
      found.version > 0 &&
      found.version < CURRENT_SCHEMA_VERSION * 10
    );
  } catch {
    return false;
  }
}

export type PersistenceState = 'persisted' | 'not_persisted' | 'unsupported';

/** Asks the browser not to evict the rep's data under storage pressure, and reports the answer. */
export async function requestPersistentStorage(): Promise<PersistenceState> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return 'unsupported';
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'not_persisted';
  } catch {
    return 'not_persisted';
  }
}
