import { describe, expect, it } from 'vitest';
import {
  clientsToCsv,
  type ExportColumn,
} from '../../../renderer/features/clients/data/clientExport';
import { csvCell } from '../../../shared/importing/spreadsheet';
import type { ClientSummary } from '../../../renderer/features/clients/data/clientSummary';

const summary = (name: string, address = ''): ClientSummary =>
  ({ client: { name, address, tags: [] }, people: [] }) as unknown as ClientSummary;
const columns: ExportColumn[] = [
  { header: 'Название', value: (s) => s.client.name },
  { header: 'Адрес', value: (s) => s.client.address },
];

describe('CSV export of the list', () => {
  it('starts with a byte order mark and separates with semicolons, one line per client', () => {
    const csv = clientsToCsv([summary('Ромашка', 'Казань'), summary('Лютик')], columns);
    expect(csv).toBe('\uFEFFНазвание;Адрес\r\nРомашка;Казань\r\nЛютик;\r\n');
  });

  it('quotes values with separators, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('ООО "Ландыш"; филиал')).toBe('"ООО ""Ландыш""; филиал"');
    expect(csvCell('строка 1\nстрока 2')).toBe('"строка 1\nстрока 2"');
  });

  it('every value that would run as a spreadsheet formula is written as text, a phone too', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+7 912 345-67-89')).toBe("'+7 912 345-67-89");
    expect(csvCell('-cmd')).toBe("'-cmd");
  });
});
