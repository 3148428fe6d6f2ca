// The client's side of a pull before anything is written: the answer's envelope is checked by the
// transport, each record by its table's schema, and the main thread gets turns in between.
import { describe, expect, it } from 'vitest';
import { createDesktopSyncTransport } from '../../../renderer/sync/desktopTransport';
import { isSyncHttpError } from '../../../renderer/sync/transport';
import { inSlices } from '../../../renderer/platform/yield';

const EPOCH = 'e'.repeat(32);
const ID = '01900000-0000-7000-8000-0000000000aa';

function transportAnswering(body: unknown) {
  return createDesktopSyncTransport({
    syncSignIn: async () => ({ status: 500, body: null }),
    syncSignOut: async () => undefined,
    syncRequest: async () => ({ status: 200, body }),
  });
}

const answer = (records: unknown[]) => ({
  epoch: EPOCH,
  serverTime: 1,
  records,
  cursor: 'c1',
  hasMore: false,
});

describe('a pull answer through the desktop transport', () => {
  it('hands each record on as parsed, unknown fields included', async () => {
    const record = { id: ID, name: 'ООО Ромашка', fax: '+7 343 000-00-00' };
    const pulled = await transportAnswering(
      answer([{ table: 'clients', id: ID, version: 3, record }]),
    ).pull({ epoch: null, cursor: null });
    expect(pulled.records).toEqual([{ table: 'clients', id: ID, version: 3, record }]);
  });

  it.each([
    ['a record that is not an object', [{ table: 'clients', id: ID, version: 3, record: 'x' }]],
    ['a record that is a list', [{ table: 'clients', id: ID, version: 3, record: [] }]],
    ['an unknown table', [{ table: 'faxes', id: ID, version: 3, record: {} }]],
    ['a version that is not a number', [{ table: 'clients', id: ID, version: '3', record: {} }]],
  ])('refuses %s as a bad answer', async (_what, records) => {
    const error = await transportAnswering(answer(records))
      .pull({ epoch: null, cursor: null })
      .catch((e: unknown) => e);
    expect(isSyncHttpError(error) && error.code).toBe('bad_response');
  });
});

describe('work in slices', () => {
  it('does every item in order and yields only when a slice used its time budget', async () => {
    let now = 0;
    const done: number[] = [];
    const pausedAt: number[] = [];
    const items = Array.from({ length: 100 }, (_, i) => i);
    await inSlices(
      items,
      (i) => {
        done.push(i);
        now += 1; // each item takes 1 ms
      },
      {
        budgetMs: 40,
        now: () => now,
        pause: async () => void pausedAt.push(done.length),
      },
    );
    expect(done).toEqual(items);
    // The clock is read every 16 items: the first look past 40 ms is after item 48.
    expect(pausedAt).toEqual([48, 96]);
  });

  it('does not yield at all when the work is quick', async () => {
    let pauses = 0;
    await inSlices(
      Array.from({ length: 1000 }, (_, i) => i),
      () => undefined,
      { budgetMs: 40, now: () => 0, pause: async () => void pauses++ },
    );
    expect(pauses).toBe(0);
  });
});
