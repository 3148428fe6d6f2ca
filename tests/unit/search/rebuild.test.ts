import { describe, expect, it } from 'vitest';
import { createClientSearchIndex, rebuildClientIndex } from '../../../shared/search';
import type { ClientSearchDocument } from '../../../shared/search/document';

const docs: ClientSearchDocument[] = Array.from({ length: 1000 }, (_, i) => ({
  id: `c${i}`,
  name: `Клиент ${i}`,
  people: [],
  phones: [],
  emails: [],
  tags: [],
  address: '',
  items: [],
  notes: [i % 2 ? 'чётный' : 'нечётный'],
}));

describe('rebuildClientIndex', () => {
  it('indexes every client in slices, searchable part-way through', () => {
    const index = createClientSearchIndex();
    const rebuild = rebuildClientIndex(index, docs, 300);
    expect(rebuild.next().value).toEqual({ indexed: 300 });
    expect(index.search('клиент').total).toBe(300);
    let step = rebuild.next();
    while (!step.done) step = rebuild.next();
    expect(step.value).toEqual({ indexed: 1000 });
    expect(index.search('клиент').total).toBe(1000);
    expect(index.search('нечетный').total).toBe(500);
  });
});
