/**
 * 2–5 devices of one rep edit the same book offline, push and pull in random order, lose
 * responses and deliver batches twice. Afterwards every device equals the server, and every value
 * any op wrote is in the final state, in a conflict the rep sees, or was overwritten by someone
 * who had seen it. FC_RUNS sets the number of runs (small by default, larger for local soaks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameValue } from '../../shared/sync/merge';
import { ModelDevice, ModelServer, type MadeOp } from './sync-model';

const RUNS = Number(process.env.FC_RUNS ?? 30);

type Action =
  | { kind: 'create'; device: number }
  | { kind: 'edit'; device: number; pick: number; field: 'name' | 'address' | 'churnComment' }
  | {
      kind: 'text';
      device: number;
      pick: number;
      mode: 'append' | 'replace';
      line: number;
      note: boolean;
    }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'note'; device: number; pick: number }
  | { kind: 'push'; device: number; size: number; dropResponse: boolean; deliverTwice: boolean }
  | { kind: 'pull'; device: number; limit: number; dropResponse: boolean }
  | { kind: 'tick'; ms: number };

const device = fc.nat({ max: 4 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), device }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device,
      pick: fc.nat(),
      field: fc.constantFrom('name' as const, 'address' as const, 'churnComment' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      device,
      pick: fc.nat(),
      mode: fc.constantFrom('append' as const, 'replace' as const),
      line: fc.nat(),
      note: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('note' as const), device, pick: fc.nat() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      device,
      size: fc.integer({ min: 1, max: 8 }),
      dropResponse: fc.boolean(),
      deliverTwice: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pull' as const),
      device,
      limit: fc.integer({ min: 1, max: 6 }),
      dropResponse: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.nat({ max: 3000 }) }),
  },
);

function simulate(deviceCount: number, skews: number[], actions: Action[]) {
  let time = Date.UTC(2026, 5, 1, 9);
  let counter = 0;
  const newId = () => {
    const n = (++counter).toString(16).padStart(12, '0');
    return `01900000-0000-7000-8000-${n}`;
  };
  const iso = () => new Date(time).toISOString();
  const server = new ModelServer(() => time);
  const made: MadeOp[] = [];
  const devices = Array.from(
    { length: deviceCount },
    (_, i) =>
      new ModelDevice(
        `${(i + 1).toString(16).padStart(16, 'a')}`,
        () => time + skews[i]!,
        made,
        newId,
      ),
  );
  const rowsOf = (d: ModelDevice, table: string) =>
    [...d.rows.entries()]
      .filter(([, r]) => r.table === table)
      .map(([id]) => id)
      .sort();

  for (const action of actions) {
    if (action.kind === 'tick') {
      time += action.ms;
      continue;
    }
    const d = devices[action.device % deviceCount]!;
    time += 1;
    switch (action.kind) {
      case 'create': {
        const id = newId();
        d.write('clients', id, {
          deletedAt: null,
          kind: 'company',
          name: `name-${counter}`,
          status: 'active',
          tags: [],
          cadenceDays: null,
          address: `addr-${counter}`,
          notes: 'first line\nsecond line',
          loyalty: 'unknown',
          churnReason: null,
          churnComment: '',
          referredBy: null,
        });
        break;
      }
      case 'edit': {
        const ids = rowsOf(d, 'clients');
        if (ids.length === 0) break;
        d.write('clients', ids[action.pick % ids.length]!, {
          [action.field]: `${action.field}-${++counter}`,
        });
        break;
      }
      case 'text': {
        const table = action.note ? 'notes' : 'clients';
        const field = action.note ? 'text' : 'notes';
        const ids = rowsOf(d, table);
        if (ids.length === 0) break;
        const id = ids[action.pick % ids.length]!;
        const lines = String(d.rows.get(id)!.values[field] ?? '').split('\n');
        if (action.mode === 'append') lines.push(`added-${++counter}`);
        else lines[action.line % lines.length] = `replaced-${++counter}`;
        d.write(table, id, { [field]: lines.join('\n') });
        break;
      }
      case 'delete': {
        const ids = rowsOf(d, 'clients');
        if (ids.length === 0) break;
        d.write('clients', ids[action.pick % ids.length]!, { deletedAt: iso() });
        break;
      }
      case 'note': {
        const clients = rowsOf(d, 'clients');
        if (clients.length === 0) break;
        const id = newId();
        d.write('notes', id, {
          deletedAt: null,
          clientId: clients[action.pick % clients.length]!,
          visitId: null,
          text: `note-${counter}`,
        });
        break;
      }
      case 'push': {
        const batch = d.nextBatch(action.size);
        if (batch.length === 0) break;
        const response = server.push(d.node, batch);
        const retry = action.deliverTwice ? server.push(d.node, batch) : null;
        if (!action.dropResponse) d.receivePush(response);
        if (retry) d.receivePush(retry);
        break;
      }
      case 'pull': {
        const page = server.pull(d.cursor, action.limit);
        if (!action.dropResponse) d.receivePull(page);
        break;
      }
    }
  }
  // Everyone comes online: push everything, then pull everything.
  for (const d of devices) {
    for (let guard = 0; d.outbox.length > 0 && guard < 1000; guard++)
      d.receivePush(server.push(d.node, d.nextBatch(50)));
  }
  for (const d of devices) {
    for (let page = server.pull(d.cursor, 50); ; page = server.pull(d.cursor, 50)) {
      d.receivePull(page);
      if (!page.hasMore) break;
    }
  }
  return { server, devices, made };
}

const IGNORED = new Set(['updatedAt', 'createdAt', 'id']);

describe('sync convergence (property)', () => {
  it('all devices end equal to the server, and no op is lost: each value is kept, in conflicts, or knowingly overwritten', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.integer({ min: -20 * 60_000, max: 20 * 60_000 }), {
          minLength: 5,
          maxLength: 5,
        }),
        fc.array(actionArb, { minLength: 10, maxLength: 80 }),
        (deviceCount, skews, actions) => {
          const { server, devices, made } = simulate(deviceCount, skews, actions);
          for (const d of devices) {
            expect(d.outbox).toEqual([]);
            expect([...d.rows.keys()].sort()).toEqual([...server.rows.keys()].sort());
            for (const [id, row] of server.rows) {
              const local = d.rows.get(id)!;
              expect(sameValue(local.values, row.values)).toBe(true);
              expect(local.stamps).toEqual(row.stamps);
            }
          }
          const conflicts = devices.flatMap((d) => d.conflicts);
          for (const m of made) {
            for (const [field, value] of Object.entries(m.op.fields)) {
              if (IGNORED.has(field)) continue;
              const kept = server.provenance.get(m.op.rowId)?.get(field)?.has(m.op.opId) ?? false;
              const inConflicts = conflicts.some(
                (c) =>
                  c.rowId === m.op.rowId &&
                  c.field === field &&
                  (sameValue(c.localValue, value) || sameValue(c.remoteValue, value)),
              );
              const overwrittenKnowingly = made.some(
                (later) =>
                  later.op.rowId === m.op.rowId &&
                  field in later.op.fields &&
                  later.seen.get(field)?.has(m.op.opId),
              );
              if (!kept && !inConflicts && !overwrittenKnowingly) {
                throw new Error(
                  `lost: op ${m.op.opId} (${m.device}) ${m.op.table}.${field} = ${JSON.stringify(value)}`,
                );
              }
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});
