// What a pull writes locally, against fake-indexeddb: each guarantee in its own test.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import { compareHlc } from '../../../shared/sync/hlc';
import type { Client } from '../../../shared/domain';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { readSyncMeta } from '../../../renderer/sync/state';
import {
  applyPullPage,
  MassDeleteHold,
  type PageOptions,
  type PulledRow,
} from '../../../renderer/sync/pullApply';
import { baseKey } from '../../../renderer/data/editBase';
import { advance, clock, db, EPOCH, NOW, repo, stamp, USER, useLocalBook } from './localBook';

useLocalBook();

function serverClient(
  id: string,
  version: number,
  fields: Partial<Client> = {},
  at = NOW,
): PulledRow {
  const values = { ...emptyClientDraft(), name: 'С сервера', ...fields };
  const stamps = Object.fromEntries(Object.keys(values).map((k) => [k, stamp(at)]));
  const record = {
    ...values,
    id,
    ownerId: USER,
    createdAt: new Date(at).toISOString(),
    updatedAt: new Date(at).toISOString(),
    stamps,
    serverVersion: version,
  } as PulledRow['record'];
  return { table: 'clients', id, version, record };
}

const options = (cursor: string, extra: Partial<PageOptions> = {}): PageOptions => ({
  epoch: EPOCH,
  cursor,
  nowMs: clock,
  mode: 'replace',
  massDelete: { liveClients: 0, deleted: 0, allowed: false },
  ...extra,
});

describe('applying a pulled page', () => {
  it('writes the records without outbox rows and saves the cursor with them', async () => {
    const id = uuidv7();
    await applyPullPage(db, [serverClient(id, 1)], options('c1'));
    expect((await db.clients.get(id))?.name).toBe('С сервера');
    expect(await db.outbox.count()).toBe(0);
    expect((await readSyncMeta(db)).pull).toEqual({ epoch: EPOCH, cursor: 'c1' });
  });

  it('a page and its cursor land together or not at all', async () => {
    const id = uuidv7();
    await expect(
      applyPullPage(db, [serverClient(id, 1)], {
        ...options('c1'),
        alsoInTransaction: async () => {
          throw new Error('the app died here');
        },
      }),
    ).rejects.toThrow('the app died here');
    expect(await db.clients.get(id)).toBeUndefined();
    expect((await readSyncMeta(db)).pull.cursor).toBeNull();
  });

  it('fields this app does not know are kept, not dropped', async () => {
    const row = serverClient(uuidv7(), 1);
    (row.record as Record<string, unknown>).fax = '+7 343 000-00-00';
    await applyPullPage(db, [row], options('c1'));
    expect((await db.clients.get(row.id)) as Record<string, unknown>).toMatchObject({
      fax: '+7 343 000-00-00',
    });
  });

  it('a row with unpushed edits keeps them: merged per field, not replaced', async () => {
    const created = await repo.create('clients', { ...emptyClientDraft(), name: 'Моё имя' });
    advance(1000);
    await repo.update('clients', created.id, { address: 'Моя улица' });
    const pulled = serverClient(created.id, 3, { name: 'Старое имя', address: '' }, NOW - 60_000);
    pulled.record.stamps.status = stamp(clock + 5000);
    pulled.record.status = 'active';
    await applyPullPage(db, [pulled], options('c1'));
    expect(await db.clients.get(created.id)).toMatchObject({
      name: 'Моё имя',
      address: 'Моя улица',
      status: 'active',
      serverVersion: 3,
    });
    expect(await db.outbox.count()).toBe(2);
  });

  it('a row without unpushed edits becomes the server copy; a later text edit takes its base from it', async () => {
    const id = uuidv7();
    await applyPullPage(db, [serverClient(id, 1, { notes: 'раз\nдва' })], options('c1'));
    advance(1000);
    await repo.update('clients', id, { notes: 'раз\nдва!' });
    await db.outbox.clear(); // the edit was pushed and acknowledged
    await applyPullPage(
      db,
      [serverClient(id, 2, { notes: 'раз\nдва\nтри' }, NOW + 2000)],
      options('c2'),
    );
    expect((await db.clients.get(id))?.notes).toBe('раз\nдва\nтри');
    advance(2000);
    await repo.update('clients', id, { notes: 'раз\nдва\nтри\nчетыре' });
    expect((await db.meta.get(baseKey('clients', id)))?.value).toEqual({
      v: 2,
      f: { notes: 'раз\nдва\nтри' },
    });
    expect((await db.outbox.toArray()).map((op) => op.baseVersion)).toEqual([2]);
  });

  it('a merged row takes the server copy as its base when no unpushed edit needs the old one', async () => {
    const id = uuidv7();
    await applyPullPage(db, [serverClient(id, 1, { notes: 'раз' })], options('c1'));
    advance(1000);
    await repo.update('clients', id, { address: 'Моя улица' });
    await applyPullPage(db, [serverClient(id, 2, { notes: 'раз\nдва' }, NOW + 500)], options('c2'));
    expect(await db.clients.get(id)).toMatchObject({ address: 'Моя улица', notes: 'раз\nдва' });
    expect((await db.meta.get(baseKey('clients', id)))?.value).toEqual({
      v: 2,
      f: { notes: 'раз\nдва' },
    });
  });

  it('keeps the base copy an unpushed note edit was made on, so the server can still line-merge it', async () => {
    const id = uuidv7();
    await applyPullPage(db, [serverClient(id, 1, { notes: 'раз\nдва' })], options('c1'));
    advance(1000);
    await repo.update('clients', id, { notes: 'раз, изменено\nдва' });
    await applyPullPage(
      db,
      [serverClient(id, 2, { notes: 'раз\nдва\nтри' }, NOW + 500)],
      options('c2'),
    );
    expect((await db.meta.get(baseKey('clients', id)))?.value).toEqual({
      v: 1,
      f: { notes: 'раз\nдва' },
    });
  });

  it('a row new to this device gets no base copy; its first text edit takes one from the row', async () => {
    const id = uuidv7();
    await applyPullPage(db, [serverClient(id, 4, { notes: 'раз\nдва' })], options('c1'));
    expect(await db.meta.get(baseKey('clients', id))).toBeUndefined();
    advance(1000);
    await repo.update('clients', id, { address: 'Улица' });
    expect(await db.meta.get(baseKey('clients', id))).toBeUndefined();
    await repo.update('clients', id, { notes: 'раз, изменено\nдва' });
    await repo.update('clients', id, { notes: 'раз, изменено\nдва\nтри' });
    // The second edit started from the first one's text, not the server's: the base stays.
    expect((await db.meta.get(baseKey('clients', id)))?.value).toEqual({
      v: 4,
      f: { notes: 'раз\nдва' },
    });
    expect((await db.outbox.toArray()).map((op) => op.baseVersion)).toEqual([4, 4, 4]);
  });

  it('a text edit after an unpushed one with no base copy takes none from the edited row', async () => {
    const id = uuidv7();
    await applyPullPage(db, [serverClient(id, 4, { notes: 'раз' })], options('c1'));
    advance(1000);
    await repo.update('clients', id, { notes: 'раз два' });
    await db.meta.delete(baseKey('clients', id));
    await repo.update('clients', id, { notes: 'раз два три' });
    expect(await db.meta.get(baseKey('clients', id))).toBeUndefined();
  });

  it('the next local stamp comes after every pulled stamp, even from a clock ahead of ours', async () => {
    await repo.create('clients', { ...emptyClientDraft(), name: 'Первый' });
    const ahead = serverClient(uuidv7(), 1, {}, NOW + 30 * 60_000);
    await applyPullPage(db, [ahead], options('c1'));
    const mine = await repo.create('clients', { ...emptyClientDraft(), name: 'После' });
    expect(compareHlc(mine.stamps.name!, ahead.record.stamps.name!)).toBeGreaterThan(0);
  });
});

