// Crash points and server surprises: each one ends with nothing lost and the device equal to the
// server.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../../shared/sync/hlc';
import { readSyncMeta } from '../../../renderer/sync/state';
import { EPOCH_2 } from './fakeServer';
import { Fixture } from './fixture';

let f: Fixture;
beforeEach(async () => {
  f = await new Fixture().open();
});
afterEach(() => f.close());

const stampAt = (ms: number, node = '00000000000000ff') => formatHlc({ ms, counter: 0, node });

/** A synced book of `total` clients, of which another laptop then trashes the first `trashed`. */
async function bookTrashedElsewhere(total: number, trashed: number) {
  const ids: string[] = [];
  for (let i = 0; i < total; i++) ids.push((await f.newClient(`Клиент ${i}`)).id);
  await f.engine.syncNow();
  f.server.nowMs += 1000;
  for (const id of ids.slice(0, trashed)) {
    const row = f.server.row(id)!;
    f.server.writeAsOtherDevice({
      ...row,
      values: { ...row.values, deletedAt: new Date(f.server.nowMs).toISOString() },
      stamps: { ...row.stamps, deletedAt: stampAt(f.server.nowMs) },
    });
  }
}

describe('pull pages and their cursor', () => {
  it('a crash after a page was applied resumes from its cursor: no page skipped, at most one repeated', async () => {
    for (let i = 0; i < 5; i++) await f.newClient(`Клиент ${i}`);
    await f.engine.syncNow();
    // A second laptop's first pull (2 records a page) dies after its first page.
    const realPull = f.server.pull.bind(f.server);
    let calls = 0;
    f.server.pull = async (request) => {
      if (++calls === 2) throw new Error('the app was closed');
      return realPull(request);
    };
    const pullsBefore = f.server.pulls.length;
    const other = await new Fixture(f.server).open();
    expect(await other.db.clients.count()).toBe(2);
    expect((await readSyncMeta(other.db)).pull.cursor).toBe('2');
    // The app starts again: a new engine over the same database.
    f.server.pull = realPull;
    other.engine.stop();
    other.engine = other.newEngine();
    await other.engine.start();
    await other.engine.whenIdle();
    expect(f.server.pulls.slice(pullsBefore).map((p) => p.cursor)).toEqual([null, '2', '4']);
    expect(await other.db.clients.count()).toBe(5);
    await other.close();
  });

  it('a page applied twice (its answer repeated) changes nothing the second time', async () => {
    const client = await f.newClient('ООО Ромашка', { notes: 'строка' });
    await f.engine.syncNow();
    const before = await f.db.clients.get(client.id);
    await f.db.meta.put({ key: 'sync.pull', value: { epoch: f.server.epoch, cursor: null } });
    await f.engine.syncNow();
    expect(await f.db.clients.get(client.id)).toEqual(before);
    expect(await f.db.outbox.count()).toBe(0);
  });

  it('a pulled row with unpushed edits is merged per field, not replaced', async () => {
    const client = await f.newClient('ООО Ромашка');
    await f.engine.syncNow();
    const row = f.server.row(client.id)!;
    f.server.nowMs += 1000;
    f.server.writeAsOtherDevice({
      ...row,
      values: { ...row.values, address: 'Казань' },
      stamps: { ...row.stamps, address: stampAt(f.server.nowMs) },
    });
    f.server.nowMs += 1000;
    await f.repo.update('clients', client.id, { status: 'active' });
    f.server.pushFaults.push({ kind: 'error', status: 503, code: 'unavailable' });
    // Push fails, so the pull is not reached; pull alone by reading the page through a new engine
    // whose outbox still holds the edit.
    await f.engine.syncNow();
    expect(await f.db.outbox.count()).toBe(1);
    await f.engine.syncNow();
    expect(await f.db.clients.get(client.id)).toMatchObject({
      address: 'Казань',
      status: 'active',
    });
    expect(f.server.row(client.id)?.values).toMatchObject({ address: 'Казань', status: 'active' });
  });

  it('a cursor the server refuses is dropped and the pull starts over', async () => {
    await f.newClient('ООО Ромашка');
    await f.engine.syncNow();
    await f.db.meta.put({ key: 'sync.pull', value: { epoch: f.server.epoch, cursor: 'forged' } });
    await f.engine.syncNow();
    expect(f.engine.status.getState().phase).toBe('idle');
    expect((await readSyncMeta(f.db)).pull.cursor).toBe('1');
  });
});

