/**
 * The bench page: the app's own Dexie schema (renderer/data/db.ts), its client book read model
 * (renderer/features/clients/data/clientBook.ts) and list selection (clientQueries.ts), and the demo generator, run
 * inside Chromium so IndexedDB, first-screen and search figures are the ones a rep's machine
 * would see.
 */
import Dexie from 'dexie';
import { createDb, DB_NAME, type FieldbookDb } from '../../../renderer/data/db';
import { openDatabase } from '../../../renderer/data/open';
import { getClientBook, type ClientBook } from '../../../renderer/features/clients/data/clientBook';
import {
  SearchIndexStore,
  searchIndexDbName,
} from '../../../renderer/features/clients/data/searchIndexCache';
import {
  localToday,
  selectClients,
  type ListQuery,
} from '../../../renderer/features/clients/data/clientQueries';
import { NO_FILTERS } from '../../../renderer/store/clientList';
import { DEMO_TABLE_ORDER, generateDemoBook, type DemoBook } from '../../../shared/demo';
import { clientFactsDbName } from '../../../renderer/features/clients/data/clientFactsCache';
import { loadAgenda } from '../../../renderer/features/agenda/data/loadAgenda';
import { storedFollowUps } from '../demoFollowUps';
import { mainThreadProbe } from './probe';
import { askWorker } from '../../../renderer/platform/askWorker';
import type { BenchPageApi } from './api';
// The CSV import bench registers its own `window.fieldbookImportBench` (tests/bench/page/importPage.ts).
import './importPage';
// The sync bench registers `window.fieldbookSyncBench` (tests/bench/page/syncPage.ts).
import './syncPage';
// The team bench registers `window.fieldbookTeamBench` (tests/bench/page/teamPage.ts).
import './teamPage';

let book: Partial<DemoBook> | null = null;
let started: { db: FieldbookDb; book: ClientBook } | null = null;

/** Rows the list pane shows at 1280x800 before any scrolling, with room to spare. */
const SCREEN_ROWS = 30;

