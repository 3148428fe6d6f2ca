import type { RowError } from './errors';
import { csvCell } from './spreadsheet';

/** i18next's `t`, or anything that turns a key and values into the rep's language. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface ErrorReportOptions {
  /** `;` for Russian Excel (its list separator), `,` otherwise. Default `;`. */
  delimiter?: ',' | ';';
}

/**
 * The per-row error report a rep saves and opens in Excel: row, column, reason, in the rep's
 * language. Starts with a byte order mark so Excel reads it as UTF-8, not as the local code page.
 */
export function formatErrorReport(
  errors: readonly RowError[],
  t: Translate,
  options: ErrorReportOptions = {},
): string {
  const delimiter = options.delimiter ?? ';';
  // A heading or value from the imported file could start a formula: csvCell makes it text.
  const cell = (value: string | number) =>
    typeof value === 'number' ? String(value) : csvCell(value, delimiter);
  const lines = [
    [t('import.report.row'), t('import.report.column'), t('import.report.reason')],
    ...[...errors]
      .sort((a, b) => a.row - b.row)
      .map((e) => [e.row, e.column ?? '', t(`import.error.${e.code}`, e.params)]),
  ];
  return '\uFEFF' + lines.map((line) => line.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}
