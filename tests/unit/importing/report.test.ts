import { describe, expect, it } from 'vitest';
import { formatErrorReport } from '../../../shared/importing/report';
import { IMPORT_TEXTS } from '../../../shared/importing/messages';
import { FILE_ERROR_CODES, ROW_ERROR_CODES, type RowError } from '../../../shared/importing/errors';
import { parseCsv } from '../../../shared/importing/csv';

/** A tiny stand-in for i18next's t over our resources. */
const translator =
  (lang: 'ru' | 'en') =>
  (key: string, params: Record<string, unknown> = {}) => {
    const template = key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown>)?.[part],
        IMPORT_TEXTS[lang],
      );
    if (typeof template !== 'string') throw new Error(`missing text ${key}`);
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
  };

const errors: RowError[] = [
  { row: 9, column: 'E-mail', code: 'bad_email', params: { value: 'a@b' } },
  { row: 3, column: 'Телефон; рабочий', code: 'bad_phone', params: { value: 'звонить "вечером"' } },
  { row: 4, column: '=HYPERLINK("x")', code: 'name_required', params: {} },
];

describe('import error report', () => {
  it('is a CSV Excel reads back: BOM, rows in order, the rep’s language, quoting intact', () => {
    const report = formatErrorReport(errors, translator('ru'));
    expect(report.startsWith('\uFEFF')).toBe(true);
    const { records } = parseCsv(report.slice(1), { delimiter: ';' });
    expect(records.map((r) => r.fields)).toEqual([
      ['Строка', 'Столбец', 'Проблема'],
      ['3', 'Телефон; рабочий', '«звонить "вечером"» — не номер телефона.'],
      ['4', '\'=HYPERLINK("x")', 'Не указано название.'],
      ['9', 'E-mail', '«a@b» — не адрес электронной почты.'],
    ]);
  });

  it('uses the delimiter asked for', () => {
    const report = formatErrorReport(errors.slice(0, 1), translator('en'), { delimiter: ',' });
    expect(report).toBe(
      '\uFEFFRow,Column,Problem\r\n9,E-mail,"""a@b"" is not an e-mail address."\r\n',
    );
  });

  it('has a text in both languages for every error code', () => {
    for (const lang of ['ru', 'en'] as const) {
      for (const code of [...FILE_ERROR_CODES, ...ROW_ERROR_CODES]) {
        expect(IMPORT_TEXTS[lang].import.error[code], `${lang} ${code}`).toMatch(/\S/);
      }
    }
  });
});