/** The plain list as the clients page first shows it: no filters, sorted by name. */
function listQuery(search: ListQuery['search'] = null): ListQuery {
  return { filters: NO_FILTERS, sort: 'name', today: localToday(), locale: 'ru', search };
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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

  async seed(options, batchSize) {
    const db = createDb(DB_NAME);
    await db.open();
    const perTable: Record<string, number> = {};
    const ids = { n: 0 };
    let records = 0;
    let ruleFollowUps = 0;
    let chunk: Partial<Record<string, unknown[]>> = {};
    const write = async (table: string, rows: readonly unknown[]) => {
      for (let i = 0; i < rows.length; i += batchSize) {
        await db.table(table).bulkAdd(rows.slice(i, i + batchSize));
      }
      perTable[table] = (perTable[table] ?? 0) + rows.length;
      records += rows.length;
    };
    // A chunk is every record of a run of clients (the generator flushes whole clients), so the
    // rules see each client with all its records; 20k records at a time keep the page's memory flat.
    const writeChunk = async () => {
      const book = chunk as Partial<DemoBook>;
      for (const table of DEMO_TABLE_ORDER) await write(table, chunk[table] ?? []);
      const made = storedFollowUps(
        {
          clients: book.clients ?? [],
          people: book.people ?? [],
          purchases: book.purchases ?? [],
          visits: book.visits ?? [],
          notes: book.notes ?? [],
          contacts: book.contacts ?? [],
          problems: book.problems ?? [],
          retentionPlans: book.retentionPlans ?? [],
          followUps: [],
        },
        options.today,
        ids,
      );
      await write('followUps', made);
      ruleFollowUps += made.length;
      chunk = {};
    };
    const started = performance.now();
    for (const batch of generateDemoBook({ ...options, batchRecords: 20_000 })) {
      if (batch.table === 'clients' && (chunk.clients?.length ?? 0) > 0) await writeChunk();
      (chunk[batch.table] ??= []).push(...batch.records);
    }
    await writeChunk();
    const ms = performance.now() - started;
    db.close();
    return { records, ms, perTable, ruleFollowUps };
  },

  async agendaFirstScreen(today) {
    const begun = performance.now();
    const db = await openDatabase(DB_NAME);
    const opened = performance.now();
    const sections = await loadAgenda(db, today, 'ru');
    const ms = performance.now() - opened;
    db.close();
    const entries = Object.values(sections)
      .flat()
      .reduce((n, group) => n + group.entries.length, 0);
    return { openMs: opened - begun, ms, entries };
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

  async startBook() {
    const begun = performance.now();
    const db = await openDatabase(DB_NAME);
    const opened = performance.now();
    const since = () => performance.now() - opened;
    const times: Partial<
      Record<'firstScreen' | 'list' | 'facts' | 'searchable' | 'ready', number>
    > = {};
    let firstScreen: string[] = [];
    const clientBook = getClientBook(db);
    const probe = mainThreadProbe();
    probe.start();
    const done = new Promise<void>((resolve, reject) => {
      const check = () => {
        const phase = clientBook.phase;
        if (phase === 'failed') reject(clientBook.failure);
        // What ClientsPage renders for the plain list: rows once the phase is past "starting".
        if (times.firstScreen === undefined && phase !== 'starting') {
          const rows = selectClients(clientBook.list(), listQuery()).slice(0, SCREEN_ROWS);
          if (rows.length > 0) {
            firstScreen = rows.map((s) => s.client.name);
            times.firstScreen = since();
          }
        }
        if (
          times.list === undefined &&
          (phase === 'list' || phase === 'facts' || phase === 'ready')
        )
          times.list = since();
        if (times.facts === undefined && (phase === 'facts' || phase === 'ready'))
          times.facts = since();
        if (times.searchable === undefined && clientBook.searchReady) times.searchable = since();
        if (phase === 'ready') {
          times.ready = since();
          resolve();
        }
      };
      clientBook.subscribe(check);
      check();
    });
    await done;
    const { tasks, longestFrameGapMs } = await probe.stop();
    started = { db, book: clientBook };
    return {
      openMs: opened - begun,
      firstScreenMs: times.firstScreen ?? NaN,
      firstScreen,
      listMs: times.list ?? NaN,
      factsMs: times.facts ?? NaN,
      searchableMs: times.searchable ?? NaN,
      readyMs: times.ready ?? NaN,
      clients: clientBook.list().length,
      index: { ...clientBook.indexStats },
      longestFrameGapMs,
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    };
  },

  async typeQueries(queries) {
    if (!started) throw new Error('start the book first');
    const { book: clientBook } = started;
    const searchMs: number[] = [];
    const listMs: number[] = [];
    const found: number[] = [];
    for (const query of queries) {
      for (let len = 1; len <= query.length; len++) {
        // The rep types between keystrokes: let the page breathe as it would.
        await nextTask();
        const text = query.slice(0, len).trim();
        if (text === '') continue;
        const t0 = performance.now();
        const result = clientBook.search(text);
        const t1 = performance.now();
        const rows = selectClients(clientBook.list(), listQuery(result));
        const t2 = performance.now();
        searchMs.push(t1 - t0);
        listMs.push(t2 - t0);
        if (len === query.length) found.push(rows.length);
      }
    }
    return { keystrokes: searchMs.length, searchMs, listMs, found };
  },

  async flushSearchIndex() {
    if (!started) throw new Error('start the book first');
    return started.book.flushIndex();
  },

  async passReadFloor() {
    const answer = await askWorker<{ ms: number; rows: number } | { error: string }>(
      new Worker(new URL('./readFloor.worker.ts', import.meta.url), { type: 'module' }),
      { dbName: DB_NAME },
    );
    if ('error' in answer) throw new Error(answer.error);
    return answer;
  },

  async dropSearchIndex() {
    const store = new SearchIndexStore(DB_NAME);
    await store.drop();
    store.close();
  },

  async wipe() {
    await Dexie.delete(DB_NAME);
    await Dexie.delete(searchIndexDbName(DB_NAME));
    await Dexie.delete(clientFactsDbName(DB_NAME));
  },
};

window.fieldbookBench = api;
