/**
 * The report's clients, kept: for each client id, the fields the report reads of the client
 * (shared/domain/report.ts reportClient), the day of its last contact (lastContactDays over its
 * live contacts, visits and notes) and of its first purchase (firstPurchaseDays over its live
 * purchases, since schema version 10), in their own store (`reportClients`), moved in the same
 * transaction as every write to those five tables. The team view then reads 50k small rows instead
 * of 50k whole clients and the notes of the last cadence's days (issue 12: 4–5 s at 50k clients).
 *
 * A row is there for every client and for every client id a live contact, visit, note or purchase
 * names (`client` null until the client comes: a pull may bring a note before its client). The store
 * comes with schema version 5 (keptStore.ts: the middleware, the fill, the stale mark that makes
 * the report read the rows instead).
 *
 * A write that only adds a later live contact raises the client's day; anything else (a trashed,
 * moved, restored or back-dated row, a delete) counts that client again from its rows by index.
 * The first purchase moves the same way, the other way round (an earlier live purchase lowers it).
 */
import type * as Core from 'dexie';
import { firstPurchaseDays, reportClient, type ReportClient } from '../../shared/domain/report';
import { lastContactDays } from '../../shared/domain/followups/contactGaps';
import type { Day } from '../../shared/domain/followups/days';
import type { ContactLogEntry, Note, Purchase, Visit } from '../../shared/domain';
import { saveKept, type KeptStore, type KeptWrite } from './keptStore';
import { packsOf } from './keptPacks';
import { keysOfWrite, rowsAfterWrite, rowsByIndex } from './keptWrites';

export interface ReportClientRow {
  /** The client's id. */
  id: string;
  client: ReportClient | null;
  /** The day of its latest live contact, visit or note; null: none. */
  lastContact: Day | null;
  /** The day of its first live purchase; null: none. */
  firstPurchase: Day | null;
}

/** The tables whose rows say when a client was last in touch. */
const CONTACT_TABLES = ['contacts', 'visits', 'notes'] as const;
type ContactTable = (typeof CONTACT_TABLES)[number];
/** The tables whose rows give a client a day: its last contact, its first purchase. */
type DayTable = ContactTable | 'purchases';

interface ContactRow {
  clientId: string;
}

/**
 * Each client's day from rows of one table: the last contact for a contact table (the rule is
 * lastContactDays), the first purchase for purchases (firstPurchaseDays).
 */
function daysOf(table: DayTable, rows: readonly unknown[]): Map<string, Day> {
  if (table === 'contacts') return lastContactDays(rows as ContactLogEntry[], [], []);
  if (table === 'visits') return lastContactDays([], rows as Visit[], []);
  if (table === 'notes') return lastContactDays([], [], rows as Note[]);
  return firstPurchaseDays(rows as Purchase[]);
}

/** The row's field a table's days go to, and which of two days wins it. */
const FIELD = {
  contacts: 'lastContact',
  visits: 'lastContact',
  notes: 'lastContact',
  purchases: 'firstPurchase',
} as const;
const wins = (table: DayTable, a: Day, b: Day) => (table === 'purchases' ? a < b : a > b);
const pick = (table: DayTable, a: Day | null, b: Day | null) =>
  a === null ? b : b === null || wins(table, a, b) ? a : b;

/** A client's day counted again from all its rows, by the clientId index of each table. */
async function countAgain(
  down: Core.DBCore,
  trans: Core.DBCoreTransaction,
  table: DayTable,
  clientId: string,
): Promise<Day | null> {
  if (table === 'purchases')
    return (
      daysOf(table, await rowsByIndex(down, trans, table, 'clientId', clientId)).get(clientId) ??
      null
    );
  const [contacts, visits, notes] = await Promise.all(
    CONTACT_TABLES.map((name) => rowsByIndex(down, trans, name, 'clientId', clientId)),
  );
  return (
    lastContactDays(contacts as ContactLogEntry[], visits as Visit[], notes as Note[]).get(
      clientId,
    ) ?? null
  );
}

/** Stores the rows that changed; a row with neither client nor contact goes. */
async function save(
  kept: Core.DBCoreTable,
  req: Core.DBCoreMutateRequest,
  rows: readonly ReportClientRow[],
): Promise<boolean> {
  const empty = (r: ReportClientRow) =>
    r.client === null && r.lastContact === null && r.firstPurchase === null;
  const put = rows.filter((r) => !empty(r));
  const gone = rows.filter(empty).map((r) => r.id);
  return saveKept(kept, req, put, gone);
}

/** A write to clients: each written client's fields, its day kept. */
async function keepClients({ down, req, write, kept }: KeptWrite): Promise<boolean> {
  const table = down.table('clients');
  const keys = await keysOfWrite(table, req);
  const result = await write(req);
  const after = await rowsAfterWrite(table, req, result, keys);
  if (keys.length === 0) return false;
  const stored = (await kept.getMany({ trans: req.trans, keys })) as (
    ReportClientRow | undefined
  )[];
  const rows = keys.map((id, i): ReportClientRow => {
    const c = after.get(id) as ReportClient | undefined;
    return {
      id,
      client: c ? reportClient(c) : null,
      lastContact: stored[i]?.lastContact ?? null,
      firstPurchase: stored[i]?.firstPurchase ?? null,
    };
  });
  return save(kept, req, rows);
}

