import { describe, expect, it } from 'vitest';
import { DuplicateFinder, clientNameKey } from '../../../shared/importing/duplicates';

describe('duplicate detection', () => {
  const book = new DuplicateFinder<string>([
    {
      id: 'romashka',
      name: 'ООО «Ромашка»',
      phones: ['+7 912 345-67-89'],
      emails: ['info@romashka.ru'],
    },
    { id: 'lutik', name: 'Лютик', phones: ['8 (495) 111-22-33'], emails: [] },
  ]);

  it('matches a name regardless of legal form, quotes, case and ё', () => {
    expect(clientNameKey('ООО "Ромашка"')).toBe(clientNameKey('ромашка ооо'));
    expect(book.find({ name: 'Ромашка, ООО', phones: [], emails: [] })).toEqual([
      { id: 'romashka', reasons: ['name'] },
    ]);
  });

  it('matches a phone written another way, and an e-mail in another case', () => {
    expect(book.find({ name: 'Другое', phones: ['89123456789'], emails: [] })).toEqual([
      { id: 'romashka', reasons: ['phone'] },
    ]);
    expect(book.find({ name: 'Другое', phones: [], emails: [' INFO@Romashka.ru'] })).toEqual([
      { id: 'romashka', reasons: ['email'] },
    ]);
  });

  it('lists the client matching on most keys first', () => {
    const found = book.find({
      name: 'Лютик',
      phones: ['+7 912 345 67 89'],
      emails: ['info@romashka.ru'],
    });
    expect(found).toEqual([
      { id: 'romashka', reasons: ['phone', 'email'] },
      { id: 'lutik', reasons: ['name'] },
    ]);
  });

  it('does not match on a bare legal form or a short extension number', () => {
    const finder = new DuplicateFinder<string>([
      { id: 'a', name: 'ООО', phones: ['123'], emails: [] },
    ]);
    expect(finder.find({ name: 'ООО', phones: ['123'], emails: [] })).toEqual([]);
  });
});
