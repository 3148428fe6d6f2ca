/**
 * The set-up the local sync-write tests share (syncStore.test.ts, localWrites.test.ts): a fresh
 * fake-indexeddb database and Repository per test, on a clock the test moves with `advance`.
 * `db`, `repo` and `clock` are live bindings: importers always see the current test's.
 */
import { afterEach, beforeEach } from 'vitest';
import { formatHlc } from '../../../shared/sync/hlc';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';

export const NOW = Date.parse('2026-11-24T10:00:00Z');
export const EPOCH = 'e'.repeat(32);
/** Another device's clock node. */
export const OTHER = '00000000000000ff';
/** The signed-in rep on the server. */
export const USER = '01900000-0000-7000-8000-0000000000aa';

export let db: FieldbookDb;
export let repo: Repository;
export let clock = NOW;

/** Moves the test's clock on. */
export function advance(ms: number): void {
  clock += ms;
}

export const stamp = (ms: number, node = OTHER): string => formatHlc({ ms, counter: 0, node });

/** Call once at the top of a test file: every test gets its own database, the clock at NOW. */
export function useLocalBook(): void {
  beforeEach(async () => {
    clock = NOW;
    db = createDb(`sync-local-${Math.random()}`);
    await db.open();
    repo = new Repository(db, { now: () => clock });
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });
}
