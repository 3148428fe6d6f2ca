import { describe, expect, it } from 'vitest';
import type { FieldbookDb } from '../../../renderer/data/db';
import type { Repository } from '../../../renderer/data/repository';
import {
  emptyClientDraft,
  emptyPersonDraft,
} from '../../../renderer/features/clients/data/clients';
import { ClientBook } from '../../../renderer/features/clients/data/clientBook';
import { trashClient } from '../../../renderer/features/clients/data/trash';
import { eventually, loadDemo, useFreshBook } from './book';

let db: FieldbookDb;
let repo: Repository;
const books = useFreshBook((fresh) => ({ db, repo } = fresh));

async function started() {
  const book = new ClientBook(db);
  books.push(book);
  book.start();
  await eventually(() => expect(book.phase).toBe('ready'));
  return book;
}

const ids = (b: ClientBook, q: string) => b.search(q).ranked;

describe('client book read model', () => {
  it('loads every live client of a book, leaving trashed ones out, and becomes searchable', async () => {
    await loadDemo(db, 40, 100);
    const live = await db.clients.filter((c) => c.deletedAt === null).count();
    const b = await started();
    expect(b.list()).toHaveLength(live);
    const first = b.list()[0]!;
    expect(ids(b, first.client.name)).toContain(first.client.id);
  });

  it('a word written in a visit note finds its client right after the note is saved', async () => {
    const b = await started();
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Ромашка' });
    await eventually(() => expect(ids(b, 'ромашка')).toEqual([client.id]));
    expect(ids(b, 'кофемашину')).toEqual([]);
    const visit = await repo.create('visits', {
      clientId: client.id,
      kind: 'post_sale',
      status: 'draft',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      purchaseId: null,
      outcome: null,
      currentStep: null,
      notes: '',
      deletedAt: null,
    });
    await repo.create('notes', {
      clientId: client.id,
      visitId: visit.id,
      text: 'Хотят вторую кофемашину',
      deletedAt: null,
    });
    await eventually(() => expect(ids(b, 'кофемаш')).toEqual([client.id]));
    expect(b.search('кофемаш').hits.get(client.id)!.fields).toEqual(['notes']);
  });

  it('a person’s phone in any format finds the client', async () => {
    const b = await started();
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Ромашка' });
    await repo.create('people', {
      ...emptyPersonDraft(),
      clientId: client.id,
      name: 'Анна',
      channels: [{ kind: 'phone', value: '+7 912 345-67-89' }],
    });
    await eventually(() => expect(ids(b, '89123456789')).toEqual([client.id]));
  });

  it('a trashed client leaves the list and the search at once; a renamed one is found by its new name', async () => {
    const b = await started();
    const a = await repo.create('clients', { ...emptyClientDraft(), name: 'Альфа' });
    const c = await repo.create('clients', { ...emptyClientDraft(), name: 'Гамма' });
    await eventually(() => expect(b.list()).toHaveLength(2));
    await trashClient(repo, a.id);
    await repo.update('clients', c.id, { name: 'Дельта' });
    await eventually(() => expect(b.list().map((s) => s.client.name)).toEqual(['Дельта']));
    expect(ids(b, 'альфа')).toEqual([]);
    expect(ids(b, 'дельта')).toEqual([c.id]);
    expect(ids(b, 'гамма')).toEqual([]);
  });

  it('a bulk write (as an import or a sync page makes) reloads the whole book', async () => {
    const b = await started();
    await loadDemo(db, 60, 60);
    const live = await db.clients.filter((c) => c.deletedAt === null).count();
    await eventually(() => expect(b.list()).toHaveLength(live));
    await b.settled();
    expect(b.phase).toBe('ready');
  });

  it('last contact comes from the latest contact, visit or note, and moves when one is added', async () => {
    const b = await started();
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Ромашка' });
    await repo.create('contacts', {
      clientId: client.id,
      personId: null,
      type: 'friendly',
      subtype: 'none',
      channel: 'phone',
      at: '2025-03-01T10:00:00+03:00',
      summary: '',
      deletedAt: null,
    });
    await eventually(() => expect(b.get(client.id)?.lastContact).toBe('2025-03-01'));
    await repo.create('contacts', {
      clientId: client.id,
      personId: null,
      type: 'seller_initiated',
      subtype: 'none',
      channel: 'visit',
      at: '2025-05-20T10:00:00+03:00',
      summary: '',
      deletedAt: null,
    });
    await eventually(() => expect(b.get(client.id)?.lastContact).toBe('2025-05-20'));
  });
});
