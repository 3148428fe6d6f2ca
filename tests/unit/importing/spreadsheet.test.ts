import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/importing/csv';
import { formatErrorReport } from '../../../shared/importing/report';
import { csvCell, startsLikeFormula } from '../../../shared/importing/spreadsheet';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/** Reads one exported cell back as a spreadsheet would see its text. */
function readBack(cell: string, delimiter: ';' | ','): string {
  const { records, error } = parseCsv(`${cell}${delimiter}end\r\n`, { delimiter });
  expect(error).toBeNull();
  expect(records).toHaveLength(1);
  expect(records[0]!.fields).toHaveLength(2);
  return records[0]!.fields[0]!;
}

describe('CSV cells a spreadsheet opens without running anything', () => {
  it('a cell never reaches the spreadsheet starting with =, +, -, @, tab or CR, and the text is kept (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc
        .tuple(fc.constantFrom(...TRIGGERS), fc.string({ unit: 'binary', maxLength: 40 }))
        .map(([head, tail]) => head + tail),
    );
    fc.assert(
      fc.property(text, fc.constantFrom<';' | ','>(';', ','), (value, delimiter) => {
        const seen = readBack(csvCell(value, delimiter), delimiter);
        expect(startsLikeFormula(seen)).toBe(false);
        expect(seen).toBe(TRIGGERS.includes(value[0] ?? '') ? `'${value}` : value);
      }),
      { numRuns: 1000 },
    );
  });

  it('the payloads from issue 15 are written as text, a sign followed by a digit included', () => {
    for (const payload of [
      "-2+3+cmd|' /C calc'!A0",
      "+1+cmd|' /C calc'!A0",
      '=HYPERLINK("http://x","y")',
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '\t=1+1',
      '\r=1+1',
      '+7 912 345-67-89',
    ]) {
      expect(readBack(csvCell(payload), ';')).toBe(`'${payload}`);
    }
    expect(csvCell('ООО «Ромашка»')).toBe('ООО «Ромашка»');
  });

  it('the import error report neutralises a heading that starts with a tab or a sign and a digit', () => {
    const t = (key: string) => key;
    const report = formatErrorReport(
      [
        { row: 2, column: '\t=cmd', code: 'name_required', params: {} },
        { row: 3, column: "+1+cmd|' /C calc'!A0", code: 'name_required', params: {} },
      ],
      t,
    );
    const { records } = parseCsv(report.slice(1), { delimiter: ';' });
    expect(records.slice(1).map((r) => r.fields[1])).toEqual(["'\t=cmd", "'+1+cmd|' /C calc'!A0"]);
  });
});
