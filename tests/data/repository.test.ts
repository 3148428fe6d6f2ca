import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createDb, type FieldbookDb } from '../../renderer/data/db';
import { Repository, ValidationError } from '../../renderer/data/repository';
import {
  emptyClientDraft,
  emptyPersonDraft,
  saveClient,
} from '../../renderer/features/clients/data/clients';
import { HLC_PATTERN, compareHlc } from '../../shared/sync/hlc';
import { OutboxOpSchema } from '../../shared/sync/outbox';
import { ClientSchema } from '../../shared/domain';

let db: FieldbookDb;
let clock = Date.parse('2026-11-24T10:00:00Z');
const now = () => clock;

beforeEach(async () => {
  db = createDb(`test-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const client = (name: string) => ({ ...emptyClientDraft(), name });
const liveClients = () => db.clients.filter((c) => c.deletedAt === null).toArray();

describe('repository writes', () => {
  it('a create writes the record and one outbox row in the same transaction', async () => {
    const repo = new Repository(db, { now });
    const created = await repo.create('clients', client('ООО «Ромашка»'));
    expect(ClientSchema.parse(await db.clients.get(created.id))).toEqual(created);
    const ops = await db.outbox.toArray();
    expect(ops).toHaveLength(1);
    const op = OutboxOpSchema.parse(ops[0]);
    expect(op).toMatchObject({ seq: 1, table: 'clients', rowId: created.id, baseVersion: 0 });
    expect(op.fields).toMatchObject({ name: 'ООО «Ромашка»', status: 'prospect', deletedAt: null });
    expect(op.hlc).toMatch(HLC_PATTERN);
    expect(created.stamps.name).toBe(op.hlc);
  });

  it('an update stamps and ships only the changed fields', async () => {
    const repo = new Repository(db, { now });
    const c = await repo.create('clients', client('Alpha'));
    clock += 1000;
    const updated = await repo.update('clients', c.id, { name: 'Alpha Ltd', status: 'prospect' });
    const ops = await db.outbox.orderBy('seq').toArray();
    expect(ops.map((o) => o.seq)).toEqual([1, 2]);
    expect(ops[1]!.fields).toEqual({ name: 'Alpha Ltd' });
    expect(compareHlc(updated.stamps.name!, c.stamps.name!)).toBe(1);
    expect(updated.stamps.status).toBe(c.stamps.status);
  });

  it('an update that changes nothing adds no outbox row', async () => {
    const repo = new Repository(db, { now });
    const c = await repo.create('clients', client('Alpha'));
    await repo.update('clients', c.id, { name: 'Alpha', tags: [] });
    expect(await db.outbox.count()).toBe(1);
  });

  it('an invalid record is refused and nothing is written, neither record nor outbox row', async () => {
    const repo = new Repository(db, { now });
    await expect(repo.create('clients', client('   '))).rejects.toBeInstanceOf(ValidationError);
    await expect(
      repo.create('clients', { ...client('X'), status: 'bogus' as never }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await db.clients.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a failure later in a transaction rolls back the record and its outbox row together', async () => {
    const repo = new Repository(db, { now });
    await expect(
      db.transaction('rw', [db.clients, db.people, db.outbox, db.meta], async () => {
        await repo.create('clients', client('Rolled back'));
        throw new Error('crash mid-write');
      }),
    ).rejects.toThrow('crash mid-write');
    expect(await db.clients.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('stamps stay monotonic when the wall clock steps back', async () => {
    const repo = new Repository(db, { now });
    const a = await repo.create('clients', client('A'));
    clock -= 60 * 60 * 1000;
    const b = await repo.create('clients', client('B'));
    expect(compareHlc(b.stamps.name!, a.stamps.name!)).toBe(1);
  });

  it('the sequence and clock survive reopening the database', async () => {
    const repo = new Repository(db, { now });
    const a = await repo.create('clients', client('A'));
    db.close();
    db = createDb(db.name);
    await db.open();
    const b = await new Repository(db, { now }).create('clients', client('B'));
    const ops = await db.outbox.orderBy('seq').toArray();
    expect(ops.map((o) => o.seq)).toEqual([1, 2]);
    expect(compareHlc(b.stamps.name!, a.stamps.name!)).toBe(1);
  });

  it('trash and restore are soft: the row stays and each is an outbox op', async () => {
    const repo = new Repository(db, { now });
    const c = await repo.create('clients', client('Gone'));
    await repo.trash('clients', c.id);
    expect((await db.clients.get(c.id))!.deletedAt).not.toBeNull();
    expect(await liveClients()).toHaveLength(0);
    await repo.restore('clients', c.id);
    expect((await db.clients.get(c.id))!.deletedAt).toBeNull();
    expect((await db.outbox.toArray()).map((o) => Object.keys(o.fields))).toEqual([
      expect.arrayContaining(['name']),
      ['deletedAt'],
      ['deletedAt'],
    ]);
  });

  it('saving a client with its contact person writes both or neither', async () => {
    const repo = new Repository(db, { now });
    const { client: c, person } = await saveClient(repo, {
      client: client('ИП Петров'),
      person: { ...emptyPersonDraft(), name: 'Пётр Петров', addressForm: 'formal' },
    });
    expect(person!.clientId).toBe(c.id);
    await expect(
      saveClient(repo, {
        client: client('Broken'),
        person: { ...emptyPersonDraft(), name: 'X', birthday: '31.12.1990' },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await liveClients()).map((c) => c.name)).toEqual(['ИП Петров']);
    expect(await db.outbox.count()).toBe(2);
  });
});

describe('bulk creates', () => {
  it('write every record and one outbox row each, with gapless sequence numbers after earlier writes', async () => {
    const repo = new Repository(db, { now });
    await repo.create('clients', client('First'));
    const made = await repo.createMany('clients', [client('A'), client('B'), client('C')]);
    await repo.create('clients', client('Last'));
    expect(made).toHaveLength(3);
    const ops = await db.outbox.orderBy('seq').toArray();
    expect(ops.map((o) => o.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(ops.slice(1, 4).map((o) => o.rowId)).toEqual(made.map((m) => m.id));
  });

  it('refuse the whole batch when one record is invalid', async () => {
    const repo = new Repository(db, { now });
    await expect(repo.createMany('clients', [client('Good'), client('')])).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await db.clients.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('skip ids already present when asked, consuming no sequence number for them', async () => {
    const repo = new Repository(db, { now });
    const [a] = await repo.createMany('clients', [client('A')]);
    const again = await repo.createMany('clients', [{ ...client('A again'), id: a!.id }], {
      skipExisting: true,
    });
    expect(again).toHaveLength(0);
    await expect(repo.createMany('clients', [{ ...client('A again'), id: a!.id }])).rejects.toThrow(
      /already exist/,
    );
    await repo.create('clients', client('Next'));
    expect((await db.outbox.orderBy('seq').toArray()).map((o) => o.seq)).toEqual([1, 2]);
    expect((await db.clients.get(a!.id))!.name).toBe('A');
  });
});

describe('bulk creates of history', () => {
  it('keep a past creation time when asked, never a future one', async () => {
    const repo = new Repository(db, { now });
    const past = '2025-03-01T09:00:00.000Z';
    const future = '2030-01-01T00:00:00.000Z';
    const [a, b, c] = await repo.createMany(
      'clients',
      [
        { ...client('Old'), createdAt: past } as never,
        { ...client('Future'), createdAt: future } as never,
        client('Plain'),
      ],
      { keepCreatedAt: true },
    );
    expect(a!.createdAt).toBe(past);
    expect(b!.createdAt).toBe(new Date(clock).toISOString());
    expect(c!.createdAt).toBe(new Date(clock).toISOString());
    const [d] = await repo.createMany('clients', [
      { ...client('Default'), createdAt: past } as never,
    ]);
    expect(d!.createdAt).toBe(new Date(clock).toISOString());
  });
});
