import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldbookDb } from '../../../renderer/data/db';
import { META } from '../../../renderer/data/device';
import { Repository } from '../../../renderer/data/repository';
import {
  emptyClientDraft,
  emptyPersonDraft,
} from '../../../renderer/features/clients/data/clients';
import {
  commitImport,
  existingClients,
  ImportCancelled,
  ImportHasBadRows,
  type ImportPlanRow,
} from '../../../renderer/features/import/data/importer';
import { openCsvImport, readCsvImportRows } from '../../../shared/importing';
import { freshDb } from './book';

let db: FieldbookDb;
let repo: Repository;
beforeEach(async () => {
  db = await freshDb();
  repo = new Repository(db, { now: () => Date.parse('2025-06-15T09:00:00Z') });
});
afterEach(async () => {
  await db.delete();
});

/** The rows a rep would review: the shared reader over a CSV, matched against the book. */
async function planRows(csv: string): Promise<ImportPlanRow[]> {
  const opened = openCsvImport(new TextEncoder().encode(csv));
  if (!opened.ok) throw new Error(opened.error.code);
  const existing = await existingClients(db);
  const rows: ImportPlanRow[] = [];
  const reader = readCsvImportRows(opened.file, opened.file.guessedMapping, { existing });
  for (const slice of reader) rows.push(...slice.rows);
  return rows;
}

function bigCsv(count: number): string {
  const lines = ['Name,Contact person,Phone,Email'];
  for (let i = 0; i < count; i++) {
    lines.push(`Client ${i},Person ${i},+7 912 ${String(i).padStart(7, '0')},p${i}@example.test`);
  }
  return lines.join('\n');
}

async function seq(): Promise<number> {
  return ((await db.meta.get(META.seq))?.value as number | undefined) ?? 0;
}

