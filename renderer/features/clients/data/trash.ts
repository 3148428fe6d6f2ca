/**
 * The trash: a client goes there with everything that hangs off it, in one transaction, and comes
 * back with exactly those records. They share the client's deletion time, which is how restore
 * tells them from records the rep had trashed on their own before (those stay in the trash).
 */
import {
  CLIENT_CHILD_TABLES,
  type Client,
  type ClientChildTable,
  type RecordOf,
} from '../../../../shared/domain';
import type { FieldbookDb } from '../../../data/db';
import type { Repository } from '../../../data/repository';
import { isLive } from '../../../../shared/domain/common';

/** How long a trashed record can be brought back. */
export const TRASH_DAYS = 30;
const DAY_MS = 86_400_000;

/** Every table whose rows belong to a client: what goes to the trash with it. */
export const DEPENDANT_TABLES = CLIENT_CHILD_TABLES;
export type DependantTable = ClientChildTable;

/** Checklist runs belong to a visit, not to the client directly. */
const VISIT_CHILD = 'checklistRuns' as const;

function writeTables(db: FieldbookDb) {
  return [
    db.clients,
    ...DEPENDANT_TABLES.map((t) => db.table(t)),
    db.table(VISIT_CHILD),
    db.outbox,
    db.meta,
  ];
}

/** Moves the client and its live records to the trash, all at the same instant. */
export async function trashClient(repo: Repository, clientId: string, now = Date.now()) {
  const db = repo.db;
  const at = new Date(now).toISOString();
  await db.transaction('rw', writeTables(db), async () => {
    await repo.update('clients', clientId, { deletedAt: at });
    await moveDependants(repo, clientId, null, at);
  });
}

/** Brings the client back with exactly the records that went to the trash with it. */
export async function restoreClient(repo: Repository, clientId: string) {
  const db = repo.db;
  await db.transaction('rw', writeTables(db), async () => {
    const client = await db.clients.get(clientId);
    if (!client || isLive(client)) return;
    const at = client.deletedAt;
    await repo.update('clients', clientId, { deletedAt: null });
    await moveDependants(repo, clientId, at, null);
  });
}

/**
 * Trashing and restoring are one move: the client's records (and their visits' checklist runs)
 * whose `deletedAt` is `from` get `to` — live ones go in at the client's instant, and only those
 * trashed at that instant come back.
 */
async function moveDependants(
  repo: Repository,
  clientId: string,
  from: string | null,
  to: string | null,
) {
  for (const table of DEPENDANT_TABLES) {
    const rows = await repo.db
      .table<RecordOf<DependantTable>, string>(table)
      .where('clientId')
      .equals(clientId)
      .toArray();
    for (const row of rows) {
      if (row.deletedAt !== from) continue;
      await repo.update(table, row.id, { deletedAt: to });
      if (table === 'visits') await moveVisitRuns(repo, row.id, from, to);
    }
  }
}

/** A visit's checklist runs follow the visit. */
async function moveVisitRuns(
  repo: Repository,
  visitId: string,
  from: string | null,
  to: string | null,
) {
  const runs = await repo.db.checklistRuns.where('visitId').equals(visitId).toArray();
  for (const run of runs) {
    if (run.deletedAt === from) await repo.update(VISIT_CHILD, run.id, { deletedAt: to });
  }
}

export function isRestorable(deletedAt: string, now = Date.now()): boolean {
  return now - Date.parse(deletedAt) <= TRASH_DAYS * DAY_MS;
}

export interface TrashedClient {
  client: Client;
  /** Records of each table that went to the trash together with the client. */
  counts: Partial<Record<DependantTable, number>>;
  restorable: boolean;
}

/** Trashed clients, most recently trashed first, each with what went with it. */
export async function listTrashedClients(
  db: FieldbookDb,
  now = Date.now(),
): Promise<TrashedClient[]> {
  const clients = await db.clients.where('deletedAt').above('').toArray();
  clients.sort((a, b) => (b.deletedAt ?? '').localeCompare(a.deletedAt ?? ''));
  return Promise.all(
    clients.map(async (client) => {
      const counts: Partial<Record<DependantTable, number>> = {};
      for (const table of DEPENDANT_TABLES) {
        const n = await db
          .table<RecordOf<DependantTable>, string>(table)
          .where('clientId')
          .equals(client.id)
          .filter((r) => r.deletedAt === client.deletedAt)
          .count();
        if (n > 0) counts[table] = n;
      }
      return { client, counts, restorable: isRestorable(client.deletedAt!, now) };
    }),
  );
}

export interface TrashedRecord {
  table: DependantTable;
  id: string;
  clientId: string;
  clientName: string;
  deletedAt: string;
  /** What the rep would recognise it by: a name, an item, the start of a note. */
  label: string;
  /** For a visit, the day it took place (yyyy-MM-dd), for the screen to write in the rep's words. */
  day: string | null;
  restorable: boolean;
  /** Who wrote it: on a manager's device a rep's record is restored by the rep (clientAccess). */
  ownerId: string;
}

function labelOf(table: DependantTable, row: Record<string, unknown>): string {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (table) {
    case 'people':
      return text(row.name);
    case 'purchases': {
      const items = (row.items as { name: string }[] | undefined) ?? [];
      return `${text(row.date)} ${items.map((i) => i.name).join(', ')}`.trim();
    }
    case 'notes':
      return text(row.text);
    case 'contacts':
      return text(row.summary);
    case 'problems':
      return text(row.description);
    case 'followUps':
      return text(row.title);
    case 'visits':
      return ''; // told by its day (TrashedRecord.day)
    case 'retentionPlans':
      return text(row.cause);
  }
}

/**
 * Records the rep trashed one by one from a client that is still in the book (a person, a
 * purchase, a note…); those of trashed clients come back with their client instead.
 */
export async function listTrashedRecords(
  db: FieldbookDb,
  now = Date.now(),
): Promise<TrashedRecord[]> {
  const found: TrashedRecord[] = [];
  const names = new Map<string, string | null>();
  for (const table of DEPENDANT_TABLES) {
    const rows = await db
      .table<RecordOf<DependantTable>, string>(table)
      .where('deletedAt')
      .above('')
      .toArray();
    for (const row of rows) {
      if (!names.has(row.clientId)) {
        const client = await db.clients.get(row.clientId);
        names.set(row.clientId, client && isLive(client) ? client.name : null);
      }
      const clientName = names.get(row.clientId);
      if (clientName === null || clientName === undefined) continue;
      found.push({
        table,
        id: row.id,
        clientId: row.clientId,
        clientName,
        deletedAt: row.deletedAt!,
        label: labelOf(table, row as unknown as Record<string, unknown>).slice(0, 120),
        day: table === 'visits' ? (row as { startedAt: string }).startedAt.slice(0, 10) : null,
        restorable: isRestorable(row.deletedAt!, now),
        ownerId: row.ownerId,
      });
    }
  }
  return found.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

/** Restores one record trashed on its own; a visit brings back its checklist runs with it. */
export async function restoreRecord(repo: Repository, table: DependantTable, id: string) {
  const db = repo.db;
  await db.transaction('rw', writeTables(db), async () => {
    const row = await db.table<RecordOf<DependantTable>, string>(table).get(id);
    if (!row || isLive(row)) return;
    const at = row.deletedAt;
    await repo.update(table, id, { deletedAt: null });
    if (table === 'visits') await moveVisitRuns(repo, id, at, null);
  });
}
