import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  HybridLogicalClock,
  ClockDriftError,
  formatHlc,
  parseHlc,
  compareHlc,
  MAX_COUNTER,
} from '../../../shared/sync/hlc';

const NODE_A = '00000000000000aa';
const NODE_B = '00000000000000bb';

describe('hybrid logical clock', () => {
  it('string order is time order, across digit-count changes of milliseconds and counters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9e14 }),
        fc.integer({ min: 0, max: MAX_COUNTER }),
        fc.integer({ min: 0, max: 9e14 }),
        fc.integer({ min: 0, max: MAX_COUNTER }),
        (ms1, c1, ms2, c2) => {
          const a = formatHlc({ ms: ms1, counter: c1, node: NODE_A });
          const b = formatHlc({ ms: ms2, counter: c2, node: NODE_A });
          const byTime = ms1 !== ms2 ? Math.sign(ms1 - ms2) : Math.sign(c1 - c2);
          expect(compareHlc(a, b)).toBe(byTime);
        },
      ),
    );
  });

  it('round-trips through its string form', () => {
    const s = { ms: 1732412345678, counter: 42, node: NODE_B };
    expect(parseHlc(formatHlc(s))).toEqual(s);
    expect(() => parseHlc('not-a-stamp')).toThrow();
  });

  it('ticks are strictly increasing even when the wall clock stands still or steps back', () => {
    let wall = 1_000_000;
    const clock = new HybridLogicalClock({ node: NODE_A, now: () => wall });
    const stamps: string[] = [];
    for (let i = 0; i < 50; i++) {
      stamps.push(clock.tick());
      if (i === 10) wall -= 500_000; // the rep's laptop clock is corrected backwards
      if (i % 3 === 0) wall += 1;
    }
    for (let i = 1; i < stamps.length; i++) expect(compareHlc(stamps[i]!, stamps[i - 1]!)).toBe(1);
  });

  it('borrows the next millisecond when the counter is exhausted', () => {
    const clock = new HybridLogicalClock({
      node: NODE_A,
      now: () => 5,
      last: formatHlc({ ms: 5, counter: MAX_COUNTER, node: NODE_A }),
    });
    expect(parseHlc(clock.tick())).toMatchObject({ ms: 6, counter: 0 });
  });

  it('a restart continues after the last persisted stamp, never before it', () => {
    const last = formatHlc({ ms: 2_000, counter: 7, node: NODE_A });
    const clock = new HybridLogicalClock({ node: NODE_A, now: () => 1_000, last });
    expect(compareHlc(clock.tick(), last)).toBe(1);
  });

  it('receiving a later stamp moves the clock past it', () => {
    const a = new HybridLogicalClock({ node: NODE_A, now: () => 1_000 });
    const remote = formatHlc({ ms: 1_500, counter: 3, node: NODE_B });
    const after = a.receive(remote);
    expect(compareHlc(after, remote)).toBe(1);
    expect(compareHlc(a.tick(), after)).toBe(1);
  });

  it('refuses a stamp from a clock far in the future instead of adopting it', () => {
    const a = new HybridLogicalClock({
      node: NODE_A,
      now: () => Date.parse('2026-11-24T00:00:00Z'),
    });
    const before = a.current();
    const future = formatHlc({ ms: Date.parse('2027-11-24T00:00:00Z'), counter: 0, node: NODE_B });
    expect(() => a.receive(future)).toThrow(ClockDriftError);
    expect(a.isTooFarAhead(future)).toBe(true);
    expect(a.current()).toBe(before);
  });

  it('rejects a malformed node id', () => {
    expect(() => new HybridLogicalClock({ node: 'xyz' })).toThrow();
  });
});
