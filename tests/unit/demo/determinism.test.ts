import { describe, expect, it } from 'vitest';
import { collectDemoBook, generateDemoBook, type DemoBookOptions } from '../../../shared/demo';

const base: DemoBookOptions = {
  seed: 42,
  clients: 60,
  notes: 300,
  locale: 'mixed',
  ownerId: 'rep-anna',
  today: '2025-06-10',
};

describe('demo book determinism', () => {
  it('the same seed and options give byte-identical JSON, ids included', () => {
    expect(JSON.stringify(collectDemoBook(base))).toBe(JSON.stringify(collectDemoBook(base)));
  });

  it('a different seed gives a different book', () => {
    const a = collectDemoBook(base);
    const b = collectDemoBook({ ...base, seed: 43 });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(a.clients.map((c) => c.id)).not.toEqual(b.clients.map((c) => c.id));
  });

  it('a seed typed on a command line ("42") gives the same book as the number 42', () => {
    const a = collectDemoBook({ ...base, seed: '42' });
    const b = collectDemoBook(base);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('the batch size changes how records are grouped, never the records', () => {
    const flat = (batchRecords: number) => {
      const byTable: Record<string, unknown[]> = {};
      let batches = 0;
      for (const batch of generateDemoBook({ ...base, batchRecords })) {
        batches++;
        (byTable[batch.table] ??= []).push(...batch.records);
      }
      return { json: JSON.stringify(byTable), batches };
    };
    const small = flat(50);
    const large = flat(100_000);
    expect(small.json).toBe(large.json);
    expect(small.batches).toBeGreaterThan(large.batches);
  });

  it('the number of notes changes the notes and nothing else', () => {
    const fewer = collectDemoBook({ ...base, notes: 10 });
    const more = collectDemoBook(base);
    expect(JSON.stringify({ ...fewer, notes: [] })).toBe(JSON.stringify({ ...more, notes: [] }));
  });

  it('ids are unique across the whole book', () => {
    const book = collectDemoBook(base);
    const ids = Object.values(book).flatMap((records) => records.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('ids are UUIDv7-shaped and carry the record creation time', () => {
    const book = collectDemoBook(base);
    for (const record of [...book.clients, ...book.notes]) {
      expect(record.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      const ms = parseInt(record.id.slice(0, 8) + record.id.slice(9, 13), 16);
      expect(ms).toBe(Date.parse(record.createdAt));
    }
  });
});
