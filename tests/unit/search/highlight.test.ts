import { describe, expect, it } from 'vitest';
import { highlight } from '../../../shared/search/highlight';

const marked = (text: string, terms: string[]) =>
  highlight(text, terms)
    .filter((s) => s.match)
    .map((s) => s.text);

describe('highlight', () => {
  it('marks the typed prefix of each matching word', () => {
    expect(highlight('Иван Петров', ['пет'])).toEqual([
      { text: 'Иван ', match: false },
      { text: 'Пет', match: true },
      { text: 'ров', match: false },
    ]);
  });

  it('matches across ё/е and Latin diacritics', () => {
    expect(marked('Семён Ёлкин', ['семе', 'елк'])).toEqual(['Семё', 'Ёлк']);
    expect(marked('Café Crème', ['creme'])).toEqual(['Crème']);
  });

  it('prefers the longest matching term', () => {
    expect(marked('Поставка поставщику', ['пост', 'поставщ'])).toEqual(['Пост', 'поставщ']);
  });

  it('marks a phone typed in another format', () => {
    expect(marked('тел. +7 912 345-67-89', ['8912'])).toEqual(['7 912']);
    expect(marked('8 (912) 345-67-89', ['9123456'])).toEqual(['912) 345-6']);
    expect(marked('+7 912 345-67-89', ['3456789'])).toEqual(['345-67-89']);
  });

  it('gives back the whole text when joined', () => {
    const text = 'ООО «Ромашка», Йошкар-Ола; тел. 8 912 345 67 89';
    expect(
      highlight(text, ['ром', 'йош', '912'])
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });

  it('marks nothing when no term matches or no terms are given', () => {
    expect(highlight('Иван', ['пет'])).toEqual([{ text: 'Иван', match: false }]);
    expect(highlight('Иван', [])).toEqual([{ text: 'Иван', match: false }]);
    expect(highlight('', ['а'])).toEqual([]);
  });
});
