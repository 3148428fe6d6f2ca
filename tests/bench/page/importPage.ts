/**
 * The CSV import bench inside Chromium: exposes `window.fieldbookImportBench` for
 * tests/bench/import.bench.ts. Kept apart from main.ts so the import bench and the list/search
 * benches can grow independently.
 *
 * `seed` fills a database with the demo book; `run` imports a Windows-1251 CSV into it through
 * the app's own code, as the import screen does: decode and open (openCsvFile), the book's
 * duplicate keys (existingClients), read, map, validate and match in slices (readCsvRows), then
 * the one-transaction write (commitImport). A probe watches the main thread meanwhile: long tasks
 * (PerformanceObserver 'longtask') and the longest gap between two animation frames.
 */
import Dexie from 'dexie';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import { commitImport, existingClients } from '../../../renderer/features/import/data/importer';
import { openCsvFile, readCsvRows } from '../../../renderer/features/import/importFlow';
import { clientNameKey, encodeCp1251 } from '../../../shared/importing';
import { generateDemoBook, type DemoBookOptions } from '../../../shared/demo';
import { russianExcelCsv } from '../importCsv';
import { mainThreadProbe } from './probe';

export const IMPORT_BENCH_DB = 'fieldbook-import-bench';

export interface ImportSeedResult {
  records: number;
  clients: number;
  ms: number;
}

export interface ImportRunOptions {
  rows: number;
  /** Every n-th row names a client of the seeded book (merged, not created). 0: none. */
  duplicateEvery: number;
}

export interface ImportRunResult {
  rows: number;
  created: number;
  merged: number;
  /** Bytes to the committed transaction. */
  totalMs: number;
  /** openCsvFile: decode, delimiter, preview, yielding between slices. */
  openMs: number;
  /** existingClients: the book's names, phones and e-mails. */
  existingMs: number;
  /** readCsvRows: parse, map, validate, duplicates, yielding between slices. */
  readMs: number;
  /** commitImport. */
  writeMs: number;
  /** The longest long task (0 when none passed 50 ms). */
  longestTaskMs: number;
  longTasks: number;
  /** The longest long task that began in each step. */
  longestTaskByStepMs: { open: number; existing: number; read: number; write: number };
  /** The longest gap between two animation frames. */
  longestFrameGapMs: number;
  clientsAfter: number;
  outboxAfter: number;
  /**
   * The same number of rows written as bare records (a client, a person and two outbox rows
   * each, copies of what the import wrote) with bulkAdd of 5000 in one transaction: what
   * IndexedDB alone costs on this machine right now, the floor under `writeMs`.
   */
  floorMs: number;
  /**
   * The same rows as client records alone (one record a row, the app's indexes), bulkAdd of 5000
   * in one transaction: the most any import that keeps a record per client could reach here.
   */
  clientsOnlyFloorMs: number;
  /** Rows written and ms since the write began, at each progress report. */
  marks: number[];
}

export interface ImportBenchApi {
  seed(book: DemoBookOptions): Promise<ImportSeedResult>;
  run(options: ImportRunOptions): Promise<ImportRunResult>;
  wipe(): Promise<void>;
}

declare global {
  interface Window {
    fieldbookImportBench?: ImportBenchApi;
  }
}

let seededNames: string[] = [];

/** See ImportRunResult.floorMs; writes into a scratch database, deleted after. */
async function idbFloor(source: FieldbookDb, rows: number, clientsOnly = false): Promise<number> {
  const [client, person, op] = await Promise.all([
    source.clients.orderBy(':id').last(),
    source.people.orderBy(':id').last(),
    source.outbox.orderBy('seq').last(),
  ]);
  if (!client || !person || !op) throw new Error('nothing imported to copy');
  const name = `${IMPORT_BENCH_DB}-floor${clientsOnly ? '-clients' : ''}`;
  await Dexie.delete(name);
  const db = createDb(name);
  await db.open();
  const started = performance.now();
  await db.transaction('rw', [db.clients, db.people, db.outbox], async () => {
    for (let at = 0; at < rows; at += 5000) {
      const n = Math.min(5000, rows - at);
      const ids = Array.from({ length: n }, (_, i) => `${String(at + i).padStart(9, '0')}`);
      await db.clients.bulkAdd(ids.map((id) => ({ ...client, id, name: `${client.name} ${id}` })));
      if (clientsOnly) continue;
      await db.people.bulkAdd(ids.map((id) => ({ ...person, id, clientId: id })));
      await db.outbox.bulkAdd(
        ids.flatMap((id, i) => [
          { ...op, seq: 2 * (at + i) + 1, opId: `c${id}`, rowId: id },
          { ...op, seq: 2 * (at + i) + 2, opId: `p${id}`, rowId: id },
        ]),
      );
    }
  });
  const ms = performance.now() - started;
  db.close();
  await Dexie.delete(name);
  return ms;
}

