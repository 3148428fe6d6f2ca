import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldbookDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import {
  emptyClientDraft,
  emptyPersonDraft,
} from '../../../renderer/features/clients/data/clients';
import {
  DEPENDANT_TABLES,
  isRestorable,
  listTrashedClients,
  listTrashedRecords,
  restoreClient,
  restoreRecord,
  trashClient,
} from '../../../renderer/features/clients/data/trash';
import { SYNCED_SCHEMAS, SYNCED_TABLES } from '../../../shared/domain';
import { freshDb } from './book';

let db: FieldbookDb;
let repo: Repository;
let clock = Date.parse('2025-06-15T09:00:00Z');
beforeEach(async () => {
  db = await freshDb();
  repo = new Repository(db, { now: () => clock });
});
afterEach(async () => {
  await db.delete();
});

async function clientWithRecords(name: string) {
  const client = await repo.create('clients', { ...emptyClientDraft(), name });
  const anna = await repo.create('people', {
    ...emptyPersonDraft(),
    clientId: client.id,
    name: 'Анна',
  });
  const boris = await repo.create('people', {
    ...emptyPersonDraft(),
    clientId: client.id,
    name: 'Борис',
  });
  const note = await repo.create('notes', {
    clientId: client.id,
    visitId: null,
    text: 'привезти образцы',
    deletedAt: null,
  });
  const visit = await repo.create('visits', {
    clientId: client.id,
    kind: 'other',
    status: 'finished',
    startedAt: '2025-06-10T10:00:00.000Z',
    finishedAt: null,
    purchaseId: null,
    outcome: null,
    currentStep: null,
    notes: '',
    deletedAt: null,
  });
  return { client, anna, boris, note, visit };
}

describe('trash', () => {
  it('trashing a client trashes every live record hanging off it at the same instant', async () => {
    const { client, anna, note, visit } = await clientWithRecords('Ромашка');
    clock += 60_000;
    await trashClient(repo, client.id, clock);
    const at = (await db.clients.get(client.id))!.deletedAt;
    expect(at).not.toBeNull();
    for (const row of [
      await db.people.get(anna.id),
      await db.notes.get(note.id),
      await db.visits.get(visit.id),
    ]) {
      expect(row!.deletedAt).toBe(at);
    }
  });

  it('restore brings back exactly what went with the client, not a person trashed earlier', async () => {
    const { client, anna, boris, note } = await clientWithRecords('Ромашка');
    await repo.trash('people', boris.id);
    clock += 60_000;
    await trashClient(repo, client.id, clock);
    await restoreClient(repo, client.id);
    expect((await db.clients.get(client.id))!.deletedAt).toBeNull();
    expect((await db.people.get(anna.id))!.deletedAt).toBeNull();
    expect((await db.notes.get(note.id))!.deletedAt).toBeNull();
    expect((await db.people.get(boris.id))!.deletedAt).not.toBeNull();
  });

  it('trash and restore each leave outbox rows, so the server learns of both', async () => {
    const { client } = await clientWithRecords('Ромашка');
    const before = await db.outbox.count();
    await trashClient(repo, client.id, clock + 1000);
    const afterTrash = await db.outbox.count();
    expect(afterTrash - before).toBe(5); // client, two people, note, visit
    await restoreClient(repo, client.id);
    expect((await db.outbox.count()) - afterTrash).toBe(5);
  });

  it('the trash lists the client with the counts of what went with it', async () => {
    const { client } = await clientWithRecords('Ромашка');
    await trashClient(repo, client.id, clock + 1000);
    const [entry] = await listTrashedClients(db, clock + 2000);
    expect(entry!.client.id).toBe(client.id);
    expect(entry!.counts).toEqual({ people: 2, notes: 1, visits: 1 });
    expect(entry!.restorable).toBe(true);
  });

  it('a record trashed on its own from a live client is listed and restorable by itself', async () => {
    const { boris } = await clientWithRecords('Ромашка');
    await repo.trash('people', boris.id);
    const records = await listTrashedRecords(db, clock + 1000);
    expect(records.map((r) => [r.table, r.label, r.clientName])).toEqual([
      ['people', 'Борис', 'Ромашка'],
    ]);
    await restoreRecord(repo, 'people', boris.id);
    expect((await db.people.get(boris.id))!.deletedAt).toBeNull();
  });

  it("a trashed visit is told by its day, for the screen to write in the rep's language", async () => {
    const { visit } = await clientWithRecords('Ромашка');
    await repo.trash('visits', visit.id);
    const records = await listTrashedRecords(db, clock + 1000);
    expect(records.map((r) => [r.table, r.label, r.day])).toEqual([['visits', '', '2025-06-10']]);
  });

  it('records older than 30 days are no longer restorable', () => {
    const deleted = '2025-05-01T00:00:00.000Z';
    expect(isRestorable(deleted, Date.parse('2025-05-31T00:00:00.000Z'))).toBe(true);
    expect(isRestorable(deleted, Date.parse('2025-06-01T00:00:01.000Z'))).toBe(false);
  });

  it('every synced table whose records name a client goes to the trash with it', () => {
    const withClientId = SYNCED_TABLES.filter((t) => 'clientId' in SYNCED_SCHEMAS[t].shape);
    expect([...DEPENDANT_TABLES].sort()).toEqual(withClientId.sort());
  });
});
