import { describe, expect, it } from 'vitest';
import { buildClientSearchDocument } from '../../../shared/search/document';

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
