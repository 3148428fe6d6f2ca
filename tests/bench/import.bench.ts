/**
 * CSV import: 100k rows of a Russian Excel export (Windows-1251, semicolons, some quoted fields
 * with line breaks) from bytes to validated drafts with duplicate checks against a 10k-client
 * book. The goal is at least 20k rows/s; the figure covers decoding, reading, mapping,
 * validation and duplicate detection, everything but the database write.
 */
import { performance } from 'node:perf_hooks';
import { benchRuns, median, metricFromRuns, type Metric } from './metric';
import { encodeCp1251 } from '../../shared/importing/cp1251';
import { openCsvImport, readCsvImportRows } from '../../shared/importing/csv-import';
import { CsvParser, readCsvSlices } from '../../shared/importing/csv';
import { DuplicateFinder } from '../../shared/importing/duplicates';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

function russianExcelCsv(rows: number): string {
  const lines = [
    'Название;Контактное лицо;Телефон;E-mail;Теги;Статус;Город;Адрес;День рождения;Примечание',
  ];
  const cities = ['Казань', 'Москва', 'Самара', 'Екатеринбург'];
  const statuses = ['активный', 'потенциальный', 'под угрозой', ''];
  for (let i = 0; i < rows; i++) {
    const d = String(i).padStart(7, '0');
    const phone = `8 (9${String(i % 100).padStart(2, '0')}) ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
    const note =
      i % 10 === 0 ? '"Склад во дворе;\r\nвъезд с ""торца"""' : 'Обсудили поставку фильтров';
    lines.push(
      [
        `ООО «Ромашка ${i}»`,
        `Пётр Семёнов ${i}`,
        phone,
        `client${i}@example.ru`,
        i % 3 === 0 ? 'опт, HoReCa' : 'розница',
        statuses[i % statuses.length],
        cities[i % cities.length],
        `ул. Баумана, ${1 + (i % 99)}`,
        i % 4 === 0 ? `${1 + (i % 28)}.0${1 + (i % 9)}.1980` : '',
        note,
      ].join(';'),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

function existingBook(clients: number): DuplicateFinder<string> {
  return new DuplicateFinder<string>(
    Array.from({ length: clients }, (_, i) => ({
      id: `c${i}`,
      name: `ООО «Лютик ${i}»`,
      phones: [`+7 800 ${String(i).padStart(7, '0')}`],
      emails: [`book${i}@example.ru`],
    })),
  );
}

export async function runImportBench(): Promise<Metric[]> {
  const bytes = encodeCp1251(russianExcelCsv(ROWS));
  if (!bytes) throw new Error('bench data is not encodable in Windows-1251');
  const existing = existingBook(10_000);
  const fullRates: number[] = [];
  const cpuRates: number[] = [];
  const parseRates: number[] = [];
  const sliceMax: number[] = [];
  const sliceMedian: number[] = [];
  for (let run = 0; run < benchRuns(); run++) {
    let t = performance.now();
    const cpuStart = process.cpuUsage();
    const opened = openCsvImport(bytes);
    if (!opened.ok) throw new Error(opened.error.code);
    let rows = 0;
    const sliceTimes: number[] = [];
    let sliceStart = performance.now();
    // The default slice size: what the import screen uses between two frames.
    for (const slice of readCsvImportRows(opened.file, opened.file.guessedMapping, { existing })) {
      rows += slice.rows.length;
      sliceTimes.push(performance.now() - sliceStart);
      sliceStart = performance.now();
    }
    if (rows !== ROWS) throw new Error(`read ${rows} rows of ${ROWS}`);
    fullRates.push(rows / ((performance.now() - t) / 1000));
    const cpu = process.cpuUsage(cpuStart);
    cpuRates.push(rows / ((cpu.user + cpu.system) / 1e6));
    sliceMax.push(Math.max(...sliceTimes));
    sliceMedian.push(median(sliceTimes));

    t = performance.now();
    let records = 0;
    for (const slice of readCsvSlices(opened.file.text, new CsvParser({ delimiter: ';' })))
      records += slice.records.length;
    parseRates.push(records / ((performance.now() - t) / 1000));
  }
  return [
    metricFromRuns('import.csv.rows_per_s', fullRates, {
      unit: 'rows/s',
      goal: 20_000,
      better: 'higher',
    }),
    // The same per second of this process's CPU: what the code does when the machine is busy.
    metricFromRuns('import.csv.rows_per_cpu_s', cpuRates, {
      unit: 'rows/s',
      goal: 20_000,
      better: 'higher',
    }),
    metricFromRuns('import.csv.parse_rows_per_s', parseRates, {
      unit: 'rows/s',
      goal: 100_000,
      better: 'higher',
    }),
    // A slice is the work between two frames with the default slice size (250 rows).
    metricFromRuns('import.csv.slice_median', sliceMedian, {
      unit: 'ms',
      goal: 16,
      better: 'lower',
    }),
    metricFromRuns('import.csv.slice_max', sliceMax, { unit: 'ms', goal: 100, better: 'lower' }),
  ];
}
