/**
 * CSV import: 100k rows of a Russian Excel export (Windows-1251, semicolons, some quoted fields
 * with line breaks) from bytes to validated drafts with duplicate checks against a 10k-client
 * book. The goal is at least 20k rows/s; the figure covers decoding, reading, mapping,
 * validation and duplicate detection, everything but the database write (runImportBench, in
 * Node); runImportChromiumBench times the whole import, write included, in headless Chromium.
 */
import { performance } from 'node:perf_hooks';
import { BENCH_BOOK } from './demo.bench';
import { buildBenchPage, serveBenchPage, withBenchPage } from './chromium';
import type { ImportRunResult } from './page/importPage';
import { benchRuns, median, metricFromRuns, type Metric } from './metric';
import { encodeCp1251 } from '../../shared/importing/cp1251';
import { openCsvImport, readCsvImportRows } from '../../shared/importing/csv-import';
import { CsvParser, readCsvSlices } from '../../shared/importing/csv';
import { DuplicateFinder } from '../../shared/importing/duplicates';
import { russianExcelCsv } from './importCsv';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
/** The demo book's 10k clients with fewer notes than its 100k: notes play no part in an import. */
/** Every n-th CSV row names a client of the book (merged into it); 0 for none. */
const DUPLICATE_EVERY = Number(process.env.BENCH_IMPORT_DUPLICATE_EVERY ?? 100);
const IMPORT_BOOK_NOTES = Number(process.env.BENCH_IMPORT_BOOK_NOTES ?? 20_000);

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

/**
 * The whole import in headless Chromium through the app's own code (tests/bench/page/importPage.ts):
 * a 100k-row Windows-1251 CSV from bytes to the committed transaction, into a database holding
 * the demo book; every 100th row names a client of the book and is merged. Each run seeds a
 * fresh database in a fresh profile.
 */
export async function runImportChromiumBench(): Promise<Metric[]> {
  await buildBenchPage();
  const server = await serveBenchPage();
  const rate: number[] = [];
  const writeRate: number[] = [];
  const longest: number[] = [];
  const frameGap: number[] = [];
  const floorRate: number[] = [];
  const clientsOnlyRate: number[] = [];
  const ofFloor: number[] = [];
  try {
    for (let run = 0; run < benchRuns(); run++) {
      await withBenchPage(
        server.url,
        () => window.fieldbookImportBench !== undefined,
        async (page) => {
          const seeded = await page.evaluate((book) => window.fieldbookImportBench!.seed(book), {
            ...BENCH_BOOK,
            notes: IMPORT_BOOK_NOTES,
          });
          const result: ImportRunResult = await page.evaluate(
            (o) => window.fieldbookImportBench!.run(o),
            { rows: ROWS, duplicateEvery: DUPLICATE_EVERY },
          );
          const expectedMerged = Math.min(
            DUPLICATE_EVERY > 0 ? Math.floor(ROWS / DUPLICATE_EVERY) : 0,
            seeded.clients,
            5000,
          );
          if (
            result.rows !== ROWS ||
            result.merged !== expectedMerged ||
            result.created !== ROWS - expectedMerged ||
            result.clientsAfter !== seeded.clients + result.created
          ) {
            throw new Error(`import wrote the wrong thing: ${JSON.stringify(result)}`);
          }
          console.error(
            `  run ${run + 1}: ${Math.round(result.totalMs)} ms (open ${Math.round(result.openMs)}, book ${Math.round(result.existingMs)}, read ${Math.round(result.readMs)}, write ${Math.round(result.writeMs)}, bare IndexedDB ${Math.round(result.floorMs)}, clients alone ${Math.round(result.clientsOnlyFloorMs)}); longest task ${Math.round(result.longestTaskMs)} ms (${result.longTasks} long; by step ${JSON.stringify(result.longestTaskByStepMs)}), frame gap ${Math.round(result.longestFrameGapMs)} ms`,
          );
          if (process.env.BENCH_IMPORT_MARKS) console.error(JSON.stringify(result.marks));
          rate.push(result.rows / (result.totalMs / 1000));
          writeRate.push(result.rows / (result.writeMs / 1000));
          longest.push(result.longestTaskMs);
          frameGap.push(result.longestFrameGapMs);
          floorRate.push(result.created / (result.floorMs / 1000));
          clientsOnlyRate.push(result.created / (result.clientsOnlyFloorMs / 1000));
          // The import's write against bare bulkAdd of the same records, in the same minute.
          ofFloor.push(result.floorMs / result.writeMs);
        },
      );
    }
  } finally {
    await server.close();
  }
  return [
    metricFromRuns('import.chromium.rate', rate, {
      unit: 'rows/s',
      goal: 20_000,
      better: 'higher',
    }),
    metricFromRuns('import.chromium.write.rate', writeRate, {
      unit: 'rows/s',
      goal: 40_000,
      better: 'higher',
    }),
    // What IndexedDB alone allows here: bare bulkAdd of the same records (4 per row).
    metricFromRuns('import.chromium.idbFloor.rate', floorRate, {
      unit: 'rows/s',
      goal: 20_000,
      better: 'higher',
    }),
    // One client record a row and nothing else: the ceiling for any import that keeps a record
    // per client in IndexedDB on this machine (no person, no outbox, no search index).
    metricFromRuns('import.chromium.idbClientsOnly.rate', clientsOnlyRate, {
      unit: 'rows/s',
      goal: 20_000,
      better: 'higher',
    }),
    // The import's write speed as a share of that floor (1 = as fast as bare bulkAdd).
    metricFromRuns('import.chromium.write.ofFloor', ofFloor, {
      unit: 'ratio',
      goal: 0.8,
      better: 'higher',
    }),
    // "100k rows do not freeze the UI": no main-thread task much above 50 ms.
    metricFromRuns('import.chromium.longestTask.ms', longest, {
      unit: 'ms',
      goal: 50,
      better: 'lower',
    }),
    metricFromRuns('import.chromium.frameGap.ms', frameGap, {
      unit: 'ms',
      goal: 100,
      better: 'lower',
    }),
  ];
}
