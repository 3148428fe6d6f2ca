import { describe, expect, it } from 'vitest';
import {
  normalizeText,
  tokenize,
  normalizePhone,
  samePhone,
  phoneSearchKeys,
  phoneQueryDigits,
} from '../../../shared/search/normalize';

describe('normalizeText', () => {
  it('is case-insensitive in Russian and English', () => {
    expect(normalizeText('ООО Ромашка LLC')).toBe('ооо ромашка llc');
  });

  it('treats ё as е', () => {
    expect(normalizeText('Ёлкин Семён')).toBe('елкин семен');
  });

  it('keeps й as its own letter, even when the input arrives decomposed', () => {
    expect(normalizeText('Йошкар-Ола, Андрей')).toBe('йошкар ола андрей');
    expect(normalizeText('Андре\u0438\u0306')).toBe('андрей');
  });

  it('folds Latin diacritics and special Latin letters', () => {
    expect(normalizeText('Crème Brûlée Straße Łódź')).toBe('creme brulee strasse lodz');
    expect(normalizeText('Cafe\u0301')).toBe('cafe');
  });

  it('splits on punctuation and collapses spacing', () => {
    expect(normalizeText('  «Альфа»—Бета, ivan.petrov@mail.ru! ')).toBe(
      'альфа бета ivan petrov mail ru',
    );
  });
});

describe('tokenize', () => {
  it('returns the words and digits of a text', () => {
    expect(tokenize('Кофемашина Jura E8, 2 шт.')).toEqual(['кофемашина', 'jura', 'e8', '2', 'шт']);
  });

  it('returns nothing for punctuation only', () => {
    expect(tokenize(' —,.; ')).toEqual([]);
  });
});

describe('normalizePhone', () => {
  it('gives 8…, +7… and 7… forms of a Russian number the same canonical digits', () => {
    const forms = [
      '+7 912 345-67-89',
      '8 (912) 345 67 89',
      '89123456789',
      '79123456789',
      '912-345-67-89',
    ];
    for (const f of forms) expect(normalizePhone(f)).toBe('79123456789');
  });

  it('keeps other numbers as their digits', () => {
    expect(normalizePhone('+49 30 1234567')).toBe('49301234567');
    expect(normalizePhone('12-34')).toBe('1234');
  });

  it('matches numbers on their last ten digits', () => {
    expect(samePhone('+7 912 345-67-89', '8-912-345-67-89')).toBe(true);
    expect(samePhone('+375 29 912 345 6789', '8 912 345 67 89')).toBe(true);
    expect(samePhone('+7 912 345-67-89', '+7 912 345-67-80')).toBe(false);
    expect(samePhone('', '')).toBe(false);
  });

  it('indexes the forms a rep may start typing', () => {
    expect(phoneSearchKeys('+7 (912) 345-67-89').sort()).toEqual(
      ['79123456789', '9123456789', '89123456789', '3456789'].sort(),
    );
  });
});

describe('phoneQueryDigits', () => {
  it('reads a typed phone in any format as its digits', () => {
    expect(phoneQueryDigits('+7 912 345-67-89')).toBe('79123456789');
    expect(phoneQueryDigits('8 (912)')).toBe('8912');
    expect(phoneQueryDigits('912')).toBe('912');
  });

  it('leaves words and short number groups to the word search', () => {
    expect(phoneQueryDigits('Ромашка 2')).toBeNull();
    expect(phoneQueryDigits('2 15')).toBeNull();
    expect(phoneQueryDigits('12')).toBeNull();
  });
});
