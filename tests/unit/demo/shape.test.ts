import { describe, expect, it } from 'vitest';
import { SYNCED_SCHEMAS, SYNCED_TABLES } from '../../../shared/domain';
import { collectDemoBook, generateDemoBook, type DemoBookOptions } from '../../../shared/demo';
import { HLC_PATTERN, parseHlc } from '../../../shared/sync/hlc';
import { SYSTEM_FIELDS } from '../../../shared/domain/common';

const today = '2025-06-10';

describe('demo book shape', () => {
  it.each([
    [1, 'ru'],
    [2, 'en'],
    [3, 'mixed'],
    ['seed-four', 'mixed'],
  ] as const)('every record of seed %s (%s) passes its table schema', (seed, locale) => {
    const book = collectDemoBook({
      seed,
      clients: 80,
      notes: 400,
      locale,
      ownerId: 'rep-1',
      today,
    });
    for (const table of SYNCED_TABLES) {
      for (const record of book[table]) {
        const result = SYNCED_SCHEMAS[table].safeParse(record);
        if (!result.success) throw new Error(`${table} ${record.id}: ${result.error.message}`);
      }
    }
  });

  it('yields records for every synced table but follow-ups left to the rules (hand-added ones only)', () => {
    const book = collectDemoBook({
      seed: 5,
      clients: 300,
      notes: 1000,
      locale: 'mixed',
      ownerId: 'rep-1',
      today,
    });
    for (const table of SYNCED_TABLES) expect(book[table].length, table).toBeGreaterThan(0);
    expect(book.followUps.every((f) => f.kind === 'custom' && f.ruleKey === null)).toBe(true);
  });

  it.each([
    [0, 0],
    [1, 0],
    [1, 7],
    [37, 1234],
    [250, 90],
  ])('%i clients and %i notes give exactly that many', (clients, notes) => {
    const book = collectDemoBook({
      seed: 9,
      clients,
      notes,
      locale: 'ru',
      ownerId: 'rep-1',
      today,
    });
    expect(book.clients).toHaveLength(clients);
    expect(book.notes).toHaveLength(notes);
  });

  it('refuses options it cannot honour', () => {
    const ok: DemoBookOptions = {
      seed: 1,
      clients: 1,
      notes: 1,
      locale: 'ru',
      ownerId: 'r',
      today,
    };
    const run = (o: Partial<DemoBookOptions>) => () => [...generateDemoBook({ ...ok, ...o })];
    expect(run({ clients: -1 })).toThrow(RangeError);
    expect(run({ clients: 1.5 })).toThrow(RangeError);
    expect(run({ clients: 0, notes: 3 })).toThrow(RangeError);
    expect(run({ today: '2025-02-30' })).toThrow(RangeError);
    expect(run({ today: '10.06.2025' })).toThrow(RangeError);
    expect(run({ ownerId: '' })).toThrow(RangeError);
  });

  it('every record belongs to the owner given and stamps every field a rep can change', () => {
    const book = collectDemoBook({
      seed: 6,
      clients: 40,
      notes: 200,
      locale: 'mixed',
      ownerId: 'rep-olga',
      today,
    });
    const system = new Set<string>([...SYSTEM_FIELDS, 'stamps']);
    for (const table of SYNCED_TABLES.filter((t) => t !== 'checklistTemplates')) {
      for (const record of book[table] as { ownerId: string; stamps: Record<string, string> }[]) {
        expect(record.ownerId).toBe('rep-olga');
        const fields = Object.keys(record).filter((f) => !system.has(f));
        expect(Object.keys(record.stamps).sort()).toEqual(fields.sort());
        for (const stamp of Object.values(record.stamps)) expect(stamp).toMatch(HLC_PATTERN);
      }
    }
  });

  it('no time or clock stamp is ahead of the morning before today, so sync never quarantines them', () => {
    const book = collectDemoBook({
      seed: 7,
      clients: 120,
      notes: 600,
      locale: 'mixed',
      ownerId: 'rep-1',
      today,
    });
    const limit = Date.parse(`${today}T00:00:00Z`);
    for (const table of SYNCED_TABLES.filter((t) => t !== 'checklistTemplates')) {
      for (const r of book[table] as {
        createdAt: string;
        updatedAt: string;
        stamps: Record<string, string>;
      }[]) {
        expect(Date.parse(r.createdAt)).toBeLessThanOrEqual(Date.parse(r.updatedAt));
        expect(Date.parse(r.updatedAt)).toBeLessThan(limit);
        for (const s of Object.values(r.stamps)) {
          const ms = parseHlc(s).ms;
          expect(ms).toBeGreaterThanOrEqual(Date.parse(r.createdAt));
          expect(ms).toBeLessThanOrEqual(Date.parse(r.updatedAt));
        }
      }
    }
  });
});
