// The engine against the real server through the faults issue 5 names: a database restored from
// an older backup, laptop clocks a day off, and a revoked sign-in.
import { describe, expect, it } from 'vitest';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { readSyncMeta } from '../../../renderer/sync/state';
import { unresolvedConflicts } from '../../../renderer/sync/conflicts';
import { resetPassword } from '../../../server/accounts/accounts';
import { rotateEpoch } from '../../../server/sync/meta';
import { addRep, PASSWORD, snapshot } from './harness';
import { useRealServer } from './realServer';

const DAY = 86_400_000;
const real = useRealServer();
const device = real.device;

describe('against the real server', { timeout: 90_000 }, () => {
  it('after a restore from an older backup the laptop re-fills the server, and a new laptop gets everything', async () => {
    const { email } = await addRep(real.server);
    const a = await device('a').open(real.server, email);
    const kept = await a.repo.create('clients', { ...emptyClientDraft(), name: 'В бэкапе' });
    await a.sync();
    const { rows: backup } = await real.server.db.query<Record<string, unknown>>(
      'SELECT data, stamps, field_versions, version FROM records WHERE id = $1',
      [kept.id],
    );
    const lost = await a.repo.create('clients', { ...emptyClientDraft(), name: 'После бэкапа' });
    await a.repo.update('clients', kept.id, { address: 'Изменено после бэкапа' });
    await a.sync();
    // The restore: the later rows and changes are gone from the server; the admin starts a new epoch.
    await real.server.db.query('DELETE FROM records WHERE id = $1', [lost.id]);
    const old = backup[0]!;
    await real.server.db.query(
      'UPDATE records SET data = $2, stamps = $3, field_versions = $4, version = $5 WHERE id = $1',
      [kept.id, old.data, old.stamps, old.field_versions, old.version],
    );
    const epoch = await rotateEpoch(real.server.db);

    await a.sync();
    expect((await readSyncMeta(a.db)).pull.epoch).toBe(epoch);
    const b = await device('b').open(real.server, email);
    expect((await b.db.clients.get(lost.id))?.name).toBe('После бэкапа');
    expect((await b.db.clients.get(kept.id))?.address).toBe('Изменено после бэкапа');
    expect(await snapshot(b.db, ['clients'])).toEqual(await snapshot(a.db, ['clients']));
  });

  it('a laptop whose clock is a day behind still stamps its later edit later, so it wins', async () => {
    const { email } = await addRep(real.server);
    const behind = await device('behind', -DAY).open(real.server, email);
    const right = await device('right').open(real.server, email);
    const client = await right.repo.create('clients', { ...emptyClientDraft(), name: 'Начало' });
    await right.sync();
    await behind.sync();
    await right.repo.update('clients', client.id, { name: 'Правка на точных часах' });
    await new Promise((r) => setTimeout(r, 20));
    await behind.repo.update('clients', client.id, { name: 'Правка позже, на отстающих часах' });
    await right.sync();
    await behind.sync();
    await right.sync();
    expect((await right.db.clients.get(client.id))?.name).toBe('Правка позже, на отстающих часах');
    expect(await snapshot(right.db, ['clients'])).toEqual(await snapshot(behind.db, ['clients']));
  });

  it('edits stamped by a clock a day ahead before the first sync are kept aside as conflicts, and the next edit goes through', async () => {
    const { email } = await addRep(real.server);
    const ahead = device('ahead', DAY);
    await ahead.db.open();
    // Offline work before this laptop ever met the server: its clock is a day ahead.
    const client = await ahead.repo.create('clients', {
      ...emptyClientDraft(),
      name: 'Из будущего',
    });
    await ahead.engine.start();
    await ahead.engine.signIn({
      serverUrl: real.server.url,
      email,
      password: PASSWORD,
      deviceName: 'ahead',
    });
    await ahead.settle();
    const conflicts = await unresolvedConflicts(ahead.db);
    expect(conflicts.length).toBeGreaterThan(0);
    expect(conflicts.every((c) => c.kind === 'clock_quarantine')).toBe(true);
    expect(ahead.engine.status.getState().clockAheadMs).toBeGreaterThan(DAY - 60 * 60_000);
    // With the clock corrected by the server's, keeping the rep's values now reaches the server.
    const { resolveConflict } = await import('../../../renderer/sync/conflicts');
    for (const c of conflicts)
      await resolveConflict(ahead.db, c.id, { choice: 'kept_mine' }, () => ahead.clock.now());
    await ahead.sync();
    expect(await unresolvedConflicts(ahead.db)).toEqual([]);
    const other = await device('other').open(real.server, email);
    expect((await other.db.clients.get(client.id))?.name).toBe('Из будущего');
  });

  it('a password reset signs the laptop out: it asks to sign in again, keeps its changes and sends them after', async () => {
    const { email } = await addRep(real.server);
    const a = await device('a').open(real.server, email);
    await resetPassword(real.server.db, email, 'a brand new password');
    const client = await a.repo.create('clients', {
      ...emptyClientDraft(),
      name: 'Пока вход истёк',
    });
    await a.engine.syncNow();
    expect(a.engine.status.getState()).toMatchObject({
      phase: 'sign_in_needed',
      problem: { code: 'sign_in_again' },
    });
    expect(await a.db.outbox.count()).toBe(1);
    await a.engine.signIn({
      serverUrl: real.server.url,
      email,
      password: 'a brand new password',
      deviceName: 'a',
    });
    await a.sync();
    expect(await a.db.outbox.count()).toBe(0);
    const { rows } = await real.server.db.query<{ id: string }>(
      'SELECT id FROM records WHERE id = $1',
      [client.id],
    );
    expect(rows).toHaveLength(1);
  });
});