describe('epoch change: the server restored from an older backup', () => {
  it('pulls from the start, re-pushes what the server lacks with its own stamps and a reset sequence', async () => {
    const kept = await f.newClient('Был в бэкапе');
    await f.engine.syncNow();
    const backup = f.server.snapshot();
    f.server.nowMs += 1000;
    const lost = await f.newClient('Создан после бэкапа');
    await f.repo.update('clients', kept.id, { address: 'Адрес после бэкапа' });
    await f.engine.syncNow();
    expect(await f.db.outbox.count()).toBe(0);
    f.server.restore(backup);
    f.server.nowMs += 1000;
    await f.repo.update('clients', kept.id, { status: 'active' });
    await f.engine.syncNow();

    expect(f.engine.status.getState().phase).toBe('idle');
    expect((await readSyncMeta(f.db)).pull.epoch).toBe(EPOCH_2);
    expect(f.server.row(lost.id)?.values.name).toBe('Создан после бэкапа');
    expect(f.server.row(kept.id)?.values).toMatchObject({
      address: 'Адрес после бэкапа',
      status: 'active',
    });
    const local = await f.db.clients.get(kept.id);
    // The repair carried the stamps the values already had: no new winner was invented.
    expect(f.server.row(kept.id)?.stamps.address).toBe(local?.stamps.address);
    const repairPush = f.server.pushes.find((p) => p.epoch === EPOCH_2)!;
    expect(repairPush.resetSequence).toBe(true);
    expect(repairPush.ops.every((op, i) => op.seq === repairPush.ops[0]!.seq + i)).toBe(true);
    expect(await f.db.outbox.count()).toBe(0);
    expect((await readSyncMeta(f.db)).flags.repairEpoch).toBeNull();
  });

  it('a crash in the middle of the repair starts it over and still re-fills the server', async () => {
    for (const name of ['Был в бэкапе', 'И этот', 'И тот']) await f.newClient(name);
    await f.engine.syncNow();
    const backup = f.server.snapshot();
    const lost = await f.newClient('Создан после бэкапа');
    await f.engine.syncNow();
    f.server.restore(backup);
    // The repair's pull applies its first page; the app dies waiting for the second.
    f.server.pullFaults.push({ kind: 'pass' }, { kind: 'lose_answer' });
    await f.engine.syncNow();
    expect((await readSyncMeta(f.db)).flags.repairEpoch).toBe(EPOCH_2);
    expect(f.server.rows()).toHaveLength(3);
    await f.engine.syncNow();
    expect((await readSyncMeta(f.db)).flags.repairEpoch).toBeNull();
    expect(f.server.rows()).toHaveLength(4);
    expect(f.server.row(lost.id)?.values.name).toBe('Создан после бэкапа');
  });
});

