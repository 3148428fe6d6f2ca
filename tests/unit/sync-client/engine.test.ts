// The sync engine's state machine over an in-memory server that decides ops with the real shared
// code: what it keeps, what it retries, when it waits, and that it loses nothing on any fault.
// Before Dexie loads: it looks for IndexedDB once, at import.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldbookDb } from '../../../renderer/data/db';
import type { Repository } from '../../../renderer/data/repository';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS } from '../../../renderer/sync/backoff';
import { AFTER_WRITE_MS, SYNC_INTERVAL_MS, type SyncEngine } from '../../../renderer/sync/engine';
import type { FakeServer } from './fakeServer';
import { Fixture } from './fixture';
import type { ManualTimers } from './timers';

let f: Fixture;
let db: FieldbookDb;
let server: FakeServer;
let timers: ManualTimers;
let engine: SyncEngine;
let repo: Repository;

beforeEach(async () => {
  f = await new Fixture().open();
  ({ db, server, timers, engine, repo } = f);
});
afterEach(() => f.close());

const newClient = (name: string) => f.newClient(name);

describe('acknowledgement', () => {
  it('an outbox row stays until an answer settles it, and goes after', async () => {
    await newClient('ООО Ромашка');
    server.pushFaults.push({ kind: 'error', status: 503, code: 'unavailable' });
    await engine.syncNow();
    expect(await db.outbox.count()).toBe(1);
    await engine.syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect(server.rows()).toHaveLength(1);
  });

  it('an answer lost after the server applied the batch: the retry is answered as duplicates and nothing doubles', async () => {
    const client = await newClient('ООО Ромашка');
    await repo.update('clients', client.id, { address: 'Тверь' });
    server.pushFaults.push({ kind: 'lose_answer' });
    await engine.syncNow();
    expect(await db.outbox.count()).toBe(2);
    expect(server.row(client.id)?.values.address).toBe('Тверь');
    await engine.syncNow();
    expect(await db.outbox.count()).toBe(0);
    const retry = server.pushes.at(-1)!;
    expect(retry.ops.map((op) => op.seq)).toEqual([1, 2]);
    expect(server.rows()).toHaveLength(1);
  });

  it('conflicts of an op are recorded once, even when its answer arrives twice', async () => {
    const client = await newClient('Старое имя');
    await engine.syncNow();
    const row = server.row(client.id)!;
    server.nowMs += 1000;
    // Another device renames it after this one last pulled; this one renames it too, later.
    server.writeAsOtherDevice({
      ...row,
      values: { ...row.values, name: 'Имя с другого ноутбука' },
      stamps: {
        ...row.stamps,
        name: `${String(server.nowMs).padStart(15, '0')}-0000-00000000000000ff`,
      },
    });
    server.nowMs += 1000;
    await repo.update('clients', client.id, { name: 'Имя с этого ноутбука' });
    server.pushFaults.push({ kind: 'lose_answer' });
    await engine.syncNow();
    await engine.syncNow();
    await engine.syncNow();
    const conflicts = await db.conflicts.toArray();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      field: 'name',
      kind: 'field',
      localValue: 'Имя с этого ноутбука',
      remoteValue: 'Имя с другого ноутбука',
    });
  });
});

describe('backoff', () => {
  it('failures in a row double the wait, with jitter, up to the cap; success returns to the regular interval', async () => {
    await newClient('ООО Ромашка');
    for (let i = 0; i < 12; i++)
      server.pushFaults.push({ kind: 'error', status: 503, code: 'unavailable' });
    await engine.syncNow();
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      waits.push(...timers.delays());
      timers.fireAll();
      await engine.whenIdle();
    }
    // random() = 0.5 puts each wait at three quarters of its ceiling: 5 s doubling up to 5 min.
    expect(waits.slice(0, 5)).toEqual([3750, 7500, 15_000, 30_000, 60_000]);
    expect(Math.max(...waits)).toBe((BACKOFF_MAX_MS * 3) / 4);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(BACKOFF_BASE_MS / 2);
    expect(engine.status.getState()).toMatchObject({
      phase: 'retrying',
      problem: { code: 'server_error' },
    });
    expect(await db.outbox.count()).toBe(1);
    server.pushFaults.length = 0;
    timers.fireAll();
    await engine.whenIdle();
    expect(await db.outbox.count()).toBe(0);
    expect(timers.delays()).toEqual([SYNC_INTERVAL_MS]);
  });

  it('the server asking to wait (429 retryAfterMs) is never undercut', async () => {
    await newClient('ООО Ромашка');
    server.pushFaults.push({
      kind: 'error',
      status: 429,
      code: 'rate_limited',
      extra: { retryAfterMs: 42_000 },
    });
    await engine.syncNow();
    expect(timers.delays()).toEqual([42_000]);
    expect(engine.status.getState().problem?.code).toBe('busy');
  });

  it('a local write syncs about two seconds later, but does not cut a backoff short', async () => {
    engine.noteLocalWrite();
    expect(timers.delays()).toEqual([AFTER_WRITE_MS]);
    await newClient('ООО Ромашка');
    server.pushFaults.push({
      kind: 'error',
      status: 503,
      code: 'unavailable',
      extra: { retryAfterMs: 60_000 },
    });
    await engine.syncNow();
    engine.noteLocalWrite();
    expect(timers.delays()).toEqual([60_000]);
  });

  it('offline: no attempt is made, and the state says so', async () => {
    await newClient('ООО Ромашка');
    f.online = false;
    const before = server.pushes.length;
    await engine.syncNow();
    expect(server.pushes.length).toBe(before);
    expect(engine.status.getState()).toMatchObject({
      phase: 'offline',
      problem: { code: 'offline' },
    });
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('401', () => {
  it('asks the rep to sign in again, keeps the outbox, stops retrying; after sign-in it pushes as before', async () => {
    await newClient('ООО Ромашка');
    server.signedIn = false;
    await engine.syncNow();
    expect(engine.status.getState()).toMatchObject({
      phase: 'sign_in_needed',
      problem: { code: 'sign_in_again' },
    });
    expect(timers.delays()).toEqual([]);
    engine.noteLocalWrite();
    expect(timers.delays()).toEqual([]);
    expect(await db.outbox.count()).toBe(1);
    await engine.signIn({
      serverUrl: 'https://sync.example.test',
      email: 'rep@example.test',
      password: 'x',
      deviceName: 'laptop',
    });
    await engine.syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect(engine.status.getState().phase).toBe('idle');
    // The same op as before the 401: sequence numbers belong to the device, not to the token.
    expect(server.pushes.at(-1)?.ops.map((op) => op.seq)).toEqual([1]);
    expect(server.rows()).toHaveLength(1);
  });
});

describe('signing out', () => {
  it('keeps the book and the outbox, sends nothing, and schedules nothing until the next sign-in', async () => {
    await newClient('ООО Ромашка');
    await engine.signOut();
    const before = server.pushes.length;
    await engine.syncNow();
    engine.noteLocalWrite();
    expect(server.pushes.length).toBe(before);
    expect(timers.delays()).toEqual([]);
    expect(engine.status.getState()).toMatchObject({ phase: 'signed_out', account: null });
    expect(await db.clients.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });
});
