/**
 * applyOp checks a merged record's values against the shared schema but not the fields it sets
 * itself from values already checked (id, ownerId, serverVersion, stamps: shared/sync/apply.ts).
 * These properties show that nothing slips through: every row it accepts passes the whole shared
 * schema, and an op whose values are all valid is never refused as invalid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYNCED_SCHEMAS } from '../../../shared/domain';
import { applyOp, recordOf, type StoredRow } from '../../../shared/sync/apply';
import { formatHlc } from '../../../shared/sync/hlc';
import type { PushOp } from '../../../shared/sync/protocol';

const NOW = Date.UTC(2026, 5, 1, 12);
const ROW_ID = '01a20c90-e009-7839-ac4f-c95d4e6037b6';
const CLIENT_ID = '01a20c90-e009-7839-ac4f-c95d4e6037b7';
const OWNER = '01a20c90-e009-7839-ac4f-c95d4e6037b8';
const ISO = new Date(NOW - 86_400_000).toISOString();

/** Per table: a valid value of every field but the sync layer's, and a few more valid ones. */
const VALID: Record<'clients' | 'notes', Record<string, unknown[]>> = {
  clients: {
    createdAt: [ISO, '2025-01-01T00:00:00.000+03:00'],
    updatedAt: [ISO],
    deletedAt: [null, ISO],
    kind: ['company', 'person'],
    name: ['ООО «Ромашка»', 'Иванов'],
    status: ['active', 'at_risk', 'prospect'],
    tags: [[], ['опт', 'VIP']],
    cadenceDays: [null, 1, 3650],
    address: ['', 'Пермь'],
    notes: ['', 'Строка\nещё строка'],
    loyalty: ['unknown', 'high'],
    churnReason: [null, 'deception'],
    churnComment: [''],
    referredBy: [null, CLIENT_ID],
  },
  notes: {
    createdAt: [ISO],
    updatedAt: [ISO],
    deletedAt: [null, ISO],
    clientId: [CLIENT_ID],
    visitId: [null, CLIENT_ID],
    text: ['', 'Заметка'],
  },
};

/** Values that some field or other refuses. */
const JUNK: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  4000,
  '',
  '   ',
  'x'.repeat(600),
  'не дата',
  '2026-13-45T00:00:00Z',
  'nonsense-kind',
  true,
  [],
  [''],
  ['x'.repeat(61)],
  {},
  { nested: 1 },
  'not-a-uuid',
];

type Table = keyof typeof VALID;

function validRow(table: Table, pick: (values: unknown[]) => unknown, version: number): StoredRow {
  const values: Record<string, unknown> = { id: ROW_ID };
  const stamps: Record<string, string> = {};
  for (const [field, options] of Object.entries(VALID[table])) {
    values[field] = pick(options);
    stamps[field] = formatHlc({ ms: NOW - 60_000, counter: 0, node: 'aaaaaaaaaaaaaaaa' });
  }
  const fieldVersions = Object.fromEntries(Object.keys(stamps).map((f) => [f, version]));
  return { table, id: ROW_ID, ownerId: OWNER, values, stamps, fieldVersions, version };
}

const tableArb = fc.constantFrom<Table>('clients', 'notes');

/** An op on the row: some of its fields, each valid or junk, sometimes a field no schema knows. */
const caseArb = (junk: boolean) =>
  tableArb.chain((table) =>
    fc.record({
      table: fc.constant(table),
      existing: fc.boolean(),
      seed: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
      fields: fc.dictionary(
        fc.constantFrom(...Object.keys(VALID[table]), 'unknownField'),
        junk
          ? fc.oneof(
              fc.constantFrom(...JUNK),
              fc.constantFrom(...Object.values(VALID[table]).flat()),
            )
          : fc.constant(null),
      ),
      baseVersion: fc.constantFrom(0, 5, 10),
      ahead: fc.integer({ min: -120_000, max: 60_000 }),
    }),
  );

function build(
  c: {
    table: Table;
    existing: boolean;
    seed: number[];
    fields: Record<string, unknown>;
    baseVersion: number;
    ahead: number;
  },
  validValues: boolean,
): { row: StoredRow | null; op: PushOp } {
  let i = 0;
  const pick = (options: unknown[]) => options[c.seed[i++ % c.seed.length]! % options.length];
  const row = c.existing ? validRow(c.table, pick, 7) : null;
  const fields: Record<string, unknown> = {};
  // A create carries every field, as the outbox sends it; an edit some of them.
  const base = c.existing ? {} : validRow(c.table, pick, 0).values;
  for (const [field, value] of Object.entries({ ...base, ...c.fields })) {
    if (field === 'id') continue;
    fields[field] = validValues && field !== 'unknownField' ? pick(VALID[c.table][field]!) : value;
  }
  const op: PushOp = {
    seq: 1,
    opId: '01a20c90-e009-7839-ac4f-c95d4e6037b9',
    deviceId: 'bbbbbbbbbbbbbbbb',
    hlc: formatHlc({ ms: NOW + c.ahead, counter: 0, node: 'bbbbbbbbbbbbbbbb' }),
    table: c.table,
    rowId: ROW_ID,
    fields,
    baseVersion: c.baseVersion,
    createdAt: ISO,
  };
  return { row, op };
}

const OPTIONS = { nowMs: NOW, maxAheadMs: 3_600_000, ownerId: OWNER };

describe('applyOp: the values check leaves nothing unchecked', () => {
  it('every row it accepts passes the whole shared schema, stamps and all', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(caseArb(true), (c) => {
        const { row, op } = build(c, false);
        const outcome = applyOp(row, op, OPTIONS);
        if (!('row' in outcome)) {
          if (outcome.code === 'invalid_record') refused++;
          return;
        }
        accepted++;
        const full = SYNCED_SCHEMAS[c.table].safeParse(recordOf(outcome.row));
        expect(full.success, JSON.stringify(full.error?.issues)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // Both branches ran: the property saw junk refused and rows accepted.
    expect(refused).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(100);
  });

  it('an op whose values are all valid is never refused as an invalid record', () => {
    fc.assert(
      fc.property(caseArb(false), (c) => {
        const { row, op } = build(c, true);
        const outcome = applyOp(row, op, OPTIONS);
        expect('code' in outcome ? outcome.code : null).not.toBe('invalid_record');
      }),
      { numRuns: 500 },
    );
  });

  it('a junk value in any single field of a create is refused, naming the field', () => {
    for (const table of Object.keys(VALID) as Table[]) {
      for (const field of Object.keys(VALID[table])) {
        const { op } = build(
          { table, existing: false, seed: [0], fields: {}, baseVersion: 0, ahead: 0 },
          true,
        );
        op.fields[field] = { nested: 1 };
        const outcome = applyOp(null, op, OPTIONS);
        expect(outcome).toMatchObject({ status: 'rejected', code: 'invalid_record' });
        expect('reason' in outcome ? outcome.reason : '').toContain(field);
      }
    }
  });
});
