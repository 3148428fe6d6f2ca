/**
 * Saving an import. "The whole file or nothing" means one IndexedDB transaction for every row:
 * reading, mapping and checking run first (in slices, with progress, writing nothing), and only a
 * file that passed is written. Inside that one transaction the rows are written in chunks: each
 * chunk is stamped and validated in memory (one clock stamp for the whole import) and written with
 * one bulk call per table plus one for its outbox rows (Repository.batch). A chunk is sized so that
 * building and handing it over takes about 12 ms of the main thread; while IndexedDB writes it the
 * window paints and answers; between chunks come progress and cancel. Cancel, a crash or any error
 * aborts the transaction and IndexedDB rolls all of it back, outbox rows included. Chunked
 * transactions would not be faster (IndexedDB's cost is per record, not per transaction) and
 * could leave half a file behind, which is what the rep must never have to clean up. Bad rows
 * stop the import unless the rep chose to skip them.
 */
import {
  DuplicateFinder,
  type ColumnMapping,
  type ImportRow,
  type DuplicateMatch,
} from '../../../../shared/importing';
import type { Channel, Client, ContactPerson } from '../../../../shared/domain';
import type { Table } from 'dexie';
import type { FieldbookDb } from '../../../data/db';
import { beforeRisk } from '../../../data/journal';
import type { Repository, WriteBatch } from '../../../data/repository';
import { yieldToMain } from '../../../platform/yield';
import { isLive } from '../../../../shared/domain/common';

export type DuplicateChoice = 'merge' | 'skip';

export interface ImportPlanRow extends ImportRow {
  duplicates: DuplicateMatch<string>[];
}

export interface CommitOptions {
  /** What to do with a row that matches a client already in the book... */
  duplicates: DuplicateChoice;
  /** ...unless the rep chose otherwise for that row (by its row number in the file). */
  choices?: ReadonlyMap<number, DuplicateChoice>;
  skipBadRows: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface CommitResult {
  created: number;
  merged: number;
  skippedDuplicates: number;
  skippedBad: number;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

export class ImportHasBadRows extends Error {
  constructor(readonly count: number) {
    super(`${count} rows have errors`);
  }
}

/** Records read per page; the window paints between pages. */
const READ_PAGE = 2000;

async function readLive<T extends { id: string; deletedAt: string | null }>(
  table: Table<T, string>,
): Promise<T[]> {
  const live: T[] = [];
  let last: string | null = null;
  for (;;) {
    const page: T[] =
      last === null
        ? await table.orderBy(':id').limit(READ_PAGE).toArray()
        : await table.where(':id').above(last).limit(READ_PAGE).toArray();
    for (const row of page) if (isLive(row)) live.push(row);
    if (page.length < READ_PAGE) return live;
    last = page[page.length - 1]!.id;
    await yieldToMain();
  }
}

/** Clients already in the book, by name, phone and e-mail, for duplicate detection. */
export async function existingClients(db: FieldbookDb): Promise<DuplicateFinder<string>> {
  const clients = await readLive(db.clients);
  const people = await readLive(db.people);
  const phones = new Map<string, string[]>();
  const emails = new Map<string, string[]>();
  for (const p of people) {
    for (const ch of p.channels) {
      const into = ch.kind === 'phone' ? phones : ch.kind === 'email' ? emails : null;
      if (!into) continue;
      const list = into.get(p.clientId);
      if (list) list.push(ch.value);
      else into.set(p.clientId, [ch.value]);
    }
  }
  const finder = new DuplicateFinder<string>();
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i]!;
    finder.add(c.id, {
      name: c.name,
      phones: phones.get(c.id) ?? [],
      emails: emails.get(c.id) ?? [],
    });
    if (i % READ_PAGE === READ_PAGE - 1) await yieldToMain();
  }
  return finder;
}

const MAPPINGS_KEY = 'importMappings';

/** The mapping the rep last used for files with these headings (kept on this device). */
export async function rememberedMapping(
  db: FieldbookDb,
  signature: string,
): Promise<ColumnMapping | null> {
  const row = await db.meta.get(MAPPINGS_KEY);
  const all = (row?.value ?? {}) as Record<string, ColumnMapping>;
  return all[signature] ?? null;
}

export async function rememberMapping(db: FieldbookDb, signature: string, mapping: ColumnMapping) {
  await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(MAPPINGS_KEY);
    const all = { ...((row?.value ?? {}) as Record<string, ColumnMapping>), [signature]: mapping };
    await db.meta.put({ key: MAPPINGS_KEY, value: all });
  });
}

function sameChannel(a: Channel, b: Channel): boolean {
  const digits = (s: string) => s.replace(/\D/g, '').slice(-10);
  if (a.kind !== b.kind) return false;
  return a.kind === 'phone'
    ? digits(a.value) === digits(b.value)
    : a.value.toLowerCase() === b.value.toLowerCase();
}

/** What merging a row changes on the client: never overwrites, only adds and fills. */
function clientPatch(client: Client, row: ImportRow): Partial<Client> {
  const patch: Partial<Client> = {};
  const tags = [...new Set([...client.tags, ...row.client.tags])];
  if (tags.length !== client.tags.length) patch.tags = tags;
  if (client.address === '' && row.client.address !== '') patch.address = row.client.address;
  if (row.client.notes !== '' && !client.notes.includes(row.client.notes)) {
    patch.notes = client.notes === '' ? row.client.notes : `${client.notes}\n${row.client.notes}`;
  }
  if (client.cadenceDays === null && row.client.cadenceDays !== null)
    patch.cadenceDays = row.client.cadenceDays;
  return patch;
}

