/**
 * The client list as CSV for Excel: semicolons and a UTF-8 byte-order mark, which is what Russian
 * Excel opens without asking; one row per client, in the order and with the filters on screen.
 */
import type { ClientSummary } from './clientSummary';

export interface ExportColumn {
  header: string;
  value: (s: ClientSummary) => string;
}

/** A cell that starts like a formula would run as one in a spreadsheet; a quote stops that. */
function defuse(value: string): string {
  return /^[=@\t\r]|^[+-](?![\d\s(])/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string, delimiter = ';'): string {
  const safe = defuse(value);
  return /["\r\n]/.test(safe) || safe.includes(delimiter) ? `"${safe.replace(/"/g, '""')}"` : safe;
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
