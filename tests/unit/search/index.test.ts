import { describe, expect, it } from 'vitest';
import { InvertedClientIndex } from '../../../shared/search/inverted-index';
import { MiniSearchClientIndex } from '../../../shared/search/minisearch-index';
import { createClientSearchIndex, restoreClientSearchIndex } from '../../../shared/search';
import type { ClientSearchDocument } from '../../../shared/search/document';

const doc = (id: string, fields: Partial<ClientSearchDocument>): ClientSearchDocument => ({
  id,
  name: '',
  people: [],
  phones: [],
  emails: [],
  tags: [],
  address: '',
  items: [],
  notes: [],
  ...fields,
});

const BOOK: ClientSearchDocument[] = [
  doc('romashka', {
    name: 'ООО «Ромашка»',
    people: ['Пётр Сергеевич Иванов', 'Алёна'],
    phones: ['89123456789'],
    emails: ['petr.ivanov@romashka.ru'],
    tags: ['опт', 'HoReCa'],
    address: 'Казань, ул. Баумана, 12',
    items: ['Кофемашина Jura E8'],
    notes: ['Обсудили поставку фильтров, клиент доволен'],
  }),
  doc('kofeinya', {
    name: 'Кофейня «Зерно»',
    people: ['Мария Смирнова'],
    phones: ['+7 (495) 111-22-33'],
    notes: ['Просили перезвонить после отпуска; интересуются Ромашкой как поставщиком'],
  }),
  doc('cafe', {
    name: 'Café Crème',
    people: ['Jean Dupont'],
    phones: ['+33 1 42 68 53 00'],
    emails: ['jean@cafe-creme.fr'],
    notes: ['Wants a service contract for the grinder'],
  }),
];

const engines = {
  own: () => new InvertedClientIndex(),
  minisearch: () => new MiniSearchClientIndex(),
};

for (const [engine, make] of Object.entries(engines)) {
  describe(`client search (${engine})`, () => {
    const build = () => {
      const index = make();
      for (const d of BOOK) index.upsert(d);
      return index;
    };
    const ids = (index: ReturnType<typeof build>, q: string) =>
      index.search(q).hits.map((h) => h.id);

    it('finds a client by every part of its document', () => {
      const index = build();
      for (const q of [
        'ромашка',
        'иванов',
        'petr.ivanov',
        'HoReCa',
        'Баумана',
        'Jura',
        'фильтров',
      ]) {
        expect(ids(index, q), q).toContain('romashka');
      }
    });

    it('finds a phone typed in any format', () => {
      const index = build();
      for (const q of ['+7 912 345-67-89', '8 (912) 345', '912345', '79123', '345-67-89']) {
        expect(ids(index, q), q).toEqual(['romashka']);
      }
      expect(ids(index, '8 495 111')).toEqual(['kofeinya']);
    });

    it('matches prefixes as the rep types, ignoring case and ё', () => {
      const index = build();
      expect(ids(index, 'РОМ')).toContain('romashka');
      expect(ids(index, 'петр')).toEqual(['romashka']);
      expect(ids(index, 'алена')).toEqual(['romashka']);
      expect(ids(index, 'creme')).toEqual(['cafe']);
    });

    it('requires every word of the query to match', () => {
      const index = build();
      expect(ids(index, 'мария смирнова')).toEqual(['kofeinya']);
      expect(ids(index, 'мария иванов')).toEqual([]);
    });

    it('finds a client by a word that only appears in a note', () => {
      const index = build();
      expect(ids(index, 'отпуска')).toEqual(['kofeinya']);
      expect(index.search('grinder').hits[0]?.fields).toEqual(['notes']);
    });

    it('returns the matched words for highlighting', () => {
      const hit = build().search('иван петр').hits[0];
      expect(hit?.terms.sort()).toEqual(['иванов', 'петр']);
    });

    it('keeps the index current when a client is updated or removed', () => {
      const index = build();
      index.upsert(doc('romashka', { name: 'ООО «Лютик»' }));
      expect(ids(index, 'лютик')).toEqual(['romashka']);
      expect(ids(index, 'фильтров')).toEqual([]);
      index.remove('kofeinya');
      expect(ids(index, 'зерно')).toEqual([]);
      expect(index.size).toBe(2);
      expect(index.has('kofeinya')).toBe(false);
    });

    it('finds nothing for an empty or punctuation-only query', () => {
      const index = build();
      expect(index.search('').hits).toEqual([]);
      expect(index.search(' ,. ').total).toBe(0);
    });
  });
}

