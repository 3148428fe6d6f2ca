import { describe, expect, it } from 'vitest';
import { DemoCalendar, DemoRandom, demoUuid } from '../../../shared/demo';

describe('seeded random source', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const rng = new DemoRandom(seed);
      return Array.from({ length: 8 }, () => rng.uint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('keeps int() within both bounds and reaches each of them', () => {
    const rng = new DemoRandom('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(-3, 3);
      expect(v).toBeGreaterThanOrEqual(-3);
      expect(v).toBeLessThanOrEqual(3);
      seen.add(v);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('spreads next() evenly over [0, 1)', () => {
    const rng = new DemoRandom(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) buckets[Math.floor(rng.next() * 10)]! += 1;
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });

  it('pickSome returns distinct items and never more than exist', () => {
    const rng = new DemoRandom(3);
    const items = ['a', 'b', 'c', 'd'];
    for (let i = 0; i < 200; i++) {
      const chosen = rng.pickSome(items, 3);
      expect(new Set(chosen).size).toBe(chosen.length);
      expect(chosen.length).toBe(3);
    }
    expect(rng.pickSome(items, 10).sort()).toEqual(items);
  });

  it('a forked stream does not repeat its parent', () => {
    const parent = new DemoRandom(5);
    const child = parent.fork('child');
    expect(Array.from({ length: 4 }, () => child.uint32())).not.toEqual(
      Array.from({ length: 4 }, () => parent.uint32()),
    );
  });
});

describe('demo calendar', () => {
  const cal = new DemoCalendar('2024-02-28');

  it('formats instants exactly like Date#toISOString', () => {
    const rng = new DemoRandom(1);
    for (let i = 0; i < 5000; i++) {
      const ms = cal.todayMs + rng.int(-2_000_000, 400_000) * 1000 + rng.int(0, 999);
      expect(cal.iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('counts days across a leap day in UTC', () => {
    expect(cal.day(1)).toBe('2024-02-29');
    expect(cal.day(2)).toBe('2024-03-01');
    expect(cal.day(-59)).toBe('2023-12-31');
  });

  it('builds ids whose time part is the given instant', () => {
    const ms = Date.parse('2025-06-10T09:30:00.123Z');
    const id = demoUuid(ms, new DemoRandom(1));
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });
});
