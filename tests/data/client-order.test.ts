import { describe, it, expect } from 'vitest';
import { selectClients } from '../../renderer/features/clients/data/clientQueries';
import type { ClientSummary } from '../../renderer/features/clients/data/clientSummary';
import { NO_FILTERS } from '../../renderer/store/clientList';

const summary = (name: string) =>
  ({
    client: { id: name, name },
    people: [],
    lastContact: null,
    contactDue: null,
    nextFollowUp: null,
    openProblems: 0,
  }) as unknown as ClientSummary;

const order = (names: string[], locale: string) =>
  selectClients(names.map(summary), {
    filters: NO_FILTERS,
    sort: 'name',
    today: '2026-11-24',
    locale,
  }).map((s) => s.client.name);

describe('client list order by name', () => {
  it("follows the UI language: case-insensitive, ё beside е, the rep's alphabet first", () => {
    const names = ['яблоко', 'Арбуз', 'beta', 'Alpha', 'ёлка', 'Жук'];
    expect(order(names, 'ru')).toEqual(['Арбуз', 'ёлка', 'Жук', 'яблоко', 'Alpha', 'beta']);
    expect(order(names, 'en')).toEqual(['Alpha', 'beta', 'Арбуз', 'ёлка', 'Жук', 'яблоко']);
  });

  it('files a company under its own name, not under ООО or АО', () => {
    expect(order(['ООО «Вкусный город»', 'АО «Альянс»', 'Бета', 'ИП Гусев'], 'ru')).toEqual([
      'АО «Альянс»',
      'Бета',
      'ООО «Вкусный город»',
      'ИП Гусев',
    ]);
  });
});