async function openDb(): Promise<FieldbookDb> {
  const db = createDb(IMPORT_BENCH_DB);
  await db.open();
  return db;
}

async function runImport({ rows, duplicateEvery }: ImportRunOptions): Promise<ImportRunResult> {
  const names = seededNames.filter((n) => n !== '');
  const bytes = encodeCp1251(russianExcelCsv(rows, { existingNames: names, duplicateEvery }));
  if (!bytes) throw new Error('bench data is not encodable in Windows-1251');
  const db = await openDb();
  const repo = new Repository(db);
  const probe = mainThreadProbe();
  // Let the page settle (the file built above is the rep's disk, not the import).
  await new Promise((resolve) => setTimeout(resolve, 50));
  probe.start();
  // The screen opens a picked file in a task of its own.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const t0 = performance.now();
  const opened = await openCsvFile(bytes);
  if (!opened.ok) throw new Error(`open: ${opened.error.code}`);
  const t1 = performance.now();
  const existing = await existingClients(db);
  const t2 = performance.now();
  const read = await readCsvRows(opened.file, opened.file.guessedMapping, existing, {
    defaultStatus: 'active',
    signal: new AbortController().signal,
    onProgress: () => undefined,
  });
  if (!read.ok) throw new Error(`read: ${'error' in read ? read.error.code : 'cancelled'}`);
  const t3 = performance.now();
  const bad = read.rows.find((r) => r.errors.length > 0);
  if (bad) throw new Error(`row ${bad.row} is bad: ${JSON.stringify(bad.errors)}`);
  const marks: number[] = [];
  const result = await commitImport(repo, read.rows, {
    duplicates: 'merge',
    skipBadRows: false,
    onProgress: (done) => marks.push(done, performance.now() - t3),
  });
  const t4 = performance.now();
  const { tasks, longestFrameGapMs } = await probe.stop();
  const longest = (from: number, to: number) =>
    Math.max(0, ...tasks.filter((x) => x.start >= from && x.start < to).map((x) => x.duration));
  const [clientsAfter, outboxAfter] = await Promise.all([db.clients.count(), db.outbox.count()]);
  const floorMs = await idbFloor(db, result.created);
  const clientsOnlyFloorMs = await idbFloor(db, result.created, true);
  db.close();
  return {
    rows: read.rows.length,
    created: result.created,
    merged: result.merged,
    totalMs: t4 - t0,
    openMs: t1 - t0,
    existingMs: t2 - t1,
    readMs: t3 - t2,
    writeMs: t4 - t3,
    longestTaskMs: longest(0, Infinity),
    longTasks: tasks.length,
    longestTaskByStepMs: {
      // From the probe's start: the task that opens the file began just before t0 was read.
      open: longest(0, t1),
      existing: longest(t1, t2),
      read: longest(t2, t3),
      write: longest(t3, Infinity),
    },
    longestFrameGapMs,
    clientsAfter,
    outboxAfter,
    floorMs,
    clientsOnlyFloorMs,
    marks,
  };
}

const api: ImportBenchApi = {
  async seed(book) {
    await Dexie.delete(IMPORT_BENCH_DB);
    const db = await openDb();
    const started = performance.now();
    let records = 0;
    let clients = 0;
    seededNames = [];
    const keys = new Set<string>();
    for (const batch of generateDemoBook(book)) {
      const rows = batch.records as { id: string; name?: string; deletedAt?: string | null }[];
      if (batch.table === 'clients') {
        clients += rows.length;
        // Distinct names of live clients only: two rows naming one client would be a duplicate
        // within the file, and a trashed client is no merge target.
        for (const c of rows) {
          const key = clientNameKey(c.name ?? '');
          if (c.deletedAt == null && key !== '' && !keys.has(key) && seededNames.length < 5000) {
            keys.add(key);
            seededNames.push(c.name!);
          }
        }
      }
      await db.table(batch.table).bulkAdd(rows);
      records += rows.length;
    }
    db.close();
    return { records, clients, ms: performance.now() - started };
  },

  async run(options) {
    try {
      return await runImport(options);
    } catch (error) {
      // Dexie's errors carry the cause in `inner`; the driver sees only this message.
      const e = error as {
        name?: string;
        message?: string;
        inner?: { name?: string; message?: string };
      };
      throw new Error(
        `${e.name}: ${e.message}${e.inner ? ` (${e.inner.name}: ${e.inner.message})` : ''}`,
      );
    }
  },

  async wipe() {
    await Dexie.delete(IMPORT_BENCH_DB);
  },
};

window.fieldbookImportBench = api;
