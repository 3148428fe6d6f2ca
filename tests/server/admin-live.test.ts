/**
 * `npm run server:admin` against a running `npm run server` (both real processes), on an embedded
 * folder and on PostgreSQL: every command takes effect in the running server at once and is still
 * there after a restart; on the embedded folder only one process may open it, and a crashed
 * server's lock does not block the next start.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { clientFields, DATABASE_URL, HEADERS, TestDevice } from './harness';
import {
  admin,
  newStore,
  secondServer,
  startServer,
  type LiveServer,
  type LiveStore,
} from './live-server';

const LONG = 360_000;

async function call(
  server: LiveServer,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(server.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...HEADERS,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function login(server: LiveServer, email: string, password: string) {
  return call(server, '/v1/auth/login', undefined, { email, password, deviceName: 'laptop' });
}

async function token(server: LiveServer, email: string, password: string): Promise<string> {
  const res = await login(server, email, password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token as string;
}

async function ok(store: LiveStore, ...args: string[]): Promise<string> {
  const exit = await admin(store, ...args);
  expect(exit.code, `${args.join(' ')}: ${exit.stderr}`).toBe(0);
  return exit.stdout;
}

const PW = 'first password 1';
const PW2 = 'second password 2';

for (const backend of ['pglite', 'postgres'] as const) {
  const skip = backend === 'postgres' && !DATABASE_URL;
  describe.skipIf(skip)(
    `server:admin while the server runs [${backend}${skip ? ': SKIPPED because DATABASE_URL is unset' : ''}]`,
    () => {
      let store: LiveStore;
      let server: LiveServer;
      const team = 'Урал';
      const emails = {
        manager: 'anna@example.test',
        a: 'ivan@example.test',
        b: 'olga@example.test',
        c: 'gone@example.test',
        d: 'paused@example.test',
      };
      // Filled by the first test, checked after the restart.
      const state = {
        revokedToken: '',
        epoch: '',
        clientId: '',
        dPassword: '',
      };

      beforeAll(async () => {
        store = await newStore(backend);
        server = await startServer(store);
      }, LONG);
      afterAll(async () => {
        await server?.stop();
        await store?.drop();
      }, LONG);

      it(
        'every admin command run while the server runs takes effect in the server at once',
        async () => {
          expect(await ok(store, 'add-team', team)).toContain('Team created');
          await ok(store, 'add-user', '--team', team, '--email', emails.manager, '--name', 'Анна', '--role', 'manager', '--password', PW); // prettier-ignore
          await ok(store, 'add-user', '--team', team, '--email', emails.a, '--name', 'Иван', '--role', 'rep', '--password', PW); // prettier-ignore
          await ok(store, 'add-user', '--team', team, '--email', emails.b, '--name', 'Ольга', '--role', 'rep', '--password', PW); // prettier-ignore
          await ok(store, 'add-user', '--team', team, '--email', emails.c, '--name', 'Гость', '--role', 'rep', '--password', PW); // prettier-ignore
          const generated = await ok(store, 'add-user', '--team', team, '--email', emails.d, '--name', 'Пауза', '--role', 'rep'); // prettier-ignore
          const dPassword = /Password \(shown once\): (\S+)/.exec(generated)![1]!;
          state.dPassword = dPassword;

          // add-user: the new users sign in at once (the generated password too).
          const lost = await login(server, emails.a, PW);
          expect(lost.status).toBe(200);
          const lostToken = lost.body.token as string;
          const lostDevice = (lost.body.device as { id: string }).id;
          const aToken = await token(server, emails.a, PW);
          const bToken = await token(server, emails.b, PW);
          const cToken = await token(server, emails.c, PW);
          const dToken = await token(server, emails.d, dPassword);
          const duplicate = await admin(store, 'add-user', '--team', team, '--email', emails.a, '--name', 'x', '--role', 'rep', '--password', PW); // prettier-ignore
          expect(duplicate.code).toBe(1);
          expect(duplicate.stderr).toContain('already exists');

          // list-devices and revoke-device: the lost laptop is refused at once, the other works.
          expect(await ok(store, 'list-devices', emails.a)).toContain(lostDevice);
          expect(await ok(store, 'revoke-device', lostDevice)).toContain('revoked');
          expect((await call(server, '/v1/me', lostToken)).status).toBe(401);
          expect((await call(server, '/v1/me', aToken)).status).toBe(200);
          state.revokedToken = lostToken;

          // share-client: B's next pull brings A's client; unshare-client stops sharing.
          const me = (await call(server, '/v1/me', aToken)).body;
          const device = new TestDevice();
          state.clientId = uuidv7();
          const pushed = await call(server, '/v1/push', aToken, {
            epoch: me.epoch,
            deviceId: device.node,
            ops: [device.op('clients', state.clientId, clientFields(state.clientId))],
          });
          expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
          const pullIds = async (t: string) =>
            (
              (await call(server, '/v1/pull', t, { epoch: null, cursor: null })).body.records as {
                id: string;
              }[]
            ).map((r) => r.id);
          expect(await pullIds(bToken)).not.toContain(state.clientId);
          expect(await ok(store, 'share-client', state.clientId, emails.b)).toContain('Shared');
          expect(await pullIds(bToken)).toContain(state.clientId);
          expect(await ok(store, 'unshare-client', state.clientId, emails.b)).toContain(
            'Sharing stopped',
          );
          expect(await ok(store, 'unshare-client', state.clientId, emails.b)).toContain(
            'not shared',
          );

          // reset-password: every device of A is signed out; the new password signs in.
          await ok(store, 'reset-password', emails.a, '--password', PW2);
          expect((await call(server, '/v1/me', aToken)).status).toBe(401);
          expect((await login(server, emails.a, PW)).status).toBe(401);
          expect((await login(server, emails.a, PW2)).status).toBe(200);

          // disable-user: no sign-in, no sync; enable-user: signs in again, old tokens stay out.
          expect(await ok(store, 'disable-user', emails.b)).toContain('disabled');
          expect((await call(server, '/v1/me', bToken)).status).toBe(401);
          expect(
            (await call(server, '/v1/pull', bToken, { epoch: null, cursor: null })).status,
          ).toBe(401);
          expect((await login(server, emails.b, PW)).status).toBe(401);
          expect(await ok(store, 'show-user', emails.b)).toContain('DISABLED');
          expect(await ok(store, 'enable-user', emails.b)).toContain('can sign in again');
          expect((await login(server, emails.b, PW)).status).toBe(200);
          expect((await call(server, '/v1/me', bToken)).status).toBe(401);
          // D stays disabled across the restart below.
          await ok(store, 'disable-user', emails.d);
          expect((await call(server, '/v1/me', dToken)).status).toBe(401);

          // delete-user: asks for --yes, then the account and its tokens are gone.
          const unconfirmed = await admin(store, 'delete-user', emails.c);
          expect(unconfirmed.code).toBe(1);
          expect(unconfirmed.stderr).toContain('--yes');
          expect((await call(server, '/v1/me', cToken)).status).toBe(200);
          expect(await ok(store, 'delete-user', emails.c, '--yes')).toContain('Deleted');
          expect((await call(server, '/v1/me', cToken)).status).toBe(401);
          expect((await login(server, emails.c, PW)).status).toBe(401);
          expect((await admin(store, 'show-user', emails.c)).code).toBe(1);

          // new-epoch: the running server answers with the new epoch at once.
          const out = await ok(store, 'new-epoch');
          state.epoch = /New epoch ([0-9a-f]{32})/.exec(out)![1]!;
          expect(state.epoch).not.toBe(me.epoch);
          const a2 = await token(server, emails.a, PW2);
          expect((await call(server, '/v1/me', a2)).body.epoch).toBe(state.epoch);
          const stale = await call(server, '/v1/pull', a2, { epoch: me.epoch, cursor: null });
          expect(stale.status).toBe(409);
          expect((stale.body.error as { code: string }).code).toBe('epoch_changed');
        },
        LONG,
      );

      it(
        "after a restart every admin command's effect is still there",
        async () => {
          await server.stop();
          server = await startServer(store);
          expect((await call(server, '/v1/me', state.revokedToken)).status).toBe(401);
          expect((await login(server, emails.a, PW)).status).toBe(401);
          const a = await token(server, emails.a, PW2);
          expect((await call(server, '/v1/me', a)).body.epoch).toBe(state.epoch);
          expect((await login(server, emails.b, PW)).status).toBe(200);
          expect((await login(server, emails.c, PW)).status).toBe(401);
          expect((await login(server, emails.d, state.dPassword)).status).toBe(401);
          expect(await ok(store, 'show-user', emails.d)).toContain('DISABLED');
          // The rows pushed before the restart are there too.
          const pulled = await call(server, '/v1/pull', a, { epoch: state.epoch, cursor: null });
          expect((pulled.body.records as { id: string }[]).map((r) => r.id)).toContain(
            state.clientId,
          );
        },
        LONG,
      );

      if (backend === 'pglite') {
        it(
          'a second process on the data folder refuses to start and says why; the admin secret is readable by the owner only',
          async () => {
            const second = await secondServer(store);
            expect(second.code).not.toBe(0);
            expect(second.stderr).toContain('is in use by a running Fieldbook server');
            expect(second.stderr).toContain('server:admin');
            // The first server is unharmed.
            expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
            const mode = statSync(join(store.dataDir, 'fieldbook-admin.json')).mode & 0o777;
            expect(mode).toBe(0o600);
          },
          LONG,
        );

        it(
          'a server killed with SIGKILL leaves a lock that does not block the next start, and with no server running the CLI opens the folder itself',
          async () => {
            const killed = await server.kill();
            expect(killed.signal).toBe('SIGKILL');
            expect(existsSync(join(store.dataDir, 'fieldbook.lock'))).toBe(true);
            // No server: the CLI takes the (stale) lock, works directly, and lets it go.
            expect(await ok(store, 'enable-user', emails.d)).toContain('can sign in again');
            expect(existsSync(join(store.dataDir, 'fieldbook.lock'))).toBe(false);
            server = await startServer(store);
            expect((await login(server, emails.d, state.dPassword)).status).toBe(200);
            expect(await ok(store, 'show-user', emails.d)).toContain('active');
          },
          LONG,
        );
      }
    },
  );
}

describe('server:admin --help', () => {
  it(
    'prints the commands, and each command its own usage, without a database',
    async () => {
      const store = await newStore('pglite');
      // A data folder nobody may create: help must not need it.
      store.env.FIELDBOOK_SERVER_DATA = '/proc/no-such-folder';
      const all = await admin(store, '--help');
      expect(all.code).toBe(0);
      for (const command of [
        'add-team',
        'add-user',
        'reset-password',
        'disable-user',
        'enable-user',
        'delete-user',
        'list-devices',
        'revoke-device',
        'share-client',
        'unshare-client',
        'new-epoch',
      ]) {
        expect(all.stdout).toContain(command);
      }
      const one = await admin(store, 'add-user', '--help');
      expect(one.code).toBe(0);
      expect(one.stdout).toContain('--team <name> --email <e-mail>');
      expect((await admin(store, 'help', 'revoke-device')).stdout).toContain('list-devices');
      await store.drop();
    },
    LONG,
  );
});
