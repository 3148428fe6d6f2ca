/**
 * Disabling and deleting a user (server:admin disable-user / enable-user / delete-user): every
 * token stops at once, a disabled user can neither sign in nor sync, enabling lets them sign in
 * anew without reviving old tokens, and a deleted rep's records stay with the team.
 */
import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { runCommand } from '../../server/cli';
import {
  api,
  clientFields,
  describeBackends,
  newTeam,
  newUser,
  PASSWORD,
  pullAll,
  push,
  TestDevice,
} from './harness';

async function signIn(server: Parameters<typeof api>[0], email: string) {
  return api(server, 'POST', '/v1/auth/login', undefined, {
    email,
    password: PASSWORD,
    deviceName: 'laptop',
  });
}

describeBackends('user lifecycle', (server) => {
  it('a disabled user cannot sign in, pull or push; enabled again, signs in anew but old tokens stay dead', async () => {
    const s = server();
    const team = await newTeam(s);
    const rep = await newUser(s, team);
    const device = new TestDevice();
    const id = uuidv7();
    expect((await push(s, rep, device, [device.op('clients', id, clientFields(id))])).status).toBe(
      200,
    );

    expect(await runCommand(s.db, ['disable-user', rep.email])).toEqual([
      expect.stringContaining('is disabled'),
    ]);
    expect((await signIn(s, rep.email)).status).toBe(401);
    expect((await api(s, 'GET', '/v1/me', rep.token)).status).toBe(401);
    const refused = await push(s, rep, device, [device.op('clients', id, { name: 'x' }, 1)]);
    expect(refused.status).toBe(401);
    expect(
      (await api(s, 'POST', '/v1/pull', rep.token, { epoch: null, cursor: null })).status,
    ).toBe(401);

    await runCommand(s.db, ['enable-user', rep.email]);
    const again = await signIn(s, rep.email);
    expect(again.status).toBe(200);
    expect((await api(s, 'GET', '/v1/me', rep.token)).status).toBe(401);
    expect((await api(s, 'GET', '/v1/me', again.body.token as string)).status).toBe(200);
  });

  it('deleting a user revokes every token and frees the e-mail; their records stay with the team', async () => {
    const s = server();
    const team = await newTeam(s);
    const manager = await newUser(s, team, 'manager');
    const rep = await newUser(s, team);
    const second = await signIn(s, rep.email);
    const device = new TestDevice();
    const id = uuidv7();
    await push(s, rep, device, [device.op('clients', id, clientFields(id))]);

    await expect(runCommand(s.db, ['delete-user', rep.email])).rejects.toThrow(/--yes/);
    expect((await api(s, 'GET', '/v1/me', rep.token)).status).toBe(200);
    expect(await runCommand(s.db, ['delete-user', rep.email, '--yes'])).toEqual([
      expect.stringContaining('2 device(s) signed out'),
    ]);
    expect((await api(s, 'GET', '/v1/me', rep.token)).status).toBe(401);
    expect((await api(s, 'GET', '/v1/me', second.body.token as string)).status).toBe(401);
    expect((await signIn(s, rep.email)).status).toBe(401);

    const seen = await pullAll(s, manager);
    expect(seen.records.map((r) => r.id)).toContain(id);

    await runCommand(s.db, ['add-user', '--team', team, '--email', rep.email, '--name', 'New', '--role', 'rep', '--password', PASSWORD]); // prettier-ignore
    const fresh = await signIn(s, rep.email);
    expect(fresh.status).toBe(200);
    expect((fresh.body.user as { id: string }).id).not.toBe(rep.id);
  });
});
