/**
 * Issue 15's smaller findings, as a rep meets them: every bad input gets a named answer and
 * nothing is dropped without a word.
 */
import { describe, expect, it } from 'vitest';
import {
  openCsvImport,
  readCsvImportRows,
  type RowsSlice,
} from '../../../shared/importing/csv-import';
import { onlyNeedsConfirmation } from '../../../shared/importing/errors';
import { parseVCards } from '../../../shared/importing/vcard';
import { readBirthday, readDate } from '../../../shared/importing/values';

const utf8 = (text: string) => new TextEncoder().encode(text);

function readFile(text: string, rowsPerSlice = 250) {
  const opened = openCsvImport(utf8(text));
  if (!opened.ok) throw new Error(opened.error.code);
  const reader = readCsvImportRows(opened.file, opened.file.guessedMapping, { rowsPerSlice });
  const slices: RowsSlice[] = [];
  let step = reader.next();
  while (!step.done) {
    slices.push(step.value);
    step = reader.next();
  }
  return { slices, rows: slices.flatMap((s) => s.rows), end: step.value };
}

describe('vCard cards are never dropped without a word', () => {
  const card = (name: string, begin = 'BEGIN:VCARD') =>
    [begin, 'VERSION:3.0', `FN:${name}`, 'TEL:+7 912 000-11-22', 'END:VCARD'].join('\r\n');

  it('a card whose BEGIN is misspelt is read and reported by name', () => {
    for (const begin of ['BEGN:VCARD', 'BEGIN:VCRAD', 'BEGIN VCARD']) {
      const text = [card('Первый'), card('Второй', begin), card('Третий')].join('\r\n');
      const result = parseVCards(text);
      if (!result.ok) throw new Error(result.error.code);
      expect(result.cards.map((c) => c.person.name)).toEqual(['Первый', 'Второй', 'Третий']);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({
        row: begin === 'BEGIN VCARD' ? 7 : 6,
        code: 'vcard_no_begin',
        params: { name: 'Второй' },
      });
    }
  });

  it('a card without END is read, not only reported', () => {
    const text = [
      card('Первый'),
      'BEGIN:VCARD',
      'FN:Оборванный',
      'TEL:123 45 67',
      card('Третий'),
    ].join('\n');
    const result = parseVCards(text);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.cards.map((c) => c.person.name)).toEqual(['Первый', 'Оборванный', 'Третий']);
    expect(result.errors).toEqual([
      {
        row: 6,
        column: null,
        code: 'vcard_unterminated',
        params: { name: 'Оборванный', lastLine: 8 },
      },
    ]);
  });

  it('a birthday of 31 February is reported and left out; one in 1850 is kept and flagged', () => {
    const text = [
      'BEGIN:VCARD\nFN:Анна\nBDAY:1980-02-31\nEND:VCARD',
      'BEGIN:VCARD\nFN:Борис\nBDAY:1850-01-01\nEND:VCARD',
    ].join('\n');
    const result = parseVCards(text);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.cards.map((c) => [c.person.name, c.person.birthday])).toEqual([
      ['Анна', null],
      ['Борис', '1850-01-01'],
    ]);
    expect(result.errors.map((e) => [e.row, e.code, e.params.name])).toEqual([
      [1, 'impossible_date', 'Анна'],
      [5, 'implausible_date', 'Борис'],
    ]);
  });
});

describe('dates: impossible refused with a reason, implausible kept for confirmation', () => {
  it('tells an impossible day from an unreadable one and flags years outside 1900–2100', () => {
    expect(readDate('31.02.2024')).toEqual({ ok: false, reason: 'impossible' });
    expect(readDate('29.02.2023')).toEqual({ ok: false, reason: 'impossible' });
    expect(readDate('31.04.2024')).toEqual({ ok: false, reason: 'impossible' });
    expect(readDate('2024-13-01')).toEqual({ ok: false, reason: 'impossible' });
    expect(readDate('завтра')).toEqual({ ok: false, reason: 'unreadable' });
    expect(readDate('15.03')).toEqual({ ok: false, reason: 'unreadable' });
    expect(readBirthday('29.02')).toEqual({ ok: true, value: '--02-29', implausible: false });
    expect(readDate('31.12.9999')).toEqual({ ok: true, value: '9999-12-31', implausible: true });
    expect(readDate('01.01.1899')).toEqual({ ok: true, value: '1899-01-01', implausible: true });
    expect(readDate('2100-12-31')).toEqual({ ok: true, value: '2100-12-31', implausible: false });
    expect(readDate('1900-01-01')).toEqual({ ok: true, value: '1900-01-01', implausible: false });
  });

  it('a CSV row with 31 February says so; one with the year 9999 keeps the date and asks', () => {
    const { rows } = readFile(
      'Название;Контакт;ДР\nАльфа;Анна;31.02.1980\nБета;Борис;01.01.9999\nГамма;Вера;15.03.1980\n',
    );
    expect(rows.map((r) => r.errors.map((e) => e.code))).toEqual([
      ['impossible_date'],
      ['implausible_date'],
      [],
    ]);
    expect(rows[0]!.errors[0]!.params).toEqual({ value: '31.02.1980' });
    expect(rows[1]!.person?.birthday).toBe('9999-01-01');
    expect(rows[1]!.errors[0]!.params).toEqual({ value: '01.01.9999', min: 1900, max: 2100 });
    // The implausible year asks for confirmation; the impossible day lost a value.
    expect(rows.map((r) => r.errors.length > 0 && onlyNeedsConfirmation(r.errors))).toEqual([
      false,
      true,
      false,
    ]);
  });
});

describe('rows that do not split like the heading are flagged', () => {
  it('a comma-separated row in a semicolon file is reported, not taken as a name', () => {
    const { rows } = readFile(
      [
        'Название;Телефон;E-mail;Город',
        'ООО Ромашка;+7 912 345-67-89;info@romashka.ru;Казань',
        'ООО Лютик,+7 912 000-11-22,info@lutik.ru,Самара',
        'ИП Котов;;;',
        '',
      ].join('\r\n'),
    );
    expect(rows.map((r) => [r.row, r.errors.map((e) => e.code)])).toEqual([
      [2, []],
      [3, ['too_few_fields']],
      [4, []],
    ]);
    expect(rows[1]!.errors[0]!.params).toEqual({ expected: 4, got: 1 });
  });
});

describe('reading a big file moves the progress', () => {
  it('slices come with rows and characters read, well before the end, even with long rows', () => {
    const note = 'Долгий разговор о поставках; '.repeat(80);
    const lines = ['Название;Примечание'];
    for (let i = 0; i < 400; i++) lines.push(`Клиент ${i};"${note}"`);
    const text = lines.join('\r\n');
    const { slices, end } = readFile(text, 250);
    expect(end).toMatchObject({ ok: true, rowCount: 400 });
    expect(slices.length).toBeGreaterThan(10);
    const first = slices[0]!;
    expect(first.progress).toBeGreaterThan(0);
    expect(first.progress).toBeLessThan(0.2);
    expect(first.rowsRead).toBeGreaterThan(0);
    expect(first.charsRead).toBeGreaterThan(0);
    expect(first.totalChars).toBe(text.length);
    for (let i = 1; i < slices.length; i++) {
      expect(slices[i]!.charsRead).toBeGreaterThan(slices[i - 1]!.charsRead);
      expect(slices[i]!.rowsRead).toBeGreaterThanOrEqual(slices[i - 1]!.rowsRead);
    }
    expect(slices.at(-1)).toMatchObject({ progress: 1, rowsRead: 400, charsRead: text.length });
  });
});