/** What merging a row's person into a person of the same name changes. */
function personPatch(same: ContactPerson, person: NonNullable<ImportRow['person']>) {
  const patch: Partial<ContactPerson> = {};
  const fresh = person.channels.filter((c) => !same.channels.some((x) => sameChannel(x, c)));
  if (fresh.length > 0) patch.channels = [...same.channels, ...fresh];
  if (same.birthday === null && person.birthday !== null) patch.birthday = person.birthday;
  if (same.role === '' && person.role !== '') patch.role = person.role;
  return patch;
}

/**
 * The clients merged into so far, as this import left them, with their live people: a client two
 * rows merge into is read once and the second merge sees the first.
 */
interface MergeTargets {
  clients: Map<string, Client | null>;
  people: Map<string, ContactPerson[]>;
}

async function loadTargets(db: FieldbookDb, targets: MergeTargets, ids: string[]): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !targets.clients.has(id));
  if (missing.length === 0) return;
  const [clients, people] = await Promise.all([
    db.clients.bulkGet(missing),
    db.people.where('clientId').anyOf(missing).toArray(),
  ]);
  missing.forEach((id, i) => {
    const client = clients[i];
    targets.clients.set(id, client && isLive(client) ? client : null);
    targets.people.set(id, []);
  });
  for (const p of people) if (isLive(p)) targets.people.get(p.clientId)!.push(p);
}

/**
 * Merge never overwrites what the rep already has: it adds tags, fills empty fields, adds the
 * row's person (or the new phones and e-mails of a person with the same name).
 */
async function mergeInto(
  batch: WriteBatch,
  targets: MergeTargets,
  client: Client,
  row: ImportRow,
): Promise<void> {
  const updated = await batch.update('clients', client, clientPatch(client, row));
  if (updated) targets.clients.set(client.id, updated);
  if (!row.person) return;
  const people = targets.people.get(client.id)!;
  const name = row.person.name.trim().toLowerCase();
  const at = people.findIndex((p) => p.name.trim().toLowerCase() === name);
  if (at < 0) {
    people.push(batch.create('people', { ...row.person, clientId: client.id, deletedAt: null }));
    return;
  }
  const person = await batch.update('people', people[at]!, personPatch(people[at]!, row.person));
  if (person) people[at] = person;
}

/**
 * Main-thread time for one chunk: building and validating its records and handing them to
 * IndexedDB (each add copies its record, which costs as much as building it).
 */
const CHUNK_BUDGET_MS = 12;
const MIN_CHUNK = 50;
const MAX_CHUNK = 5000;

/** The rep's choice for a row matching a client already in the book. */
export function duplicateChoice(
  row: Pick<ImportPlanRow, 'row'>,
  options: Pick<CommitOptions, 'duplicates' | 'choices'>,
): DuplicateChoice {
  return options.choices?.get(row.row) ?? options.duplicates;
}

/** Writes the rows in one transaction (see the top of this file); all or nothing. */
export async function commitImport(
  repo: Repository,
  rows: readonly ImportPlanRow[],
  options: CommitOptions,
): Promise<CommitResult> {
  const bad = rows.filter((r) => r.errors.length > 0).length;
  if (bad > 0 && !options.skipBadRows) throw new ImportHasBadRows(bad);
  const db = repo.db;
  // A local backup first (issue 15): an import is the largest write a rep makes at once.
  await beforeRisk(db, 'before_import');
  const result: CommitResult = { created: 0, merged: 0, skippedDuplicates: 0, skippedBad: 0 };
  await db.transaction('rw', [db.clients, db.people, db.outbox, db.meta], async (tx) => {
    const batch = await repo.batch(tx);
    const targets: MergeTargets = { clients: new Map(), people: new Map() };
    let size = 200;
    for (let start = 0; start < rows.length;) {
      if (options.signal?.aborted) throw new ImportCancelled();
      const chunk = rows.slice(start, start + size);
      start += chunk.length;
      const merges = chunk.filter(
        (r) => r.errors.length === 0 && r.duplicates[0] && duplicateChoice(r, options) === 'merge',
      );
      await loadTargets(
        db,
        targets,
        merges.map((r) => r.duplicates[0]!.id),
      );
      const began = performance.now();
      for (const row of chunk) {
        if (row.errors.length > 0) {
          result.skippedBad += 1;
          continue;
        }
        const match = row.duplicates[0];
        if (match && duplicateChoice(row, options) === 'skip') {
          result.skippedDuplicates += 1;
          continue;
        }
        // A client trashed since the review is no merge target: the row comes in as new.
        const target = match ? targets.clients.get(match.id) : null;
        if (target) {
          await mergeInto(batch, targets, target, row);
          result.merged += 1;
          continue;
        }
        const client = batch.create('clients', { ...row.client, deletedAt: null });
        if (row.person)
          batch.create('people', { ...row.person, clientId: client.id, deletedAt: null });
        result.created += 1;
      }
      // Once the outbox numbering is known, flush hands the records over before it returns.
      const written = batch.flush();
      const spent = performance.now() - began;
      await written;
      options.onProgress?.(start, rows.length);
      // Next chunk: as many rows as fit the budget at this chunk's pace (at most doubling).
      const fit = spent > 0 ? (size * CHUNK_BUDGET_MS) / spent : size * 2;
      size = Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.min(size * 2, fit))));
    }
    // A cancel that came with the last chunk still leaves nothing behind.
    if (options.signal?.aborted) throw new ImportCancelled();
  });
  return result;
}