describe('client search ranking (the app index)', () => {
  it('ranks a name match above a match in another client notes', () => {
    const index = createClientSearchIndex();
    for (const d of BOOK) index.upsert(d);
    const result = index.search('ромашк');
    expect(result.hits.map((h) => h.id)).toEqual(['romashka', 'kofeinya']);
    expect(result.hits[0]?.fields[0]).toBe('name');
  });

  it('ranks a name prefix above a whole word found only in notes', () => {
    const index = createClientSearchIndex();
    index.upsert(doc('note', { name: 'Альфа', notes: ['договорились о поставке'] }));
    index.upsert(doc('name', { name: 'Поставщик плюс' }));
    expect(index.search('поставке').hits.map((h) => h.id)).toEqual(['note']);
    expect(index.search('постав').hits.map((h) => h.id)).toEqual(['name', 'note']);
  });

  it('counts every match but returns only the limit', () => {
    const index = createClientSearchIndex();
    for (let i = 0; i < 30; i++) index.upsert(doc(`c${i}`, { name: `Клиент ${i}` }));
    const result = index.search('клиент', { limit: 10 });
    expect(result.total).toBe(30);
    expect(result.hits).toHaveLength(10);
  });
});

describe('client search snapshot', () => {
  it('restores to an index that answers like the original', () => {
    const index = createClientSearchIndex();
    for (const d of BOOK) index.upsert(d);
    index.upsert(doc('kofeinya', { name: 'Кофейня «Зерно»', notes: ['новая заметка'] }));
    const restored = restoreClientSearchIndex(structuredClone(index.serialize()));
    expect(restored).not.toBeNull();
    for (const q of ['ромашка', 'заметка', '8912', 'creme', 'отпуска']) {
      expect(restored?.search(q), q).toEqual(index.search(q));
    }
    restored?.upsert(doc('new', { name: 'Новый клиент' }));
    expect(restored?.search('новый').hits.map((h) => h.id)).toEqual(['new']);
  });

  it('refuses a snapshot of another format version, so the caller rebuilds', () => {
    const index = createClientSearchIndex();
    index.upsert(BOOK[0] as ClientSearchDocument);
    const snapshot = index.serialize();
    expect(restoreClientSearchIndex({ ...snapshot, version: snapshot.version - 1 })).toBeNull();
    expect(
      restoreClientSearchIndex({ ...snapshot, postingData: snapshot.postingData.subarray(1) }),
    ).toBeNull();
  });

  it('refuses a damaged snapshot (a client twice, a word that is not text, ids missing)', () => {
    const index = createClientSearchIndex();
    for (const d of BOOK.slice(0, 3)) index.upsert(d);
    const snapshot = index.serialize();
    const first = snapshot.ids[0] as string;
    expect(restoreClientSearchIndex(structuredClone(snapshot))).not.toBeNull();
    expect(
      restoreClientSearchIndex({ ...snapshot, ids: [first, first, ...snapshot.ids.slice(2)] }),
    ).toBeNull();
    expect(
      restoreClientSearchIndex({ ...snapshot, terms: [7, ...snapshot.terms.slice(1)] as never }),
    ).toBeNull();
    expect(restoreClientSearchIndex({ ...snapshot, ids: undefined as never })).toBeNull();
    expect(restoreClientSearchIndex(undefined as never)).toBeNull();
  });

  it('stays correct after many updates sweep out replaced documents', () => {
    const index = new InvertedClientIndex();
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 200; i++) {
        index.upsert(
          doc(`c${i}`, { name: `Клиент ${i} раунд${round}`, notes: ['слово '.repeat(20) + i] }),
        );
      }
    }
    expect(index.size).toBe(200);
    expect(index.search('раунд39').total).toBe(200);
    expect(index.search('раунд38').total).toBe(0);
    expect(index.search('клиент 17').hits[0]?.id).toBe('c17');
  });
});

describe('client search across sealing', () => {
  it('answers the same before and after folding recent writes in', () => {
    const index = new InvertedClientIndex();
    for (const d of BOOK) index.upsert(d);
    const queries = ['ромашк', 'петр', '8912', 'creme', 'отпуска', 'мария смирнова'];
    const before = queries.map((q) => index.search(q));
    index.optimize();
    expect(queries.map((q) => index.search(q))).toEqual(before);
  });

  it('sees updates and removals of sealed clients', () => {
    const index = new InvertedClientIndex();
    for (const d of BOOK) index.upsert(d);
    index.optimize();
    index.upsert(doc('romashka', { name: 'ООО «Лютик»', notes: ['заметка'] }));
    index.remove('cafe');
    expect(index.search('ромашк').hits.map((h) => h.id)).toEqual(['kofeinya']);
    expect(index.search('лютик').hits.map((h) => h.id)).toEqual(['romashka']);
    expect(index.search('creme').total).toBe(0);
    index.optimize();
    expect(index.size).toBe(2);
    expect(index.search('лютик').hits.map((h) => h.id)).toEqual(['romashka']);
  });
});
