/**
 * The report's clients, kept: for each client id, the fields the report reads of the client
 * (shared/domain/report.ts reportClient) and the day of its last contact (lastContactDays over its
 * live contacts, visits and notes), in their own store (`reportClients`), moved in the same
 * transaction as every write to those four tables. The team view then reads 50k small rows instead
 * of 50k whole clients and the notes of the last cadence's days (issue 12: 4–5 s at 50k clients).
 *
 * A row is there for every client and for every client id a live contact, visit or note names
 * (`client` null until the client comes: a pull may bring a note before its client). The store
 * comes with schema version 5, whose upgrade runs `fillReportClients`; createDb installs the
 * middleware. If the keeping fails, the write still goes in and a mark in `meta` tells the report
 * to read the rows instead (`reportClientsTrusted`).
 *
 * A write that only adds a later live contact raises the client's day; anything else (a trashed,
 * moved, restored or back-dated row, a delete) counts that client again from its rows by index.
 */
import { RangeSet } from 'dexie';
import type * as Core from 'dexie';
import { reportClient, type ReportClient } from '../../shared/domain/report';
import { lastContactDays } from '../../shared/domain/followups/contactGaps';
import type { Day } from '../../shared/domain/followups/days';
import type { ContactLogEntry, Note, Visit } from '../../shared/domain';
import type { FieldbookDb } from './dbTypes';
import { keysOfWrite, queuePerTransaction, rowsAfterWrite, markStoreChanged } from './keptWrites';

export const REPORT_CLIENTS = 'reportClients';
export const REPORT_CLIENTS_STORE = 'id';
/** Set in `meta` when keeping the store failed once: the report reads the rows from then on. */
export const REPORT_CLIENTS_STALE = 'reportClients.stale';

export interface ReportClientRow {
  /** The client's id. */
  id: string;
  client: ReportClient | null;
  /** The day of its latest live contact, visit or note; null: none. */
  lastContact: Day | null;
}

/** The tables whose rows say when a client was last in touch. */
const CONTACT_TABLES = ['contacts', 'visits', 'notes'] as const;
type ContactTable = (typeof CONTACT_TABLES)[number];
const FOLLOWED: readonly string[] = ['clients', ...CONTACT_TABLES];

interface ContactRow {
  clientId: string;
}

/** Each client's last contact day from rows of one contact table (the rule is lastContactDays). */
function lastDays(table: ContactTable, rows: readonly unknown[]): Map<string, Day> {
  if (table === 'contacts') return lastContactDays(rows as ContactLogEntry[], [], []);
  if (table === 'visits') return lastContactDays([], rows as Visit[], []);
  return lastContactDays([], [], rows as Note[]);
}

const later = (a: Day | null, b: Day | null) => (a === null ? b : b === null || a > b ? a : b);

const equalRange = (key: string): Core.DBCoreKeyRange =>
  ({ type: 1 /* DBCoreRangeType.Equal */, lower: key, upper: key }) as Core.DBCoreKeyRange;

