/**
 * The bench page: the app's own Dexie schema (renderer/data/db.ts) and the demo generator, run
 * inside Chromium so IndexedDB figures are the ones a rep's machine would see.
 */
import Dexie from 'dexie';
import { createDb, DB_NAME } from '../../../renderer/data/db';
import { DEMO_TABLE_ORDER, generateDemoBook, type DemoBook } from '../../../shared/demo';
import type { BenchPageApi } from './api';

let book: Partial<DemoBook> | null = null;

const api: BenchPageApi = {
  async generate(options) {
    const started = performance.now();
    const kept: Record<string, unknown[]> = {};
    let records = 0;
    for (const batch of generateDemoBook(options)) {
      (kept[batch.table] ??= []).push(...batch.records);
      records += batch.records.length;
    }
    book = kept as Partial<DemoBook>;
    return { records, ms: performance.now() - started };
  },

  async insert(batchSize) {
    if (!book) throw new Error('generate the book first');
    const db = createDb(DB_NAME);
    await db.open();
    const perTable: Record<string, number> = {};
    let records = 0;
    const started = performance.now();
    for (const table of DEMO_TABLE_ORDER) {
      const rows = (book[table] ?? []) as { id: string }[];
      for (let i = 0; i < rows.length; i += batchSize) {
        await db.table(table).bulkAdd(rows.slice(i, i + batchSize));
      }
      perTable[table] = rows.length;
      records += rows.length;
    }
    const ms = performance.now() - started;
    db.close();
    book = null;
    return { records, ms, perTable };
  },

  async firstScreen() {
    const started = performance.now();
    const db = createDb(DB_NAME);
    await db.open();
    const opened = performance.now();
    const first = await db.clients
      .orderBy('name')
      .filter((c) => c.deletedAt === null)
      .limit(50)
      .toArray();
    const listed = performance.now();
    let clients = 0;
    let last: string | null = null;
    for (;;) {
      const page: { id: string }[] =
        last === null
          ? await db.clients.orderBy(':id').limit(2000).toArray()
          : await db.clients.where(':id').above(last).limit(2000).toArray();
      clients += page.length;
      if (page.length < 2000) break;
      last = page[page.length - 1]!.id;
    }
    const all = performance.now() - listed;
    db.close();
    return {
      openMs: opened - started,
      first50Ms: listed - opened,
      names: first.map((c) => c.name),
      allClientsMs: all,
      clients,
    };
  },

  async wipe() {
    await Dexie.delete(DB_NAME);
  },
};

window.fieldbookBench = api;