describe('server answers the engine must act on', () => {
  it('a batch too large is halved until it fits', async () => {
    for (let i = 0; i < 5; i++) await f.newClient(`Клиент ${i}`);
    f.server.maxOps = 2;
    await f.engine.syncNow();
    expect(await f.db.outbox.count()).toBe(0);
    expect(f.server.rows()).toHaveLength(5);
  });

  it('a hole in the outbox (a lost row) is closed by renumbering what the server has not seen', async () => {
    const a = await f.newClient('A');
    await f.newClient('B');
    const c = await f.newClient('C');
    await f.db.outbox.delete(2);
    await f.engine.syncNow();
    expect(await f.db.outbox.count()).toBe(0);
    expect(f.server.row(a.id)).toBeDefined();
    expect(f.server.row(c.id)).toBeDefined();
  });

  it('a change stamped by a clock far ahead is kept aside: conflicts to resolve, the row back to the server values, the clock pulled back', async () => {
    const client = await f.newClient('ООО Ромашка', { address: 'Москва' });
    await f.engine.syncNow();
    const serverNow = f.server.nowMs;
    // This laptop's clock jumps a day ahead, and the rep edits.
    f.server.nowMs += 86_400_000;
    await f.repo.update('clients', client.id, { address: 'Самара' });
    f.server.nowMs = serverNow;
    await f.engine.syncNow();
    const conflicts = await f.db.conflicts.toArray();
    expect(conflicts.map((c) => [c.field, c.kind, c.localValue, c.remoteValue])).toContainEqual([
      'address',
      'clock_quarantine',
      'Самара',
      'Москва',
    ]);
    expect((await f.db.clients.get(client.id))?.address).toBe('Москва');
    expect(f.engine.status.getState().clockAheadMs).toBeGreaterThan(23 * 3_600_000);
    const clock = (await f.db.meta.get('clock'))?.value as string;
    expect(Number(clock.slice(0, 15))).toBeLessThanOrEqual(serverNow);
  });
});

describe('mass-delete fail-safe', () => {
  it('a pull that would trash most of the book stops and asks; after the rep agrees it is applied', async () => {
    // Pages as large as the app's: a mass delete done in one go arrives in one page.
    f.engine.stop();
    f.engine = f.newEngine({ pullLimit: 1000 });
    await f.engine.start();
    await bookTrashedElsewhere(8, 6);
    await f.engine.syncNow();
    expect(f.engine.status.getState()).toMatchObject({
      phase: 'held',
      held: { deletions: 6, liveClients: 8 },
    });
    expect(await f.db.clients.filter((c) => c.deletedAt !== null).count()).toBe(0);
    await f.engine.confirmMassDelete();
    expect(f.engine.status.getState().phase).toBe('idle');
    expect(await f.db.clients.filter((c) => c.deletedAt !== null).count()).toBe(6);
  });

  it('a mass delete spread over many pages and syncs cut short is still measured as one pull', async () => {
    // Pages of 2: no single page trashes much, and the connection drops after the second page.
    await bookTrashedElsewhere(10, 6);
    const trashed = () => f.db.clients.filter((c) => c.deletedAt !== null).count();
    f.server.pullFaults.push(
      { kind: 'pass' },
      { kind: 'pass' },
      {
        kind: 'error',
        status: 0,
        code: 'network',
      },
    );
    await f.engine.syncNow();
    expect(f.engine.status.getState().phase).toBe('retrying');
    expect(await trashed()).toBe(4);
    // The next sync goes on from the cursor and counts the 4 already trashed with the rest.
    await f.engine.syncNow();
    expect(f.engine.status.getState()).toMatchObject({
      phase: 'held',
      held: { deletions: 6, liveClients: 10 },
    });
    expect(await trashed()).toBe(4);
    // Still held at the next regular sync, until the rep agrees.
    await f.engine.syncNow();
    expect(f.engine.status.getState().phase).toBe('held');
    await f.engine.confirmMassDelete();
    expect(f.engine.status.getState().phase).toBe('idle');
    expect(await trashed()).toBe(6);
    expect((await readSyncMeta(f.db)).pull.run).toBeUndefined();
  });

  it('a few deletions pull through without a question', async () => {
    await bookTrashedElsewhere(8, 1);
    await f.engine.syncNow();
    expect(f.engine.status.getState().phase).toBe('idle');
    expect(await f.db.clients.filter((c) => c.deletedAt !== null).count()).toBe(1);
  });
});