/** A write to contacts, visits, notes or purchases: the days of the clients it touches. */
async function keepDays({ down, table: written, req, write, kept }: KeptWrite): Promise<boolean> {
  const name = written as DayTable;
  const field = FIELD[name];
  const table = down.table(name);
  const { trans } = req;
  const keys = await keysOfWrite(table, req);
  const before = keys.length > 0 ? await table.getMany({ trans, keys }) : [];
  const result = await write(req);
  const after = await rowsAfterWrite(table, req, result, keys);
  if (keys.length === 0) return false;
  // A row that counted before and is not the same client's row on a day that wins as much may
  // have given the client its day: that client is counted again.
  const again = new Set<string>();
  keys.forEach((key, i) => {
    const was = before[i] as ContactRow | undefined;
    if (!was) return;
    const wasDay = daysOf(name, [was]).get(was.clientId);
    if (wasDay === undefined) return;
    const now = after.get(key) as ContactRow | undefined;
    const nowDay =
      now && now.clientId === was.clientId ? daysOf(name, [now]).get(now.clientId) : undefined;
    if (nowDay === undefined || wins(name, wasDay, nowDay)) again.add(was.clientId);
  });
  const raised = daysOf(name, [...after.values()]);
  const ids = [...new Set([...again, ...raised.keys()])];
  if (ids.length === 0) return false;
  const stored = (await kept.getMany({ trans, keys: ids })) as (ReportClientRow | undefined)[];
  const counted = await Promise.all(
    ids.map((id) => (again.has(id) ? countAgain(down, trans, name, id) : null)),
  );
  const rows: ReportClientRow[] = [];
  ids.forEach((id, i) => {
    const prev = stored[i];
    const day = again.has(id)
      ? counted[i]!
      : pick(name, prev?.[field] ?? null, raised.get(id) ?? null);
    if (prev && prev[field] === day) return;
    rows.push({
      id,
      client: prev?.client ?? null,
      lastContact: prev?.lastContact ?? null,
      firstPurchase: prev?.firstPurchase ?? null,
      [field]: day,
    });
  });
  return save(kept, req, rows);
}

/** Pages of a table in key order, so the upgrade never holds 500k notes at once. */
async function eachPage(tx: Core.Transaction, name: string, see: (rows: unknown[]) => void) {
  const PAGE = 20_000;
  let last: string | null = null;
  for (;;) {
    const t = tx.table(name);
    const rows: { id: string }[] =
      last === null
        ? await t.orderBy(':id').limit(PAGE).toArray()
        : await t.where(':id').above(last).limit(PAGE).toArray();
    if (rows.length === 0) return;
    see(rows);
    last = rows[rows.length - 1]!.id;
  }
}

/** The store counted from the rows (its fill, and tests). */
export async function buildReportClients(tx: Core.Transaction): Promise<ReportClientRow[]> {
  const days = new Map<string, Day>();
  for (const name of CONTACT_TABLES)
    await eachPage(tx, name, (rows) => {
      for (const [id, day] of daysOf(name, rows))
        days.set(id, pick(name, days.get(id) ?? null, day)!);
    });
  const first = await firstPurchases(tx);
  const rows = new Map<string, ReportClientRow>();
  const row = (id: string, client: ReportClient | null): ReportClientRow => ({
    id,
    client,
    lastContact: days.get(id) ?? null,
    firstPurchase: first.get(id) ?? null,
  });
  await eachPage(tx, 'clients', (clients) => {
    for (const c of clients as ReportClient[]) rows.set(c.id, row(c.id, reportClient(c)));
  });
  for (const id of [...days.keys(), ...first.keys()])
    if (!rows.has(id)) rows.set(id, row(id, null));
  return [...rows.values()];
}

/** Every client's first purchase day, from the purchases. */
async function firstPurchases(tx: Core.Transaction): Promise<Map<string, Day>> {
  const first = new Map<string, Day>();
  await eachPage(tx, 'purchases', (rows) => {
    for (const [id, day] of daysOf('purchases', rows))
      first.set(id, pick('purchases', first.get(id) ?? null, day)!);
  });
  return first;
}

/**
 * The upgrade step of schema version 10: the first purchase day added to the kept rows of an
 * older book, from the purchases alone (the last contacts stay as they were kept).
 */
export async function addFirstPurchases(tx: Core.Transaction): Promise<void> {
  const first = await firstPurchases(tx);
  const table = tx.table<ReportClientRow>('reportClients');
  const rows = (await table.toArray()).map((r) => ({
    ...r,
    firstPurchase: first.get(r.id) ?? null,
  }));
  const have = new Set(rows.map((r) => r.id));
  for (const [id, day] of first)
    if (!have.has(id)) rows.push({ id, client: null, lastContact: null, firstPurchase: day });
  await table.bulkPut(rows);
}

export const REPORT_CLIENTS: KeptStore<ReportClientRow> = {
  name: 'reportClients',
  schema: 'id',
  stale: 'reportClients.stale',
  follows: ['clients', ...CONTACT_TABLES, 'purchases'],
  // Counting a client again reads its rows of all three contact tables, or its purchases.
  reads: (table) => (table === 'clients' ? [] : table === 'purchases' ? [table] : CONTACT_TABLES),
  keep: (w) => (w.table === 'clients' ? keepClients(w) : keepDays(w)),
  build: buildReportClients,
};

/** The kept clients in 128 packs: the team view reads them whole (schema version 9). */
export const REPORT_CLIENT_PACKS = packsOf(REPORT_CLIENTS, {
  name: 'reportClientPacks',
  stale: 'reportClientPacks.stale',
  group: () => '',
  buckets: 128,
});