describe('commitImport', () => {
  it('writes thousands of rows in chunks: every client, person and outbox row, numbered without gaps, under one stamp', async () => {
    await repo.create('clients', { ...emptyClientDraft(), name: 'Before' });
    const rows = await planRows(bigCsv(3000));
    const progress: number[] = [];
    const result = await commitImport(repo, rows, {
      duplicates: 'merge',
      skipBadRows: false,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toEqual({ created: 3000, merged: 0, skippedDuplicates: 0, skippedBad: 0 });
    expect(await db.clients.count()).toBe(3001);
    expect(await db.people.count()).toBe(3000);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((o) => o.seq)).toEqual(Array.from({ length: 6001 }, (_, i) => i + 1));
    expect(await seq()).toBe(6001);
    expect(new Set(outbox.slice(1).map((o) => o.hlc)).size).toBe(1);
    expect(new Set(outbox.map((o) => o.opId)).size).toBe(6001);
    // Several chunks, progress after each, ending at the last row.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(3000);
    // Each person belongs to the client of its row, and the outbox carries each whole record.
    const client = (await db.clients.where('name').equals('Client 1234').first())!;
    const [person] = await db.people.where('clientId').equals(client.id).toArray();
    expect(person!.name).toBe('Person 1234');
    const op = outbox.find((o) => o.rowId === person!.id)!;
    expect(op).toMatchObject({ table: 'people', baseVersion: 0 });
    expect(op.fields).toMatchObject({ name: 'Person 1234', clientId: client.id });
  });

  it('cancel after some chunks were written leaves nothing behind, outbox and sequence included', async () => {
    await repo.create('clients', { ...emptyClientDraft(), name: 'Before' });
    const rows = await planRows(bigCsv(3000));
    const controller = new AbortController();
    const done: number[] = [];
    await expect(
      commitImport(repo, rows, {
        duplicates: 'merge',
        skipBadRows: false,
        signal: controller.signal,
        onProgress: (n) => {
          done.push(n);
          if (done.length === 2) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(ImportCancelled);
    expect(done).toHaveLength(2);
    expect(await db.clients.count()).toBe(1);
    expect(await db.people.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
    expect(await seq()).toBe(1);
  });

  it('an error in a late chunk rolls back the chunks already written', async () => {
    const rows = await planRows(bigCsv(3000));
    // A row the reader could never produce: the schema refuses it when its chunk is built.
    rows[2900] = { ...rows[2900]!, client: { ...rows[2900]!.client, status: 'bogus' as never } };
    const done: number[] = [];
    await expect(
      commitImport(repo, rows, {
        duplicates: 'merge',
        skipBadRows: false,
        onProgress: (n) => done.push(n),
      }),
    ).rejects.toThrow(/Invalid clients record/);
    expect(done.length).toBeGreaterThan(0);
    expect(await db.clients.count()).toBe(0);
    expect(await db.people.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await seq()).toBe(0);
  });

  it('bad rows block the whole file unless the rep skips them', async () => {
    const rows = await planRows('Name,Phone\nAlpha,+7 912 000-00-01\n,+7 912 000-00-02\nGamma,\n');
    await expect(
      commitImport(repo, rows, { duplicates: 'merge', skipBadRows: false }),
    ).rejects.toEqual(new ImportHasBadRows(1));
    expect(await db.clients.count()).toBe(0);
    const result = await commitImport(repo, rows, { duplicates: 'merge', skipBadRows: true });
    expect(result).toMatchObject({ created: 2, skippedBad: 1 });
  });

  it('the rep’s choice per row wins over the default; two rows merging into one client both land', async () => {
    const lutik = await repo.create('clients', {
      ...emptyClientDraft(),
      name: 'Lutik',
      tags: ['old'],
    });
    await repo.create('people', {
      ...emptyPersonDraft(),
      clientId: lutik.id,
      name: 'Boris',
      channels: [{ kind: 'email', value: 'boris@lutik.test' }],
    });
    const romashka = await repo.create('clients', { ...emptyClientDraft(), name: 'Romashka' });
    const rows = await planRows(
      [
        'Name,Contact person,Phone,Email,Tags',
        'Lutik,Boris,+7 912 000-00-01,,wholesale',
        'Lutik Trading,Boris,+7 912 000-00-02,boris@lutik.test,retail',
        'Romashka,Anna,,,',
        'Vasilek,Vera,,,',
      ].join('\n'),
    );
    expect(rows.map((r) => r.duplicates[0]?.id ?? null)).toEqual([
      lutik.id,
      lutik.id,
      romashka.id,
      null,
    ]);
    const result = await commitImport(repo, rows, {
      duplicates: 'merge',
      choices: new Map([[4, 'skip']]),
      skipBadRows: false,
    });
    expect(result).toEqual({ created: 1, merged: 2, skippedDuplicates: 1, skippedBad: 0 });
    const merged = (await db.clients.get(lutik.id))!;
    expect(merged.tags).toEqual(['old', 'wholesale', 'retail']);
    const boris = await db.people.where('clientId').equals(lutik.id).toArray();
    expect(boris).toHaveLength(1);
    expect(boris[0]!.channels.map((c) => c.value)).toEqual([
      'boris@lutik.test',
      '+7 912 000-00-01',
      '+7 912 000-00-02',
    ]);
    expect(await db.people.where('clientId').equals(romashka.id).count()).toBe(0);
    // Merges go out as edits of the changed fields only, on top of the record's server version.
    const ops = await db.outbox.where('[table+rowId]').equals(['clients', lutik.id]).sortBy('seq');
    expect(ops.at(-1)!.fields).toEqual({ tags: ['old', 'wholesale', 'retail'] });
  });

  it('a merge target trashed after the review comes in as a new client', async () => {
    const gone = await repo.create('clients', { ...emptyClientDraft(), name: 'Gone' });
    const rows = await planRows('Name\nGone\n');
    await repo.trash('clients', gone.id);
    const result = await commitImport(repo, rows, { duplicates: 'merge', skipBadRows: false });
    expect(result).toMatchObject({ created: 1, merged: 0 });
    expect((await db.clients.toArray()).filter((c) => c.deletedAt === null)).toHaveLength(1);
  });
});

describe('existingClients', () => {
  it('finds live clients by name, by any phone or e-mail of their people, and never trashed ones', async () => {
    const a = await repo.create('clients', { ...emptyClientDraft(), name: 'ООО «Ромашка»' });
    for (const [name, value] of [
      ['Anna', '+7 912 345-67-89'],
      ['Boris', 'boris@romashka.test'],
    ] as const) {
      await repo.create('people', {
        ...emptyPersonDraft(),
        clientId: a.id,
        name,
        channels: [{ kind: value.includes('@') ? 'email' : 'phone', value }],
      });
    }
    const trashed = await repo.create('clients', { ...emptyClientDraft(), name: 'Lutik' });
    await repo.trash('clients', trashed.id);
    const finder = await existingClients(db);
    expect(finder.find({ name: 'Ромашка ООО', phones: [], emails: [] })[0]?.id).toBe(a.id);
    expect(finder.find({ name: 'x', phones: ['89123456789'], emails: [] })[0]).toEqual({
      id: a.id,
      reasons: ['phone'],
    });
    expect(finder.find({ name: 'x', phones: [], emails: ['BORIS@romashka.test'] })[0]?.id).toBe(
      a.id,
    );
    expect(finder.find({ name: 'Lutik', phones: [], emails: [] })).toEqual([]);
  });
});
