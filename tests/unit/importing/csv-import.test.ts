import { describe, expect, it } from 'vitest';
import { encodeCp1251 } from '../../../shared/importing/cp1251';
import {
  columnLetter,
  openCsvImport,
  openCsvImportInSteps,
  readCsvImportRows,
  type CsvImportFile,
  type ReadRowsEnd,
  type RowsSlice,
} from '../../../shared/importing/csv-import';
import { DuplicateFinder } from '../../../shared/importing/duplicates';
import type { ColumnMapping } from '../../../shared/importing/mapping';

const RUSSIAN_EXCEL_CSV = [
  'Название;Контактное лицо;Телефон;E-mail;Теги;Статус;Примечание',
  'ООО «Ромашка»;Пётр Иванов;8 912 345-67-89;petr@romashka.ru;опт;активный;"Склад во дворе;',
  'въезд с ул. Баумана"',
  'ИП Семёнов;Андрей Семёнов;звонить вечером;;;;',
  'АО "Лютик";Ольга Ёлкина;+7 (495) 111-22-33;olga@lutik;сеть;;',
  'Кофейня «Зерно»;Мария;+7 912 000-11-22;maria@zerno.ru;HoReCa;потенциальный;',
  '',
].join('\r\n');

function open(bytes: Uint8Array): CsvImportFile {
  const result = openCsvImport(bytes);
  if (!result.ok) throw new Error(result.error.code);
  return result.file;
}

function readAll(
  file: CsvImportFile,
  mapping: ColumnMapping = file.guessedMapping,
  existing?: DuplicateFinder<string>,
) {
  const generator = readCsvImportRows(file, mapping, { existing, rowsPerSlice: 2 });
  const slices: RowsSlice[] = [];
  let step = generator.next();
  while (!step.done) {
    slices.push(step.value);
    step = generator.next();
  }
  return { rows: slices.flatMap((s) => s.rows), end: step.value as ReadRowsEnd, slices };
}

const errorCode = (bytes: Uint8Array) => {
  const r = openCsvImport(bytes);
  return r.ok ? 'ok' : r.error.code;
};

describe('CSV import from bytes', () => {
  it('reads a Windows-1251 file from Russian Excel: encoding, semicolons, quoted line break, two bad rows', () => {
    const file = open(encodeCp1251(RUSSIAN_EXCEL_CSV) as Uint8Array);
    expect(file).toMatchObject({ encoding: 'windows-1251', delimiter: ';', hasHeadings: true });
    expect(file.guessedMapping).toEqual([
      'name',
      'personName',
      'phone',
      'email',
      'tags',
      'status',
      'notes',
    ]);
    expect(file.preview[0]?.[6]).toBe('Склад во дворе;\r\nвъезд с ул. Баумана');

    const { rows, end } = readAll(file);
    expect(end).toEqual({ ok: true, rowCount: 4, errorRowCount: 2 });
    // Excel's row numbers: the line break inside quotes stays in one cell, in one row.
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(rows.flatMap((r) => r.errors.map((e) => [e.row, e.column, e.code]))).toEqual([
      [3, 'Телефон', 'bad_phone'],
      [4, 'E-mail', 'bad_email'],
    ]);
    expect(rows[0]?.client).toMatchObject({
      name: 'ООО «Ромашка»',
      tags: ['опт'],
      status: 'active',
    });
    expect(rows[3]?.client.status).toBe('prospect');
  });

  it('reads UTF-8 with a byte order mark and tabs', () => {
    const text = '\uFEFFName\tPhone\nRomashka LLC\t+7 912 345-67-89\n';
    const file = open(new TextEncoder().encode(text));
    expect(file).toMatchObject({ encoding: 'utf-8', delimiter: '\t', headings: ['Name', 'Phone'] });
    expect(readAll(file).rows[0]?.client.name).toBe('Romashka LLC');
  });

  it('marks rows already in the book and rows repeating an earlier row', () => {
    const text =
      'Name,Phone\nRomashka,+7 912 345-67-89\nLutik,8 912 345 67 89\nNew,+7 999 000-00-00\n';
    const book = new DuplicateFinder<string>([
      { id: 'c1', name: 'ООО Ромашка', phones: [], emails: [] },
      { id: 'c2', name: 'Romashka', phones: [], emails: [] },
    ]);
    const { rows } = readAll(open(new TextEncoder().encode(text)), undefined, book);
    expect(rows.map((r) => r.duplicates.map((d) => d.id))).toEqual([['c2'], [], []]);
    expect(rows[1]?.errors).toEqual([
      { row: 3, column: null, code: 'duplicate_in_file', params: { row: 2 } },
    ]);
  });

  it('names columns by Excel letters when the file has no heading row', () => {
    const result = openCsvImport(new TextEncoder().encode('Ромашка;8912\nЛютик;8913\n'), {
      hasHeadings: false,
    });
    expect(result.ok && result.file.headings).toEqual(['A', 'B']);
    expect(columnLetter(26)).toBe('AA');
    if (!result.ok) return;
    const { rows } = readAll(result.file, ['name', 'phone']);
    expect(rows.map((r) => r.client.name)).toEqual(['Ромашка', 'Лютик']);
  });

  it('refuses empty, heading-only, binary and workbook files before reading rows', () => {
    expect(errorCode(new Uint8Array())).toBe('empty_file');
    expect(errorCode(new TextEncoder().encode('Название;Телефон\r\n'))).toBe('no_rows');
    expect(errorCode(new TextEncoder().encode('\r\n\r\n'))).toBe('no_rows');
    expect(errorCode(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]))).toBe('binary_file');
    expect(errorCode(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('spreadsheet_file');
  });

  it('refuses broken quoting that swallows the rest of the file', () => {
    expect(errorCode(new TextEncoder().encode('a;b\n"Ромашка;1\nЛютик;2\n'))).toBe(
      'unclosed_quote',
    );
  });

  it('finds an unclosed quote beyond the preview only when reading, and reports it as the end', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `Клиент ${i};${i}`);
    const text = `Название;Номер\n${lines.join('\n')}\n"сломано;1\nещё;2\n`;
    const file = open(new TextEncoder().encode(text));
    const { end, slices } = readAll(file);
    expect(slices.length).toBeGreaterThan(1);
    expect(end).toEqual({ ok: false, error: { code: 'unclosed_quote', params: { row: 20_002 } } });
  });
});

describe('opening a CSV in steps', () => {
  it('opens the same file as opening it at once, pausing between slices of decoding', () => {
    const bytes = encodeCp1251(RUSSIAN_EXCEL_CSV)!;
    const steps = openCsvImportInSteps(bytes, { sliceBytes: 32 });
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next();
    }
    expect(step.value).toEqual(openCsvImport(bytes));
    expect(pauses).toBeGreaterThanOrEqual(Math.ceil(bytes.length / 32));
  });
});
