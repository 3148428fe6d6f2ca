// Two laptops of one rep and the real server over loopback HTTP: offline edits on both converge.
import { describe, expect, it } from 'vitest';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { unresolvedConflicts, resolveConflict } from '../../../renderer/sync/conflicts';
import { addRep, snapshot } from './harness';
import { useRealServer } from './realServer';

const real = useRealServer();

async function twoLaptops() {
  const { email } = await addRep(real.server);
  const a = await real.device('a').open(real.server, email);
  const b = await real.device('b').open(real.server, email);
  return { a, b };
}

const TABLES = ['clients', 'people', 'notes'];

describe('two devices of one rep against the real server', { timeout: 60_000 }, () => {
  it('a client made on one laptop reaches the other, owned by the signed-in rep', async () => {
    const { a, b } = await twoLaptops();
    const created = await a.repo.create('clients', { ...emptyClientDraft(), name: 'ООО Ромашка' });
    await a.sync();
    await b.sync();
    const there = await b.db.clients.get(created.id);
    expect(there?.name).toBe('ООО Ромашка');
    expect(there?.ownerId).toBe(a.engine.status.getState().account?.userId);
    expect(await a.db.outbox.count()).toBe(0);
    expect(await snapshot(a.db, TABLES)).toEqual(await snapshot(b.db, TABLES));
  });

  it('offline edits of different fields and different lines of the notes both survive', async () => {
    const { a, b } = await twoLaptops();
    const client = await a.repo.create('clients', {
      ...emptyClientDraft(),
      name: 'ООО Ромашка',
      notes: 'Первая строка\nВторая строка\nТретья строка',
    });
    await a.sync();
    await b.sync();
    a.online = false;
    b.online = false;
    await a.repo.update('clients', client.id, {
      address: 'Екатеринбург, ул. Ленина, 1',
      notes: 'Первая строка — звонить утром\nВторая строка\nТретья строка',
    });
    await b.repo.update('clients', client.id, {
      status: 'active',
      notes: 'Первая строка\nВторая строка\nТретья строка — доставка в пятницу',
    });
    await a.sync();
    await b.sync();
    a.online = true;
    b.online = true;
    await a.sync();
    await b.sync();
    await a.sync();
    const onA = await a.db.clients.get(client.id);
    expect(onA).toMatchObject({
      address: 'Екатеринбург, ул. Ленина, 1',
      status: 'active',
      notes: 'Первая строка — звонить утром\nВторая строка\nТретья строка — доставка в пятницу',
    });
    expect(await snapshot(a.db, TABLES)).toEqual(await snapshot(b.db, TABLES));
    expect(await unresolvedConflicts(a.db)).toEqual([]);
    expect(await unresolvedConflicts(b.db)).toEqual([]);
  });

  it('the same line changed on both laptops is a conflict the second one resolves, and both end equal', async () => {
    const { a, b } = await twoLaptops();
    const client = await a.repo.create('clients', {
      ...emptyClientDraft(),
      name: 'ИП Петров',
      notes: 'Скидка 5%',
    });
    await a.sync();
    await b.sync();
    a.online = false;
    b.online = false;
    await a.repo.update('clients', client.id, { notes: 'Скидка 7%' });
    await b.repo.update('clients', client.id, { notes: 'Скидка 10%' });
    a.online = true;
    b.online = true;
    await a.sync();
    await b.sync();
    const conflicts = await unresolvedConflicts(b.db);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ field: 'notes', kind: 'text_merge' });
    await resolveConflict(b.db, conflicts[0]!.id, { choice: 'kept_mine' }, () => b.clock.now());
    await b.sync();
    await a.sync();
    expect((await a.db.clients.get(client.id))?.notes).toBe('Скидка 10%');
    expect(await snapshot(a.db, TABLES)).toEqual(await snapshot(b.db, TABLES));
    expect(await unresolvedConflicts(b.db)).toEqual([]);
  });
});
