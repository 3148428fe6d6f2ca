/**
 * Notice, then recover (issue 15). On start the book in IndexedDB is compared with the marker the
 * durable journal keeps beside the rep's unsynced rows (data/journal.ts): a book that is missing
 * (a fresh database where one was kept) or emptied (no clients where there were some) is said
 * plainly, and put back from the newest readable backup plus every journal row the book lost;
 * the server gives the rest on the next sync. Nothing is called safe unless it was checked.
 */
import { OutboxOpSchema, type OutboxOp } from '../../../../shared/sync/outbox';
import { SYNCED_SCHEMAS, type SyncedTable } from '../../../../shared/domain';
import type { BackupInfo, DesktopApi, DurableStoreMethod } from '../../../../shared/ipc';
import type { FieldbookDb } from '../../../data/db';
import { META } from '../../../data/device';
import {
  BOOK_GENERATION_KEY,
  BOOK_MARKER_PREFIX,
  readBookMarker,
  type BookJournal,
  type BookMarker,
} from '../../../data/journal';
import { readBackup, writeBackup } from '../../backup';
import { markBookReplaced } from '../../clients';

export type DurablePort = Required<Pick<DesktopApi, DurableStoreMethod>>;

export interface JournalContents {
  ops: OutboxOp[];
  marker: { id: string; seq: number; book: BookMarker } | null;
  skipped: { torn: number; corrupt: number };
}

export async function readWholeJournal(port: DurablePort): Promise<JournalContents> {
  const contents: JournalContents = { ops: [], marker: null, skipped: { torn: 0, corrupt: 0 } };
  let afterSeq = 0;
  for (;;) {
    const page = await port.journalRead({ afterSeq, limit: 5000 });
    contents.skipped.torn = Math.max(contents.skipped.torn, page.skipped.torn);
    contents.skipped.corrupt = Math.max(contents.skipped.corrupt, page.skipped.corrupt);
    for (const entry of page.entries) {
      if (entry.id.startsWith(BOOK_MARKER_PREFIX)) {
        const book = (entry.row as { book?: BookMarker } | null)?.book;
        if (book && (!contents.marker || entry.seq > contents.marker.seq))
          contents.marker = { id: entry.id, seq: entry.seq, book };
        continue;
      }
      const op = OutboxOpSchema.safeParse(entry.row);
      if (op.success) contents.ops.push(op.data);
      else contents.skipped.corrupt++;
    }
    if (!page.more || page.entries.length === 0) break;
    afterSeq = page.entries[page.entries.length - 1]!.seq;
  }
  return contents;
}

export type BookCheck =
  /** Nothing to compare with: this build keeps no journal. IndexedDB is the only copy. */
  | { kind: 'no_journal' }
  /** The journal could not be read: the book was not checked. */
  | { kind: 'unreadable'; error: unknown }
  /** The book matches its marker (or there was none yet); the journal holds `live` rows. */
  | { kind: 'ok'; live: number; firstStart: boolean; skipped: JournalContents['skipped'] }
  /** The book is gone or emptied: what was expected and what the journal can give back. */
  | {
      kind: 'lost';
      why: 'missing' | 'emptied';
      expected: BookMarker;
      found: { clients: number; notes: number; outbox: number };
      journal: JournalContents;
    };

async function idbState(db: FieldbookDb) {
  const generation = (await db.meta.get(BOOK_GENERATION_KEY))?.value as string | undefined;
  return {
    generation,
    clients: await db.clients.count(),
    notes: await db.notes.count(),
    outbox: await db.outbox.count(),
  };
}

/** Compares the book with the journal's marker; writes nothing. */
export async function checkBook(db: FieldbookDb, port: DurablePort | null): Promise<BookCheck> {
  if (!port) return { kind: 'no_journal' };
  let journal: JournalContents;
  try {
    journal = await readWholeJournal(port);
  } catch (error) {
    return { kind: 'unreadable', error };
  }
  const found = await idbState(db);
  const marker = journal.marker?.book;
  if (marker) {
    const missing = found.generation === undefined || found.generation !== marker.generation;
    const emptied =
      (marker.clients > 0 && found.clients === 0) || (marker.notes > 0 && found.notes === 0);
    if (missing || emptied) {
      return {
        kind: 'lost',
        why: missing ? 'missing' : 'emptied',
        expected: marker,
        found: { clients: found.clients, notes: found.notes, outbox: found.outbox },
        journal,
      };
    }
  }
  return {
    kind: 'ok',
    live: journal.ops.length,
    firstStart: !marker,
    skipped: journal.skipped,
  };
}

/**
 * A checked book and its journal brought level: journal rows the outbox no longer holds were
 * settled (their ack was lost) and are let go; outbox rows the journal lacks are appended. Then
 * the journal's marker follows the book.
 */