/** A client's last contact counted from all its rows, by the clientId index of each table. */
async function countAgain(
  down: Core.DBCore,
  trans: Core.DBCoreTransaction,
  clientId: string,
): Promise<Day | null> {
  const [contacts, visits, notes] = await Promise.all(
    CONTACT_TABLES.map(async (name) => {
      const table = down.table(name);
      const index = table.schema.getIndexByKeyPath('clientId') as Core.DBCoreIndex;
      const found = await table.query({
        trans,
        values: true,
        query: { index, range: equalRange(clientId) },
      });
      return found.result;
    }),
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
  trans: Core.DBCoreTransaction,
  rows: readonly ReportClientRow[],
): Promise<boolean> {
  const put = rows.filter((r) => r.client !== null || r.lastContact !== null);
  const gone = rows.filter((r) => r.client === null && r.lastContact === null).map((r) => r.id);
  if (put.length > 0) await kept.mutate({ type: 'put', trans, values: put });
  if (gone.length > 0) await kept.mutate({ type: 'delete', trans, keys: gone });
  return put.length + gone.length > 0;
}

/** A write to clients: each written client's fields, its day kept. */
async function keepClients(
  down: Core.DBCore,
  req: Core.DBCoreMutateRequest,
  write: (req: Core.DBCoreMutateRequest) => Promise<Core.DBCoreMutateResponse>,
) {
  const table = down.table('clients');
  const kept = down.table(REPORT_CLIENTS);
  const keys = await keysOfWrite(table, req);
  const result = await write(req);
  const after = await rowsAfterWrite(table, req, result, keys);
  if (keys.length === 0) return { result, changed: false };
  const stored = (await kept.getMany({ trans: req.trans, keys })) as (
    ReportClientRow | undefined
  )[];
  const rows = keys.map((id, i): ReportClientRow => {
    const c = after.get(id) as ReportClient | undefined;
    return {
      id,
      client: c ? reportClient(c) : null,
      lastContact: stored[i]?.lastContact ?? null,
    };
  });
  return { result, changed: await save(kept, req.trans, rows) };
}

/** A write to contacts, visits or notes: the days of the clients it touches. */
async function keepContacts(
  down: Core.DBCore,
  name: ContactTable,
  req: Core.DBCoreMutateRequest,
  write: (req: Core.DBCoreMutateRequest) => Promise<Core.DBCoreMutateResponse>,
) {
  const table = down.table(name);
  const kept = down.table(REPORT_CLIENTS);
  const { trans } = req;
  const keys = await keysOfWrite(table, req);
  const before = keys.length > 0 ? await table.getMany({ trans, keys }) : [];
  const result = await write(req);
  const after = await rowsAfterWrite(table, req, result, keys);
  if (keys.length === 0) return { result, changed: false };
  // A row that counted before and is not the same client's row on the same day or later may have
  // been the client's latest: that client is counted again.
  const again = new Set<string>();
  keys.forEach((key, i) => {
    const was = before[i] as ContactRow | undefined;
    if (!was) return;
    const wasDay = lastDays(name, [was]).get(was.clientId);
    if (wasDay === undefined) return;
    const now = after.get(key) as ContactRow | undefined;
    const nowDay =
      now && now.clientId === was.clientId ? lastDays(name, [now]).get(now.clientId) : undefined;
    if (nowDay === undefined || nowDay < wasDay) again.add(was.clientId);
  });
  const raised = lastDays(name, [...after.values()]);
  const ids = [...new Set([...again, ...raised.keys()])];
  if (ids.length === 0) return { result, changed: false };
  const stored = (await kept.getMany({ trans, keys: ids })) as (ReportClientRow | undefined)[];
  const counted = await Promise.all(
    ids.map((id) => (again.has(id) ? countAgain(down, trans, id) : null)),
  );
  const rows: ReportClientRow[] = [];
  ids.forEach((id, i) => {
    const prev = stored[i];
    const day = again.has(id)
      ? counted[i]!
      : later(prev?.lastContact ?? null, raised.get(id) ?? null);
    if (prev && prev.lastContact === day) return;
    rows.push({ id, client: prev?.client ?? null, lastContact: day });
  });
  return { result, changed: await save(kept, trans, rows) };
}

export function reportClientsMiddleware(): Core.Middleware<Core.DBCore> {
  return {
    stack: 'dbcore',
    name: 'reportClients',
    // Below Dexie's own layers, as the follow-up tally (followUpTally.ts says why).
    level: -2,
    create(down) {
      if (!down.schema.tables.some((t) => t.name === REPORT_CLIENTS)) return down;
      const queue = queuePerTransaction();
      const metaPart = `idb://${down.schema.name}/meta/`;
      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode !== 'readwrite' || !stores.some((s) => FOLLOWED.includes(s)))
            return down.transaction(stores, mode, options);
          // Counting a client again reads its rows of all three tables; a failure is marked in meta.
          const widened = new Set([...stores, REPORT_CLIENTS, 'meta']);
          if (stores.some((s) => (CONTACT_TABLES as readonly string[]).includes(s)))
            for (const t of CONTACT_TABLES) widened.add(t);
          return down.transaction([...widened], mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!FOLLOWED.includes(name)) return table;
          const keep = async (req: Core.DBCoreMutateRequest) => {
            // An upgrade of an older version runs before this store exists; fillReportClients
            // counts what it wrote.
            const scope = (req.trans as unknown as IDBTransaction).objectStoreNames;
            if (scope && !scope.contains(REPORT_CLIENTS)) return table.mutate(req);
            let result: Core.DBCoreMutateResponse | undefined;
            const write = async (r: Core.DBCoreMutateRequest) => (result = await table.mutate(r));
            try {
              const done =
                name === 'clients'
                  ? await keepClients(down, req, write)
                  : await keepContacts(down, name as ContactTable, req, write);
              if (done.changed) markStoreChanged(down, REPORT_CLIENTS, req);
              return done.result;
            } catch (error) {
              // The write itself failed: nothing to keep.
              if (result === undefined) throw error;
              await down.table('meta').mutate({
                type: 'put',
                trans: req.trans,
                values: [{ key: REPORT_CLIENTS_STALE, value: true }],
              });
              if (req.mutatedParts)
                req.mutatedParts[metaPart] = new RangeSet(down.MIN_KEY, down.MAX_KEY);
              return result;
            }
          };
          return { ...table, mutate: (req) => queue(req.trans, () => keep(req)) };
        },
      };
    },
  };
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

/** The store counted from the rows (the upgrade step of schema version 5, and tests). */
export async function buildReportClients(tx: Core.Transaction): Promise<ReportClientRow[]> {
  const days = new Map<string, Day>();
  for (const name of CONTACT_TABLES)
    await eachPage(tx, name, (rows) => {
      for (const [id, day] of lastDays(name, rows)) {
        const prev = days.get(id);
        if (prev === undefined || day > prev) days.set(id, day);
      }
    });
  const rows = new Map<string, ReportClientRow>();
  await eachPage(tx, 'clients', (clients) => {
    for (const c of clients as ReportClient[])
      rows.set(c.id, { id: c.id, client: reportClient(c), lastContact: days.get(c.id) ?? null });
  });
  for (const [id, day] of days)
    if (!rows.has(id)) rows.set(id, { id, client: null, lastContact: day });
  return [...rows.values()];
}

export async function fillReportClients(tx: Core.Transaction): Promise<void> {
  const rows = await buildReportClients(tx);
  const table = tx.table(REPORT_CLIENTS);
  await table.clear();
  await table.bulkPut(rows);
  await tx.table('meta').delete(REPORT_CLIENTS_STALE);
}

/** The store, for a transaction's scope. */
export function reportClients(db: FieldbookDb) {
  return db.table<ReportClientRow>(REPORT_CLIENTS);
}

export const hasReportClients = (db: FieldbookDb) =>
  db.tables.some((t) => t.name === REPORT_CLIENTS);

/** Whether the report may read the kept clients: the store is there and its keeping never failed. */
export async function reportClientsTrusted(db: FieldbookDb): Promise<boolean> {
  if (!hasReportClients(db)) return false;
  return (await db.meta.get(REPORT_CLIENTS_STALE)) === undefined;
}
