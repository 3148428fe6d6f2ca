import { describe, it, expect } from 'vitest';
import { DeltaSegment } from '../../../shared/search/segments';

describe('delta segment', () => {
  it('sorts 200k words added since the last search without overflowing the call stack', () => {
    const delta = new DeltaSegment();
    for (let i = 0; i < 200_000; i++) delta.add(`w${(i * 7919) % 200_000}`, i);
    const order = delta.sorted();
    expect(order).toHaveLength(200_000);
    for (let i = 1; i < order.length; i += 997) {
      expect(delta.terms[order[i - 1]!]! < delta.terms[order[i]!]!).toBe(true);
    }
  });
});