export async function reconcileJournal(
  db: FieldbookDb,
  port: DurablePort,
  journal: BookJournal,
): Promise<void> {
  const contents = await readWholeJournal(port);
  const outbox = await db.outbox.toArray();
  const inOutbox = new Set(outbox.map((op) => op.opId));
  const inJournal = new Set(contents.ops.map((op) => op.opId));
  const settled = contents.ops.filter((op) => !inOutbox.has(op.opId)).map((op) => op.opId);
  if (settled.length > 0) journal.settled(settled);
  const missing = outbox.filter((op) => !inJournal.has(op.opId));
  if (missing.length > 0) journal.written(missing);
  journal.releaseMarker(contents.marker?.id ?? null);
}

export interface Recovery {
  backup: BackupInfo | null;
  /** Backups that were there but could not be read or checked. */
  unreadableBackups: number;
  /** Unsynced changes put back from the journal. */
  restoredOps: number;
  counts: { clients: number; notes: number; outbox: number };
}

type Row = Record<string, unknown> & { id: string; stamps?: Record<string, string> };

/** Applies journal ops, oldest first, to the rows they change; rows that do not validate stay. */
async function replayOps(db: FieldbookDb, ops: OutboxOp[], lostRepId: string): Promise<void> {
  const byTable = new Map<SyncedTable, OutboxOp[]>();
  for (const op of ops) {
    const list = byTable.get(op.table) ?? [];
    list.push(op);
    byTable.set(op.table, list);
  }
  for (const [table, tableOps] of byTable) {
    const rows = new Map<string, Row>();
    const ids = [...new Set(tableOps.map((op) => op.rowId))];
    const existing = await db.table<Row, string>(table).bulkGet(ids);
    ids.forEach((id, i) => {
      const row = existing[i];
      if (row) rows.set(id, row);
    });
    for (const op of tableOps) {
      const base: Row = rows.get(op.rowId) ?? {
        id: op.rowId,
        ownerId: lostRepId,
        createdAt: op.createdAt,
        serverVersion: 0,
        stamps: {},
      };
      const stamps = { ...(base.stamps ?? {}) };
      for (const key of Object.keys(op.fields)) stamps[key] = op.hlc;
      rows.set(op.rowId, { ...base, ...op.fields, stamps, updatedAt: op.createdAt });
    }
    const valid = [...rows.values()].filter((row) => SYNCED_SCHEMAS[table].safeParse(row).success);
    await db.table(table).bulkPut(valid);
  }
}

/**
 * Puts a lost book back: the newest backup that reads whole, then every journal row the book
 * does not hold (into the outbox, and onto the records), under the device identity and outbox
 * sequence the marker kept, so the server takes the rows as this device's. Throws when a write
 * is refused (the disk may still be full); nothing is deleted, so it can be tried again.
 */
export async function recoverBook(
  db: FieldbookDb,
  port: DurablePort,
  lost: Extract<BookCheck, { kind: 'lost' }>,
): Promise<Recovery> {
  const recovery: Recovery = {
    backup: null,
    unreadableBackups: 0,
    restoredOps: 0,
    counts: { clients: 0, notes: 0, outbox: 0 },
  };
  for (const info of await port.backupList()) {
    let parsed;
    try {
      parsed = await readBackup(await port.backupRead(info.name));
    } catch {
      parsed = null;
    }
    if (!parsed || !parsed.ok) {
      recovery.unreadableBackups++;
      continue;
    }
    await writeBackup(db, parsed.backup);
    recovery.backup = info;
    break;
  }
  const { expected, journal } = lost;
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const have = new Set((await db.outbox.toArray()).map((op) => op.opId));
    const taken = new Set((await db.outbox.toCollection().primaryKeys()) as number[]);
    const ops = journal.ops
      .filter((op) => !have.has(op.opId))
      .sort((a, b) => a.seq - b.seq || (a.hlc < b.hlc ? -1 : 1));
    let top = Math.max(expected.seq, 0, ...ops.map((op) => op.seq), ...taken);
    const rows = ops.map((op) => (taken.has(op.seq) ? { ...op, seq: ++top } : op));
    await db.outbox.bulkPut(rows);
    recovery.restoredOps = rows.length;
    if (expected.deviceId)
      await db.meta.put({ key: META.device, value: { deviceId: expected.deviceId } });
    if (expected.repId && expected.repId !== 'local')
      await db.meta.put({ key: META.session, value: { repId: expected.repId } });
    const clock = (await db.meta.get(META.clock))?.value as string | undefined;
    if (expected.clock && (!clock || clock < expected.clock))
      await db.meta.put({ key: META.clock, value: expected.clock });
    await db.meta.put({ key: META.seq, value: top });
    await db.meta.put({ key: BOOK_GENERATION_KEY, value: expected.generation });
  });
  const tables = [...new Set(journal.ops.map((op) => op.table))];
  if (tables.length > 0) {
    await db.transaction(
      'rw',
      tables.map((t) => db.table(t)),
      () => replayOps(db, journal.ops, expected.repId ?? 'local'),
    );
  }
  if (!recovery.backup) await markBookReplaced(db);
  const now = await readBookMarker(db);
  recovery.counts = { clients: now.clients, notes: now.notes, outbox: now.outbox };
  return recovery;
}
