import { describe, expect, it } from 'vitest';
import {
  buildClientSearchDocument,
  documentFingerprint,
  type ClientSearchDocument,
} from '../../../shared/search/document';

const live = { deletedAt: null };
const trashed = { deletedAt: '2025-06-01T10:00:00.000Z' };

describe('buildClientSearchDocument', () => {
  it('gathers everything the search box can find, leaving trashed records out', () => {
    const doc = buildClientSearchDocument({
      client: {
        id: 'c1',
        name: 'ООО «Ромашка»',
        tags: ['опт'],
        address: 'Казань',
        notes: 'Платят с отсрочкой',
      },
      people: [
        {
          ...live,
          name: 'Пётр Иванов',
          children: [{ name: 'Аня', birthday: null }],
          channels: [
            { kind: 'phone', value: '+7 912 345-67-89' },
            { kind: 'email', value: 'petr@romashka.ru' },
            { kind: 'telegram', value: '@petr' },
          ],
        },
        {
          ...trashed,
          name: 'Удалённый',
          children: [],
          channels: [{ kind: 'phone', value: '8 000' }],
        },
      ],
      purchases: [
        { ...live, items: [{ name: 'Кофемашина Jura E8', quantity: 1, unitPrice: null }] },
        { ...trashed, items: [{ name: 'Старый заказ', quantity: 1, unitPrice: null }] },
      ],
      notes: [
        { ...live, text: 'Обсудили поставку' },
        { ...trashed, text: 'стёртая заметка' },
      ],
      visits: [
        { ...live, notes: 'Визит: всё хорошо' },
        { ...live, notes: '   ' },
      ],
      contacts: [{ ...live, summary: 'Звонок: просили счёт' }],
    });
    expect(doc).toEqual({
      id: 'c1',
      name: 'ООО «Ромашка»',
      people: ['Пётр Иванов', 'Аня'],
      phones: ['+7 912 345-67-89'],
      emails: ['petr@romashka.ru', '@petr'],
      tags: ['опт'],
      address: 'Казань',
      items: ['Кофемашина Jura E8'],
      notes: [
        'Платят с отсрочкой',
        'Обсудили поставку',
        'Визит: всё хорошо',
        'Звонок: просили счёт',
      ],
    });
  });
});

describe('documentFingerprint', () => {
  const base: ClientSearchDocument = {
    id: 'c1',
    name: 'ООО «Ромашка»',
    people: ['Пётр Иванов'],
    phones: ['+7 912 345-67-89'],
    emails: ['petr@example.com'],
    tags: ['опт'],
    address: 'Казань',
    items: ['Кофемашина'],
    notes: ['Хотят вторую кофемашину', 'Звонить после обеда'],
  };

  it('is the same for the same document, and a safe integer', () => {
    const fp = documentFingerprint(base);
    expect(documentFingerprint(structuredClone(base))).toBe(fp);
    expect(Number.isSafeInteger(fp)).toBe(true);
    // The id is the key it is stored under, not part of what is indexed.
    expect(documentFingerprint({ ...base, id: 'c2' })).toBe(fp);
  });

  it('moves with any change to what is indexed, even one letter or a moved boundary', () => {
    const variants: Partial<ClientSearchDocument>[] = [
      { name: 'ООО «Ромашкa»' }, // Latin a
      { notes: ['Хотят вторую кофемашину', 'Звонить после обедa'] },
      { notes: ['Хотят вторую кофемашину'] },
      { notes: ['Хотят вторую кофемашину', 'Звонить после обеда', ''] },
      { notes: ['Хотят вторую кофемашинуЗвонить после обеда'] },
      { notes: ['Хотят вторую кофемашину Звонить', 'после обеда'] },
      { people: [], phones: ['Пётр Иванов', '+7 912 345-67-89'] },
      { tags: [], items: ['опт', 'Кофемашина'] },
      { phones: ['+7 912 345-67-88'] },
      { address: '' },
    ];
    const seen = new Set([documentFingerprint(base)]);
    for (const change of variants) seen.add(documentFingerprint({ ...base, ...change }));
    expect(seen.size).toBe(variants.length + 1);
  });

  it('tells apart many similar notes (no collisions among 20 000 near-duplicates)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      seen.add(documentFingerprint({ ...base, notes: [`Заметка ${i}`, `${i % 7}`] }));
    }
    expect(seen.size).toBe(20_000);
  });
});
