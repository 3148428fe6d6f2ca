import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../shared/sync/hlc';
import {
  mergeRecord,
  stampAfter,
  type MergeOptions,
  type StampedValues,
} from '../../../shared/sync/merge';

const NOW = Date.UTC(2026, 5, 1, 12);
const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const stamp = (offsetMs: number, node = A, counter = 0) =>
  formatHlc({ ms: NOW + offsetMs, counter, node });
const options = (table: MergeOptions['table'] = 'clients'): MergeOptions => ({
  table,
  nowMs: NOW,
  maxAheadMs: 60_000,
  node: '0000000000000000',
});

function rec(
  values: Record<string, unknown>,
  offsets: Record<string, number>,
  node = A,
): StampedValues {
  return {
    values,
    stamps: Object.fromEntries(Object.entries(offsets).map(([f, o]) => [f, stamp(o, node)])),
  };
}

describe('mergeRecord: per-field last writer wins', () => {
  it('takes each field from the side with the later stamp', () => {
    const local = rec({ name: 'L', address: 'L' }, { name: -10, address: -1 });
    const remote = rec({ name: 'R', address: 'R' }, { name: -5, address: -8 }, B);
    const merged = mergeRecord(local, remote, null, options());
    expect(merged.values).toEqual({ name: 'R', address: 'L' });
    expect(merged.outcome).toEqual({ name: 'remote', address: 'local' });
    expect(merged.conflicts).toEqual([]);
  });

  it('with no base known, reports no conflict (a client folding a pull over unpushed edits)', () => {
    const merged = mergeRecord(
      rec({ name: 'L' }, { name: -1 }),
      rec({ name: 'R' }, { name: -2 }, B),
      null,
      options(),
    );
    expect(merged.values.name).toBe('L');
    expect(merged.conflicts).toEqual([]);
  });

  it('captures the losing value when both sides changed the field since the base', () => {
    const base = { stamps: { name: stamp(-100) } };
    const merged = mergeRecord(
      rec({ name: 'L' }, { name: -10 }),
      rec({ name: 'R' }, { name: -5 }, B),
      base,
      options(),
    );
    expect(merged.values.name).toBe('R');
    expect(merged.conflicts).toEqual([
      {
        field: 'name',
        kind: 'field',
        localValue: 'L',
        remoteValue: 'R',
        localStamp: stamp(-10),
        remoteStamp: stamp(-5, B),
        kept: 'remote',
      },
    ]);
  });

  it('reports no conflict when only one side changed the field', () => {
    const base = { stamps: { name: stamp(-100), address: stamp(-100) } };
    const local = rec({ name: 'base', address: 'L' }, { name: -100, address: -10 });
    const remote = rec({ name: 'R' }, { name: -5 }, B);
    const merged = mergeRecord(local, remote, base, options());
    expect(merged.values).toEqual({ name: 'R', address: 'L' });
    expect(merged.conflicts).toEqual([]);
  });

  it('never reports bookkeeping fields such as updatedAt as conflicts', () => {
    const base = { stamps: { updatedAt: stamp(-100) } };
    const merged = mergeRecord(
      rec({ updatedAt: 'x' }, { updatedAt: -10 }),
      rec({ updatedAt: 'y' }, { updatedAt: -5 }, B),
      base,
      options(),
    );
    expect(merged.values.updatedAt).toBe('y');
    expect(merged.conflicts).toEqual([]);
  });

  it('never merges id, ownerId or stamps from the remote side', () => {
    const merged = mergeRecord(
      rec({ ownerId: 'me' }, { ownerId: -10 }),
      rec({ ownerId: 'thief', id: 'x' }, { ownerId: 0, id: 0 }, B),
      null,
      options(),
    );
    expect(merged.values).toEqual({ ownerId: 'me' });
  });
});