describe('mass-delete fail-safe', () => {
  async function book(size: number): Promise<string[]> {
    const ids = Array.from({ length: size }, () => uuidv7());
    await applyPullPage(
      db,
      ids.map((id, i) => serverClient(id, i + 1)),
      options('c0'),
    );
    return ids;
  }
  const deleted = (id: string, version: number) =>
    serverClient(id, version, { deletedAt: new Date(NOW + 1000).toISOString() }, NOW + 1000);

  it('a page trashing most of the book is refused whole, cursor included', async () => {
    const ids = await book(10);
    const page = ids.slice(0, 6).map((id, i) => deleted(id, 20 + i));
    await expect(
      applyPullPage(
        db,
        page,
        options('c1', { massDelete: { liveClients: 10, deleted: 0, allowed: false } }),
      ),
    ).rejects.toBeInstanceOf(MassDeleteHold);
    expect(await db.clients.filter((c) => c.deletedAt !== null).count()).toBe(0);
    expect((await readSyncMeta(db)).pull.cursor).toBe('c0');
  });

  it('counts deletions of earlier pages of the same pull', async () => {
    const ids = await book(10);
    await expect(
      applyPullPage(
        db,
        [deleted(ids[0]!, 30)],
        options('c1', { massDelete: { liveClients: 10, deleted: 5, allowed: false } }),
      ),
    ).rejects.toBeInstanceOf(MassDeleteHold);
  });

  it('saves the tally of a pull with each page while pages are left, and drops it after the last', async () => {
    const ids = await book(10);
    const fresh = serverClient(uuidv7(), 30);
    await applyPullPage(db, [deleted(ids[0]!, 31), deleted(ids[1]!, 32), fresh], {
      ...options('c1', { massDelete: { liveClients: 10, deleted: 1, allowed: false } }),
      more: true,
    });
    // Two more in the trash; the client the page brought counts in the book.
    expect((await readSyncMeta(db)).pull).toEqual({
      epoch: EPOCH,
      cursor: 'c1',
      run: { liveClients: 11, deleted: 3 },
    });
    await applyPullPage(
      db,
      [deleted(ids[2]!, 33)],
      options('c2', { massDelete: { liveClients: 11, deleted: 3, allowed: false } }),
    );
    expect((await readSyncMeta(db)).pull).toEqual({ epoch: EPOCH, cursor: 'c2' });
  });

  it('goes through once the rep agreed, and under the threshold without asking', async () => {
    const ids = await book(10);
    await applyPullPage(
      db,
      [deleted(ids[0]!, 30)],
      options('c1', { massDelete: { liveClients: 10, deleted: 0, allowed: false } }),
    );
    const rest = ids.slice(1, 8).map((id, i) => deleted(id, 40 + i));
    await applyPullPage(
      db,
      rest,
      options('c2', { massDelete: { liveClients: 10, deleted: 1, allowed: true } }),
    );
    expect(await db.clients.filter((c) => c.deletedAt !== null).count()).toBe(8);
  });
});
