import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { authenticate, SeenWriter } from '../../server/accounts/accounts';
import { runCommand } from '../../server/cli';
import {
  api,
  describeBackends,
  HEADERS,
  newTeam,
  newUser,
  PASSWORD,
  type TestServer,
} from './harness';

describeBackends('auth', (server: () => TestServer) => {
  it('signs in with e-mail and password and returns a random device token the server stores only hashed', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    expect(rep.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await s.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM devices WHERE user_id = $1',
      [rep.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(rep.token).digest('hex'));
    expect(rows[0]!.token_hash).not.toContain(rep.token);
    const me = await api(s, 'GET', '/v1/me', rep.token);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: rep.id, role: 'rep' });
  });

  it('a wrong password and an unknown e-mail get the same 401', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const wrong = await api(s, 'POST', '/v1/auth/login', undefined, {
      email: rep.email,
      password: 'not it at all',
      deviceName: 'x',
    });
    const unknown = await api(s, 'POST', '/v1/auth/login', undefined, {
      email: 'nobody@example.test',
      password: PASSWORD,
      deviceName: 'x',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect((wrong.body.error as { code: string }).code).toBe('invalid_credentials');
  });

  it('lists the devices of the user, marking the current one', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const second = await api(s, 'POST', '/v1/auth/login', undefined, {
      email: rep.email,
      password: PASSWORD,
      deviceName: 'планшет',
    });
    const list = await api(s, 'GET', '/v1/devices', rep.token);
    const devices = list.body.devices as { name: string; current: boolean }[];
    expect(devices.map((d) => d.name).sort()).toEqual(['test laptop', 'планшет'].sort());
    expect(devices.filter((d) => d.current)).toHaveLength(1);
    expect(second.status).toBe(200);
  });

  it('a device revoked through the API stops working at once; the other device keeps working', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const second = await api(s, 'POST', '/v1/auth/login', undefined, {
      email: rep.email,
      password: PASSWORD,
      deviceName: 'old phone',
    });
    const secondToken = second.body.token as string;
    const secondId = (second.body.device as { id: string }).id;
    expect((await api(s, 'POST', `/v1/devices/${secondId}/revoke`, rep.token, {})).status).toBe(
      200,
    );
    const refused = await api(s, 'GET', '/v1/me', secondToken);
    expect(refused.status).toBe(401);
    expect((refused.body.error as { code: string }).code).toBe('unauthorized');
    expect((await api(s, 'GET', '/v1/me', rep.token)).status).toBe(200);
  });

  it('the admin CLI lists and revokes devices, and a password reset signs every device out', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const listed = await runCommand(s.db, ['list-devices', rep.email]);
    expect(listed.join('\n')).toContain(rep.login.device.id);
    await runCommand(s.db, ['revoke-device', rep.login.device.id]);
    expect((await api(s, 'GET', '/v1/me', rep.token)).status).toBe(401);

    const again = await api(s, 'POST', '/v1/auth/login', undefined, {
      email: rep.email,
      password: PASSWORD,
      deviceName: 'new',
    });
    const token = again.body.token as string;
    const out = await runCommand(s.db, ['reset-password', rep.email]);
    expect(out.join('\n')).toMatch(/New password/);
    expect((await api(s, 'GET', '/v1/me', token)).status).toBe(401);
    const old = await api(s, 'POST', '/v1/auth/login', undefined, {
      email: rep.email,
      password: PASSWORD,
      deviceName: 'x',
    });
    expect(old.status).toBe(401);
  });

  it('records a device as seen off the request path: one write a second for every device seen', async () => {
    const s = server();
    const team = await newTeam(s);
    const [a, b] = [await newUser(s, team), await newUser(s, team)];
    await s.db.query(
      'UPDATE devices SET last_seen_at = NULL WHERE user_id = ANY(ARRAY[$1::uuid, $2::uuid])',
      [a.id, b.id],
    );
    const errors: unknown[] = [];
    const seen = new SeenWriter(s.db, (error) => errors.push(error), 60_000);
    expect(await authenticate(s.db, a.token, Date.now(), seen)).toMatchObject({ userId: a.id });
    expect(await authenticate(s.db, b.token, Date.now(), seen)).toMatchObject({ userId: b.id });
    const lastSeen = async () =>
      (
        await s.db.query<{ last_seen_at: unknown }>(
          'SELECT last_seen_at FROM devices WHERE user_id = ANY(ARRAY[$1::uuid, $2::uuid])',
          [a.id, b.id],
        )
      ).rows.map((r) => r.last_seen_at);
    expect(await lastSeen()).toEqual([null, null]);
    await seen.flush();
    expect((await lastSeen()).every((v) => v !== null)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('sign-out revokes the token it was sent with', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    expect((await api(s, 'POST', '/v1/auth/logout', rep.token, {})).status).toBe(200);
    expect((await api(s, 'GET', '/v1/me', rep.token)).status).toBe(401);
  });

  it('every request names its schema version; too old and too new are told apart', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const call = (version?: string) =>
      s.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: {
          authorization: `Bearer ${rep.token}`,
          ...(version ? { 'fieldbook-schema-version': version } : {}),
        },
      });
    expect((await call()).json().error.code).toBe('schema_version_required');
    expect((await call('0')).statusCode).toBe(426);
    expect((await call('99')).json().error.code).toBe('schema_too_new');
    expect((await call(HEADERS['fieldbook-schema-version'])).statusCode).toBe(200);
  });

  it('answers the health check without a token, and an unknown protocol version with unsupported_protocol', async () => {
    const s = server();
    const health = await s.app.inject({ method: 'GET', url: '/v1/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ ok: true, protocolVersions: [1], database: s.backend });
    const v9 = await s.app.inject({
      method: 'POST',
      url: '/v9/push',
      headers: HEADERS,
      payload: {},
    });
    expect(v9.statusCode).toBe(404);
    expect(v9.json().error.code).toBe('unsupported_protocol');
  });
});
