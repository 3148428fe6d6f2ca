import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { attachJournal, journalSettled } from '../../../renderer/data/journal';
import { Repository } from '../../../renderer/data/repository';
import { META } from '../../../renderer/data/device';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import {
  checkBook,
  readWholeJournal,
  reconcileJournal,
  recoverBook,
} from '../../../renderer/features/storage/data/bookCheck';
import { BackupKeeper } from '../../../renderer/features/storage/data/care';
import { createBrowserDurableStore } from '../../../renderer/platform/browser-durable';
import { memoryOpfs } from './memoryOpfs';

const opened: FieldbookDb[] = [];
async function freshDb(name = `journal-${Math.random()}`): Promise<FieldbookDb> {
  const db = createDb(name);
  await db.open();
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function setup() {
  const opfs = memoryOpfs();
  const port = createBrowserDurableStore({
    root: opfs.root,
    estimate: async () => ({ quota: 1000, usage: 10 }),
  });
  return { opfs, port };
}

async function addClient(repo: Repository, name: string) {
  return repo.create('clients', { ...emptyClientDraft(), name });
}

async function addNote(repo: Repository, clientId: string, text: string) {
  return repo.create('notes', { clientId, visitId: null, text } as never);
}

describe('the durable journal beside IndexedDB', () => {
  it('every committed outbox row is appended, and a settled op is let go', async () => {
    const { port } = setup();
    const db = await freshDb();
    const journal = attachJournal(db, port);
    const repo = new Repository(db);
    await addClient(repo, 'Ромашка');
    await addClient(repo, 'Лютик');
    await journal.drain();
    const outbox = await db.outbox.toArray();
    let contents = await readWholeJournal(port);
    expect(contents.ops.map((op) => op.opId).sort()).toEqual(outbox.map((op) => op.opId).sort());

    journalSettled(db, [outbox[0]!.opId]);
    await journal.drain();
    contents = await readWholeJournal(port);
    expect(contents.ops.map((op) => op.opId)).toEqual([outbox[1]!.opId]);
  });

  it('a transaction that aborts sends nothing to the journal', async () => {
    const { port } = setup();
    const db = await freshDb();
    const journal = attachJournal(db, port);
    const repo = new Repository(db);
    await expect(
      db.transaction('rw', [db.clients, db.outbox, db.meta], async (tx) => {
        const batch = await repo.batch(tx);
        batch.create('clients', { ...emptyClientDraft(), name: 'Никогда' });
        await batch.flush();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await journal.drain();
    expect((await readWholeJournal(port)).ops).toEqual([]);
  });

  it('a refused append (full disk) is told, kept in memory, and lands once space is back', async () => {
    const { opfs, port } = setup();
    const db = await freshDb();
    const journal = attachJournal(db, port);
    const repo = new Repository(db);
    opfs.full = true;
    await addClient(repo, 'Ромашка');
    await journal.drain();
    expect(journal.status).toMatchObject({ kind: 'behind', waiting: 1 });
    expect((await readWholeJournal(port)).ops).toEqual([]);
    opfs.full = false;
    journal.retryNow();
    await journal.drain();
    expect(journal.status).toEqual({ kind: 'ok' });
    expect((await readWholeJournal(port)).ops).toHaveLength(1);
  });
});

describe('notice, then recover', () => {
  it('a vanished book comes back from the backup and the journal: every client, note and unsynced change', async () => {
    const { port } = setup();
    const name = `lost-${Math.random()}`;
    const db = await freshDb(name);
    const journal = attachJournal(db, port);
    const repo = new Repository(db);
    const first = await addClient(repo, 'Ромашка');
    await addNote(repo, first.id, 'Перезвонить в среду');
    const start = await checkBook(db, port);
    expect(start).toMatchObject({ kind: 'ok', firstStart: true });
    await reconcileJournal(db, port, journal);
    await journal.drain();
    await journal.writeMarker();
    await new BackupKeeper(db, port).take('manual');
    // After the backup: more work, never synced.
    const second = await addClient(repo, 'Лютик');
    await addNote(repo, second.id, 'Привезти образцы');
    await repo.update('clients', first.id, { name: 'Ромашка и К' });
    await journal.writeMarker();
    await journal.drain();
    const before = {
      clients: (await db.clients.toArray()).map((c) => c.name).sort(),
      notes: (await db.notes.toArray()).map((n) => n.text).sort(),
      outbox: (await db.outbox.toArray()).map((op) => op.opId).sort(),
      device: (await db.meta.get(META.device))?.value,
    };
    journal.close();

    // The browser drops the database; the app opens a fresh one with the same name.
    await db.delete();
    const fresh = await freshDb(name);
    const check = await checkBook(fresh, port);
    expect(check).toMatchObject({
      kind: 'lost',
      why: 'missing',
      expected: { clients: 2, notes: 2 },
      found: { clients: 0, notes: 0 },
    });
    if (check.kind !== 'lost') return;
    const recovery = await recoverBook(fresh, port, check);
    expect(recovery.backup?.reason).toBe('manual');
    expect(recovery.counts).toMatchObject({ clients: 2, notes: 2 });
    expect((await fresh.clients.toArray()).map((c) => c.name).sort()).toEqual(before.clients);
    expect((await fresh.notes.toArray()).map((n) => n.text).sort()).toEqual(before.notes);
    expect((await fresh.outbox.toArray()).map((op) => op.opId).sort()).toEqual(before.outbox);
    expect((await fresh.meta.get(META.device))?.value).toEqual(before.device);
    // Checked again, the recovered book is the one the marker describes.
    const again = attachJournal(fresh, port);
    await reconcileJournal(fresh, port, again);
    await again.writeMarker();
    await again.drain();
    expect(await checkBook(fresh, port)).toMatchObject({ kind: 'ok' });
    again.close();
  });

  it('an emptied book is noticed even when its database is still there', async () => {
    const { port } = setup();
    const db = await freshDb();
    const journal = attachJournal(db, port);
    const repo = new Repository(db);
    await addClient(repo, 'Ромашка');
    await journal.writeMarker();
    await journal.drain();
    await db.clients.clear();
    expect(await checkBook(db, port)).toMatchObject({ kind: 'lost', why: 'emptied' });
    journal.close();
  });

  it('without a journal nothing is claimed: the check says there is none', async () => {
    const db = await freshDb();
    expect(await checkBook(db, null)).toEqual({ kind: 'no_journal' });
  });
});
