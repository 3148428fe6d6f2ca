// What sync writes locally besides pulled pages (push answers, sign-in, conflict resolutions,
// the outbox), against fake-indexeddb: each guarantee in its own test.
import { describe, expect, it } from 'vitest';
import type { Conflict } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import type { PushResponse } from '../../../shared/sync/protocol';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { currentSession } from '../../../renderer/data/device';
import { readSyncMeta } from '../../../renderer/sync/state';
import { watchOutboxGrowth } from '../../../renderer/sync/appEngine';
import { resolveConflict } from '../../../renderer/sync/conflicts';
import { renumberOutbox } from '../../../renderer/sync/outboxOrder';
import { recordSignIn } from '../../../renderer/sync/session';
import { settlePush } from '../../../renderer/sync/settle';
import { advance, clock, db, EPOCH, NOW, repo, stamp, USER, useLocalBook } from './localBook';

useLocalBook();

describe('settling a push answer', () => {
  function answer(lastSeq: number, results: PushResponse['results']): PushResponse {
    return { epoch: EPOCH, serverTime: clock, lastSeq, results, stopped: null };
  }

  it('deletes the settled rows, keeps later ones, and records each conflict once', async () => {
    const a = await repo.create('clients', { ...emptyClientDraft(), name: 'A' });
    await repo.create('clients', { ...emptyClientDraft(), name: 'B' });
    const [op1] = await db.outbox.toArray();
    const result = {
      opId: op1!.opId,
      seq: 1,
      table: 'clients' as const,
      rowId: a.id,
      status: 'applied' as const,
      version: 5,
      duplicate: false,
      conflicts: [
        {
          field: 'name',
          kind: 'field' as const,
          localValue: 'A',
          remoteValue: 'А с другого ноутбука',
          localStamp: op1!.hlc,
          remoteStamp: stamp(NOW + 1),
          kept: 'remote' as const,
        },
      ],
    };
    await settlePush(db, answer(1, [result]), new Date(clock).toISOString());
    await settlePush(
      db,
      answer(1, [{ ...result, duplicate: true }]),
      new Date(clock).toISOString(),
    );
    expect((await db.outbox.toArray()).map((op) => op.seq)).toEqual([2]);
    const conflicts = await db.conflicts.toArray();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      table: 'clients',
      rowId: a.id,
      field: 'name',
      resolvedAt: null,
    });
  });

  it("a refused op's values become conflicts, so the rep sees what did not reach the server", async () => {
    const a = await repo.create('clients', { ...emptyClientDraft(), name: 'A' });
    const [op] = await db.outbox.toArray();
    await settlePush(
      db,
      answer(1, [
        {
          opId: op!.opId,
          seq: 1,
          table: 'clients',
          rowId: a.id,
          status: 'rejected',
          code: 'forbidden',
          reason: 'not yours',
          version: null,
          duplicate: false,
          conflicts: [],
        },
      ]),
      new Date(clock).toISOString(),
    );
    const refusals = await db.conflicts.toArray();
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ kind: 'refused', code: 'forbidden', rowId: a.id });
    expect(refusals[0]!.localValue).toMatchObject({ name: 'A' });
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('signing in', () => {
  it('the book made before sign-in belongs to the rep, without a single outbox row', async () => {
    const before = await repo.create('clients', { ...emptyClientDraft(), name: 'До входа' });
    expect(before.ownerId).toBe('local');
    const outboxBefore = await db.outbox.count();
    await recordSignIn(
      db,
      {
        device: { id: uuidv7(), name: 'laptop' },
        user: {
          id: USER,
          email: 'rep@example.test',
          name: 'Rep',
          role: 'rep',
          teamId: uuidv7(),
          teamName: 'T',
        },
        epoch: EPOCH,
        serverTime: NOW,
        protocolVersion: 1,
      },
      { serverUrl: 'https://sync.example.test', deviceName: 'laptop' },
      new Date(NOW).toISOString(),
    );
    expect((await db.clients.get(before.id))?.ownerId).toBe(USER);
    expect(await db.outbox.count()).toBe(outboxBefore);
    expect((await currentSession(db)).repId).toBe(USER);
    const after = await repo.create('clients', { ...emptyClientDraft(), name: 'После входа' });
    expect(after.ownerId).toBe(USER);
    const meta = await readSyncMeta(db);
    expect(meta.flags.resetSequence).toBe(true);
    expect(meta.pull).toEqual({ epoch: EPOCH, cursor: null });
  });
});