describe('mergeRecord: long text', () => {
  it('merges concurrent note edits line by line with a stamp later than both', () => {
    const baseText = 'one\ntwo\nthree';
    const base = { stamps: { text: stamp(-100) }, values: { text: baseText } };
    const merged = mergeRecord(
      rec({ text: 'ONE\ntwo\nthree' }, { text: -10 }),
      rec({ text: 'one\ntwo\nTHREE' }, { text: -5 }, B),
      base,
      options('notes'),
    );
    expect(merged.values.text).toBe('ONE\ntwo\nTHREE');
    expect(merged.outcome.text).toBe('merged');
    expect(merged.stamps.text! > stamp(-5, B)).toBe(true);
    expect(merged.conflicts).toEqual([]);
  });

  it('keeps the later text and returns the other as a text_merge conflict when lines collide', () => {
    const base = { stamps: { notes: stamp(-100) }, values: { notes: 'same line' } };
    const merged = mergeRecord(
      rec({ notes: 'mine' }, { notes: -10 }),
      rec({ notes: 'theirs' }, { notes: -5 }, B),
      base,
      options('visits'),
    );
    expect(merged.values.notes).toBe('theirs');
    expect(merged.conflicts[0]).toMatchObject({
      kind: 'text_merge',
      localValue: 'mine',
      kept: 'remote',
    });
  });

  it('uses last-writer-wins for short text even when both changed it', () => {
    const base = { stamps: { name: stamp(-100) }, values: { name: 'a\nb' } };
    const merged = mergeRecord(
      rec({ name: 'A\nb' }, { name: -10 }),
      rec({ name: 'a\nB' }, { name: -5 }, B),
      base,
      options(),
    );
    expect(merged.values.name).toBe('a\nB');
    expect(merged.conflicts[0]!.kind).toBe('field');
  });
});

describe('mergeRecord: edit beats delete', () => {
  const base = { stamps: { deletedAt: stamp(-100), name: stamp(-100) } };

  it('a remote delete loses to a local edit made without seeing it, and is flagged', () => {
    const local = rec({ deletedAt: null, name: 'edited' }, { deletedAt: -100, name: -10 });
    const remote = rec({ deletedAt: '2026-06-01T11:59:59.000Z' }, { deletedAt: -5 }, B);
    const merged = mergeRecord(local, remote, base, options());
    expect(merged.values.deletedAt).toBeNull();
    expect(merged.values.name).toBe('edited');
    expect(merged.conflicts).toContainEqual(
      expect.objectContaining({ field: 'deletedAt', kind: 'edit_vs_delete', kept: 'local' }),
    );
    expect(merged.stamps.deletedAt! > stamp(-5, B)).toBe(true);
  });

  it('a remote edit brings back a record deleted here concurrently', () => {
    const local = rec(
      { deletedAt: '2026-06-01T11:59:59.000Z', name: 'base' },
      { deletedAt: -10, name: -100 },
    );
    const remote = rec({ name: 'edited' }, { name: -20 }, B);
    const merged = mergeRecord(local, remote, base, options());
    expect(merged.values.deletedAt).toBeNull();
    expect(merged.values.name).toBe('edited');
    expect(merged.conflicts[0]).toMatchObject({ kind: 'edit_vs_delete', kept: 'remote' });
  });

  it('a delete made after seeing every edit stays deleted', () => {
    const seen = { stamps: { deletedAt: stamp(-100), name: stamp(-10) } };
    const local = rec({ deletedAt: null, name: 'edited' }, { deletedAt: -100, name: -10 });
    const remote = rec({ deletedAt: '2026-06-01T11:59:59.000Z' }, { deletedAt: -5 }, B);
    const merged = mergeRecord(local, remote, seen, options());
    expect(merged.values.deletedAt).toBe('2026-06-01T11:59:59.000Z');
    expect(merged.conflicts).toEqual([]);
  });
});

describe('mergeRecord: clock quarantine', () => {
  it('does not merge a value stamped too far ahead of the clock, and reports it', () => {
    const local = rec({ name: 'now' }, { name: -10 });
    const remote = rec(
      { name: 'tomorrow', address: 'fine' },
      { name: 24 * 3600_000, address: -5 },
      B,
    );
    const merged = mergeRecord(local, remote, null, options());
    expect(merged.values).toEqual({ name: 'now', address: 'fine' });
    expect(merged.outcome.name).toBe('quarantined');
    expect(merged.conflicts).toEqual([
      expect.objectContaining({ field: 'name', kind: 'clock_quarantine', remoteValue: 'tomorrow' }),
    ]);
  });
});

describe('stampAfter', () => {
  it('is later than every given stamp and not before now', () => {
    expect(stampAfter([stamp(-5), stamp(-1, B)], '0000000000000000', NOW)).toBe(
      formatHlc({ ms: NOW, counter: 0, node: '0000000000000000' }),
    );
    const ahead = stamp(1000, B, 7);
    expect(stampAfter([ahead], '0000000000000000', NOW)).toBe(
      formatHlc({ ms: NOW + 1000, counter: 8, node: '0000000000000000' }),
    );
  });
});
