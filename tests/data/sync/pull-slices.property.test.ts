// A pulled page written in slices (renderer/sync/pullApply.ts writeInSlices) leaves the same book
// as the page written whole, as every page was before the slicing: random interleavings of the
// rep's edits and pulled pages, over two tables, on two databases side by side.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { META } from '../../../renderer/data/device';
import { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { applyPullPage, type PulledRow } from '../../../renderer/sync/pullApply';
import { readSyncMeta } from '../../../renderer/sync/state';
import { EPOCH, NOW, stamp, USER } from './localBook';

const CLIENT_IDS = Array.from(
  { length: 5 },
  (_, i) => `01900000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`,
);
const NOTE_IDS = Array.from(
  { length: 5 },
  (_, i) => `01900000-0000-7000-8000-0000000002${String(i).padStart(2, '0')}`,
);
/** Rows no local edit touches: they make a page long enough to be written in several slices. */
const fillerId = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

type Step =
  | { kind: 'edit'; table: 'clients' | 'notes'; at: number; text: string; trash: boolean }
  | {
      kind: 'page';
      rows: {
        table: 'clients' | 'notes';
        at: number;
        text: string;
        ahead: number;
        gone: boolean;
      }[];
      filler: number;
    };

const text = fc.constantFrom('раз', 'два', 'три\nчетыре', 'one\ntwo', '');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    table: fc.constantFrom('clients' as const, 'notes' as const),
    at: fc.nat({ max: 4 }),
    text,
    trash: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('page' as const),
    rows: fc.array(
      fc.record({
        table: fc.constantFrom('clients' as const, 'notes' as const),
        at: fc.nat({ max: 4 }),
        text,
        // The server's stamp against the device's clock: older or newer than the rep's edits.
        ahead: fc.integer({ min: -5, max: 5 }),
        gone: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
    filler: fc.nat({ max: 150 }),
  }),
);

function pulledRow(
  table: 'clients' | 'notes',
  id: string,
  version: number,
  value: string,
  at: number,
  gone: boolean,
): PulledRow {
  const own =
    table === 'clients'
      ? { ...emptyClientDraft(), name: value || 'Без имени', notes: value }
      : { clientId: CLIENT_IDS[0]!, visitId: null, text: value };
  const values = { ...own, deletedAt: gone ? new Date(at).toISOString() : null };
  const record = {
    ...values,
    id,
    ownerId: USER,
    createdAt: new Date(NOW).toISOString(),
    updatedAt: new Date(at).toISOString(),
    stamps: Object.fromEntries(Object.keys(values).map((k) => [k, stamp(at)])),
    serverVersion: version,
  } as PulledRow['record'];
  return { table, id, version, record };
}

interface Device {
  db: FieldbookDb;
  repo: Repository;
}

async function openDevice(name: string, now: () => number): Promise<Device> {
  const db = createDb(`${name}-${Math.random()}`);
  await db.open();
  // One clock node for both, so their stamps (and every merge decided by them) are the same.
  await db.meta.put({ key: META.device, value: { deviceId: '00000000000000aa' } });
  return { db, repo: new Repository(db, { now }) };
}

/** The book as a rep and the next push see it: rows, base copies, outbox ops, the cursor. */
async function bookOf(db: FieldbookDb) {
  const meta = await db.meta.toArray();
  return {
    clients: await db.clients.orderBy('id').toArray(),
    notes: await db.notes.orderBy('id').toArray(),
    bases: meta.filter((m) => m.key.startsWith('sync.base:')),
    clock: meta.find((m) => m.key === META.clock)?.value ?? null,
    outbox: (await db.outbox.orderBy('seq').toArray()).map(({ opId: _random, ...op }) => op),
    pull: (await readSyncMeta(db)).pull,
  };
}

describe('a pulled page written in slices', () => {
  it('leaves the same rows, base copies, outbox and cursor as the page written whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        let clock = NOW;
        const now = () => clock;
        const sliced = await openDevice('sliced', now);
        const whole = await openDevice('whole', now);
        try {
          let version = 0;
          let page = 0;
          for (const s of steps) {
            clock += 1000;
            if (s.kind === 'edit') {
              const id = (s.table === 'clients' ? CLIENT_IDS : NOTE_IDS)[s.at]!;
              for (const { repo } of [sliced, whole]) {
                const exists = await repo.db.table(s.table).get(id);
                const fields =
                  s.table === 'clients'
                    ? { name: s.text || 'Без имени', notes: s.text }
                    : { text: s.text };
                if (!exists) {
                  const draft =
                    s.table === 'clients'
                      ? { ...emptyClientDraft(), ...fields }
                      : { clientId: CLIENT_IDS[0]!, visitId: null, deletedAt: null, ...fields };
                  await repo.create(s.table, draft as never, id);
                } else if (s.trash) {
                  await repo.update(s.table, id, { deletedAt: new Date(clock).toISOString() });
                } else {
                  await repo.update(s.table, id, fields as never);
                }
              }
              continue;
            }
            const rows: PulledRow[] = s.rows.map((r) =>
              pulledRow(
                r.table,
                (r.table === 'clients' ? CLIENT_IDS : NOTE_IDS)[r.at]!,
                ++version,
                r.text,
                clock + r.ahead * 700,
                r.gone,
              ),
            );
            for (let n = 0; n < s.filler; n++)
              rows.push(
                pulledRow(
                  n % 3 ? 'notes' : 'clients',
                  fillerId(n),
                  ++version,
                  `f${n}`,
                  clock,
                  false,
                ),
              );
            page++;
            for (const [device, sliceBudgetMs] of [
              [sliced, 0],
              [whole, Infinity],
            ] as const) {
              // Each device gets its own copy: a page's records are the pull's to complete in place.
              await applyPullPage(device.db, structuredClone(rows), {
                epoch: EPOCH,
                cursor: `c${page}`,
                nowMs: clock,
                mode: 'replace',
                massDelete: { liveClients: 100, deleted: 0, allowed: true },
                more: true,
                sliceBudgetMs,
              });
            }
          }
          expect(await bookOf(sliced.db)).toEqual(await bookOf(whole.db));
        } finally {
          for (const { db } of [sliced, whole]) {
            db.close();
            await db.delete();
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
