/**
 * The client list as CSV for Excel: semicolons and a UTF-8 byte-order mark, which is what Russian
 * Excel opens without asking; one row per client, in the order and with the filters on screen.
 */
import { csvCell } from '../../../../shared/importing/spreadsheet';
import type { ClientSummary } from './clientSummary';

export interface ExportColumn {
  header: string;
  value: (s: ClientSummary) => string;
}

export function clientsToCsv(
  rows: readonly ClientSummary[],
  columns: readonly ExportColumn[],
  delimiter = ';',
): string {
  const lines = [columns.map((c) => csvCell(c.header, delimiter)).join(delimiter)];
  for (const row of rows) {
    lines.push(columns.map((c) => csvCell(c.value(row), delimiter)).join(delimiter));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function channelValues(s: ClientSummary, kind: 'phone' | 'email'): string {
  return s.people
    .flatMap((p) => p.channels.filter((c) => c.kind === kind).map((c) => c.value))
    .join(', ');
}
