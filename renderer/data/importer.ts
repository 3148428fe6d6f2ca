/**
 * Saving an import. "The whole file or nothing" means one IndexedDB transaction for every row:
 * reading, mapping and checking run first (in slices, with progress, writing nothing), and only a
 * file that passed is written. The write is fed one row at a time inside that one transaction;
 * every row waits on IndexedDB, so the window keeps painting and answering between rows, but
 * nothing is committed until the last row is in. Cancel, a crash or any error aborts the
 * transaction and IndexedDB rolls all of it back, outbox rows included. Chunked transactions
 * would be faster to start but could leave half a file behind, which is what the rep must never
 * have to clean up. Bad rows stop the import unless the rep chose to skip them.
 */
import {
  DuplicateFinder,
  type ColumnMapping,
  type ImportRow,
  type DuplicateMatch,
} from '../../shared/importing';
import type { Channel, Client, ContactPerson } from '../../shared/domain';
import type { FieldbookDb } from './db';
import { uuidv7 } from '../../shared/ids';
import type { Editable, Repository } from './repository';

export type DuplicateChoice = 'merge' | 'skip';

export interface ImportPlanRow extends ImportRow {
  duplicates: DuplicateMatch<string>[];
}

export interface CommitOptions {
  duplicates: DuplicateChoice;
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

/** Clients already in the book, by name, phone and e-mail, for duplicate detection. */
export async function existingClients(db: FieldbookDb): Promise<DuplicateFinder<string>> {
  const [clients, people] = await Promise.all([
    db.clients.filter((c) => c.deletedAt === null).toArray(),
    db.people.filter((p) => p.deletedAt === null).toArray(),
  ]);
  const channels = new Map<string, Channel[]>();
  for (const p of people)
    channels.set(p.clientId, [...(channels.get(p.clientId) ?? []), ...p.channels]);
  return new DuplicateFinder(
    clients.map((c) => {
      const own = channels.get(c.id) ?? [];
      return {
        id: c.id,
        name: c.name,
        phones: own.filter((ch) => ch.kind === 'phone').map((ch) => ch.value),
        emails: own.filter((ch) => ch.kind === 'email').map((ch) => ch.value),
      };
    }),
  );
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

/**
 * Merge never overwrites what the rep already has: it adds tags, fills empty fields, adds the
 * row's person (or the new phones and e-mails of a person with the same name).
 */
async function mergeInto(repo: Repository, clientId: string, row: ImportRow): Promise<void> {
  const db = repo.db;
  const client = (await db.clients.get(clientId)) as Client;
  const patch: Partial<Client> = {};
  const tags = [...new Set([...client.tags, ...row.client.tags])];
  if (tags.length !== client.tags.length) patch.tags = tags;
  if (client.address === '' && row.client.address !== '') patch.address = row.client.address;
  if (row.client.notes !== '' && !client.notes.includes(row.client.notes)) {
    patch.notes = client.notes === '' ? row.client.notes : `${client.notes}\n${row.client.notes}`;
  }
  if (client.cadenceDays === null && row.client.cadenceDays !== null)
    patch.cadenceDays = row.client.cadenceDays;
  if (Object.keys(patch).length > 0) await repo.update('clients', clientId, patch);
  if (!row.person) return;
  const people = (await db.people.where('clientId').equals(clientId).toArray()).filter(
    (p) => p.deletedAt === null,
  );
  const same = people.find(
    (p) => p.name.trim().toLowerCase() === row.person!.name.trim().toLowerCase(),
  );
  if (!same) {
    await repo.create('people', { ...row.person, clientId, deletedAt: null });
    return;
  }
  const fresh = row.person.channels.filter((c) => !same.channels.some((x) => sameChannel(x, c)));
  const personPatch: Partial<ContactPerson> = {};
  if (fresh.length > 0) personPatch.channels = [...same.channels, ...fresh];
  if (same.birthday === null && row.person.birthday !== null)
    personPatch.birthday = row.person.birthday;
  if (same.role === '' && row.person.role !== '') personPatch.role = row.person.role;
  if (Object.keys(personPatch).length > 0) await repo.update('people', same.id, personPatch);
}

/** Rows per createMany call: one clock stamp and one bulk write each, progress in between. */
const BATCH = 500;

/** Writes the rows in one transaction (see the top of this file); all or nothing. */
export async function commitImport(
  repo: Repository,
  rows: readonly ImportPlanRow[],
  options: CommitOptions,
): Promise<CommitResult> {
  const bad = rows.filter((r) => r.errors.length > 0).length;
  if (bad > 0 && !options.skipBadRows) throw new ImportHasBadRows(bad);
  const db = repo.db;
  const result: CommitResult = { created: 0, merged: 0, skippedDuplicates: 0, skippedBad: 0 };
  await db.transaction('rw', [db.clients, db.people, db.outbox, db.meta], async () => {
    for (let start = 0; start < rows.length; start += BATCH) {
      if (options.signal?.aborted) throw new ImportCancelled();
      const clients: (Editable<'clients'> & { id: string })[] = [];
      const people: Editable<'people'>[] = [];
      for (const row of rows.slice(start, start + BATCH)) {
        if (row.errors.length > 0) {
          result.skippedBad += 1;
        } else if (row.duplicates[0] && options.duplicates === 'skip') {
          result.skippedDuplicates += 1;
        } else if (row.duplicates[0]) {
          await mergeInto(repo, row.duplicates[0].id, row);
          result.merged += 1;
        } else {
          const id = uuidv7();
          clients.push({ ...row.client, id, deletedAt: null });
          if (row.person) people.push({ ...row.person, clientId: id, deletedAt: null });
          result.created += 1;
        }
      }
      if (clients.length > 0) await repo.createMany('clients', clients);
      if (people.length > 0) await repo.createMany('people', people);
      options.onProgress?.(Math.min(rows.length, start + BATCH), rows.length);
    }
  });
  return result;
}
