import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CsvParser,
  detectDelimiter,
  parseCsv,
  readCsvSlices,
  type CsvDelimiter,
} from '../../../shared/importing/csv';

const rows = (text: string, delimiter: CsvDelimiter = ',') =>
  parseCsv(text, { delimiter }).records.map((r) => r.fields);

describe('CSV parser', () => {
  it('reads plain rows with CRLF, LF and CR line ends', () => {
    expect(rows('a,b\r\n1,2\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('reads quoted fields with delimiters, line breaks and doubled quotes', () => {
    const text = 'name;note\n"ООО ""Ромашка""";"first line\nsecond; line"\n';
    expect(rows(text, ';')).toEqual([
      ['name', 'note'],
      ['ООО "Ромашка"', 'first line\nsecond; line'],
    ]);
  });

  it('keeps a quote in the middle of an unquoted field as text', () => {
    expect(rows('ООО "Ромашка";1', ';')).toEqual([['ООО "Ромашка"', '1']]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(rows(',a,,\n')).toEqual([['', 'a', '', '']]);
  });

  it('numbers rows as Excel does: blank lines count, quoted line breaks do not', () => {
    const { records } = parseCsv('h1,h2\n\n"a\nb",c\nd,e\n', { delimiter: ',' });
    expect(records.map((r) => r.row)).toEqual([1, 3, 4]);
  });

  it('flags text after a closing quote as broken quoting on that row only', () => {
    const { records, error } = parseCsv('a,b\n"x"y,2\n3,4\n', { delimiter: ',' });
    expect(error).toBeNull();
    expect(records.map((r) => [r.row, r.error])).toEqual([
      [1, null],
      [2, 'broken_quoting'],
      [3, null],
    ]);
    expect(records[1]?.fields).toEqual(['x"y', '2']);
  });

  it('reads a quoted name with inner unescaped quotes as written, flagged, even across chunks', () => {
    const text = 'Название;Город\r\n"ООО "Ромашка" и партнёры";Казань\r\n';
    const whole = parseCsv(text, { delimiter: ';' }).records[1];
    expect(whole).toMatchObject({
      fields: ['ООО "Ромашка" и партнёры', 'Казань'],
      error: 'broken_quoting',
    });
    const parser = new CsvParser({ delimiter: ';' });
    const records = [...text].flatMap((ch) => parser.push(ch));
    records.push(...parser.finish());
    expect(records[1]).toEqual(whole);
  });

  it('refuses a file whose quote never closes, naming the row it opened in', () => {
    const { error } = parseCsv('a,b\n1,2\n"open,3\n4,5\n', { delimiter: ',' });
    expect(error).toEqual({ code: 'unclosed_quote', params: { row: 3 } });
  });

  it('stops early when an open quote swallows too much text', () => {
    const parser = new CsvParser({ delimiter: ',', maxFieldLength: 100 });
    parser.push('a,"');
    expect(parser.push('x'.repeat(200))).toEqual([]);
    expect(parser.error).toEqual({ code: 'field_too_long', params: { row: 1, max: 100 } });
  });

  it('gives the same records however the text is cut into chunks', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'я', ' ', ',', ';', '"', '\n', '\r', '\t'),
      maxLength: 6,
    });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 8 }), (data, cuts) => {
        const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const text = data.map((r) => r.map(quote).join(',')).join('\r\n');
        const whole = parseCsv(text, { delimiter: ',' });
        const parser = new CsvParser({ delimiter: ',' });
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let from = 0;
        for (const p of [...points, text.length]) {
          pieces.push(text.slice(from, p));
          from = p;
        }
        const chunked = pieces.flatMap((piece) => parser.push(piece));
        chunked.push(...parser.finish());
        expect(chunked).toEqual(whole.records);
        expect(whole.records.map((r) => r.fields)).toEqual(data);
      }),
    );
  });
});

describe('detectDelimiter', () => {
  it('finds semicolons, commas and tabs', () => {
    expect(detectDelimiter('Название;Телефон;Город\nООО Ромашка, склад;8912;Казань\n')).toBe(';');
    expect(detectDelimiter('name,phone\n"Smith; Co",123\n')).toBe(',');
    expect(detectDelimiter('name\tphone\tcity\nA, B\t1\tC\n')).toBe('\t');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('a;b\n"x, y, z";1\n"p, q";2\n')).toBe(';');
  });

  it('falls back to a comma for a single column', () => {
    expect(detectDelimiter('name\nRomashka\n')).toBe(',');
  });
});

describe('readCsvSlices', () => {
  it('reads a large text in slices with rising progress and nothing lost', () => {
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `${i};"Клиент ${i}\nвторая строка";${i % 7}`,
    );
    const text = `id;name;n\n${lines.join('\n')}\n`;
    const parser = new CsvParser({ delimiter: ';' });
    const slices = [...readCsvSlices(text, parser, 1000)];
    expect(slices.length).toBeGreaterThan(5);
    const progress = slices.map((s) => s.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    const records = slices.flatMap((s) => s.records);
    expect(records).toHaveLength(10_001);
    expect(records[5000]?.fields).toEqual(['4999', 'Клиент 4999\nвторая строка', String(4999 % 7)]);
  });
});