describe('resolving a conflict', () => {
  /** An open conflict over a client's name: «Моё» here, «Их» on the server, unless told otherwise. */
  function openConflict(rowId: string, fields: Partial<Conflict> = {}): Conflict {
    return {
      id: uuidv7(),
      table: 'clients',
      rowId,
      field: 'name',
      localValue: 'Моё',
      remoteValue: 'Их',
      localStamp: null,
      remoteStamp: null,
      kind: 'field',
      createdAt: new Date(NOW).toISOString(),
      resolvedAt: null,
      resolution: null,
      ...fields,
    };
  }

  it('is a local edit with an outbox row, and answers every open conflict over the same field', async () => {
    const a = await repo.create('clients', { ...emptyClientDraft(), name: 'Моё' });
    await db.clients.update(a.id, { serverVersion: 4 });
    await db.outbox.clear();
    await db.conflicts.bulkAdd([
      openConflict(a.id),
      openConflict(a.id, { remoteValue: 'Их ещё раз' }),
    ]);
    const [first] = await db.conflicts.toArray();
    advance(1000);
    await resolveConflict(db, first!.id, { choice: 'kept_mine' }, () => clock);
    const ops = await db.outbox.toArray();
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ table: 'clients', rowId: a.id, baseVersion: 4 });
    expect(ops[0]!.fields).toEqual({ name: 'Моё' });
    const row = await db.clients.get(a.id);
    expect(row?.stamps.name).toBe(ops[0]!.hlc);
    expect((await db.conflicts.toArray()).every((c) => c.resolution === 'kept_mine')).toBe(true);
  });

  it('a row the server never had goes whole, newly stamped, so it is a valid record there', async () => {
    const a = await repo.create('clients', {
      ...emptyClientDraft(),
      name: 'Моё',
      address: 'Тверь',
    });
    await db.outbox.clear();
    const id = await db.conflicts.add(
      openConflict(a.id, { remoteValue: null, kind: 'clock_quarantine' }),
    );
    advance(1000);
    await resolveConflict(db, id, { choice: 'kept_mine' }, () => clock);
    const [op] = await db.outbox.toArray();
    expect(op!.fields).toMatchObject({ name: 'Моё', address: 'Тверь', status: 'prospect' });
    const row = await db.clients.get(a.id);
    expect(row?.stamps.address).toBe(op!.hlc);
  });

  it('an edited value that breaks the record is refused and the conflict stays open', async () => {
    const a = await repo.create('clients', { ...emptyClientDraft(), name: 'Моё' });
    const id = await db.conflicts.add(openConflict(a.id));
    await expect(resolveConflict(db, id, { choice: 'edited', value: '   ' })).rejects.toThrow();
    expect((await db.conflicts.get(id))?.resolvedAt).toBeNull();
    expect((await db.clients.get(a.id))?.name).toBe('Моё');
  });
});

describe('the outbox', () => {
  it('renumbering closes holes and the next write follows on', async () => {
    for (const name of ['A', 'B', 'C', 'D'])
      await repo.create('clients', { ...emptyClientDraft(), name });
    await db.outbox.bulkDelete([2, 3]);
    await renumberOutbox(db, 2);
    expect((await db.outbox.toArray()).map((op) => op.seq)).toEqual([1, 2]);
    await repo.create('clients', { ...emptyClientDraft(), name: 'E' });
    expect((await db.outbox.toArray()).map((op) => op.seq)).toEqual([1, 2, 3]);
  });

  it('a local write is noticed by the outbox watch; settling is not', async () => {
    let grew = 0;
    const stop = watchOutboxGrowth(db, () => grew++);
    try {
      await new Promise((r) => setTimeout(r, 50));
      await repo.create('clients', { ...emptyClientDraft(), name: 'A' });
      await expect.poll(() => grew).toBe(1);
      await db.outbox.clear();
      await new Promise((r) => setTimeout(r, 50));
      expect(grew).toBe(1);
    } finally {
      stop();
    }
  });
});

describe('a rep may not publish', () => {
  it("a signed-in rep's unsent checklist versions become a local draft, not ops the server would refuse", async () => {
    const { allTemplates, publishTemplateVersion, templateForPurpose } =
      await import('../../../renderer/features/program/data/checklistTemplates');
    const { holdUnsentTemplatesOfRep, readUnpublishedTemplates } =
      await import('../../../renderer/sync/refused');
    const { SYNC_META } = await import('../../../renderer/sync/state');
    const closing = templateForPurpose(await allTemplates(db), 'closing')!;
    const mine = await publishTemplateVersion(repo, closing, {
      title: closing.title,
      steps: closing.steps,
    });
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Мой' });
    // Working alone, the program is the rep's: nothing is drafted.
    expect(await holdUnsentTemplatesOfRep(db)).toBe(0);
    await db.meta.put({ key: SYNC_META.account, value: { role: 'rep', userId: USER } });
    expect(await holdUnsentTemplatesOfRep(db)).toBe(1);
    const left = await db.outbox.toArray();
    expect(left.every((op) => op.table !== 'checklistTemplates')).toBe(true);
    expect(left.some((op) => op.rowId === client.id)).toBe(true);
    expect(await db.checklistTemplates.get(mine.id)).toBeUndefined();
    expect((await readUnpublishedTemplates(db)).map((d) => d.key)).toEqual([closing.key]);
  });
});
