import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { SCHEMA_VERSION_HEADER, SERVER_NODE } from '../../shared/sync/protocol';
import { runCommand } from '../../server/cli';
import {
  api,
  clientFields,
  describeBackends,
  HEADERS,
  newTeam,
  newUser,
  push,
  TestDevice,
  type TestServer,
} from './harness';

describeBackends('small holes in the protocol', (server: () => TestServer) => {
  it('a device that pushed in an earlier epoch cannot skip the repair by sending epoch null', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    const id = uuidv7();
    const first = await push(s, rep, device, [device.op('clients', id, clientFields(id))]);
    expect(first.status).toBe(200);
    await runCommand(s.db, ['new-epoch']);
    const blind = await push(s, rep, device, [device.op('clients', id, { name: 'x' }, 1)]);
    expect(blind.status).toBe(409);
    expect(blind.body.error?.code).toBe('epoch_changed');
    expect(blind.body.error?.epoch).not.toBe(first.body.epoch);
  });

  it('a sequence reset must name the epoch it answers', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    device.seq = 40;
    const id = uuidv7();
    const reset = await push(s, rep, device, [device.op('clients', id, clientFields(id))], {
      resetSequence: true,
    });
    expect(reset.status).toBe(409);
    expect(reset.body.error?.code).toBe('sequence_reset_refused');
    // Named, it is the device's one reset in this epoch.
    const named = await push(s, rep, device, [device.op('clients', id, clientFields(id))], {
      resetSequence: true,
      epoch: rep.login.epoch,
    });
    expect(named.status).toBe(200);
    expect(named.body.results[0]!.status).toBe('applied');
  });

  it("stamps name the pushing device's clock: the server's own node and another node are refused", async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    const id = uuidv7();
    const op = device.op('clients', id, clientFields(id));
    const asServer = op.hlc.replace(/[0-9a-f]{16}$/, SERVER_NODE);
    const foreign = op.hlc.replace(/[0-9a-f]{16}$/, 'abcdefabcdefabcd');
    for (const hlc of [asServer, foreign]) {
      const res = await push(s, rep, device, [{ ...op, hlc }]);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('bad_request');
    }
    const serverDevice = await api(s, 'POST', '/v1/push', rep.token, {
      epoch: null,
      deviceId: SERVER_NODE,
      ops: [{ ...op, deviceId: SERVER_NODE, hlc: asServer }],
    });
    expect(serverDevice.status).toBe(400);
    expect((await push(s, rep, device, [op])).body.results[0]!.status).toBe('applied');
  });

  it('field names that shadow built-in methods are refused and never stored', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    for (const name of ['toString', 'valueOf', 'hasOwnProperty', 'constructor', 'isPrototypeOf']) {
      const id = uuidv7();
      const op = device.op('clients', id, { ...clientFields(id), [name]: 'x' });
      device.seq--;
      const res = await push(s, rep, device, [op]);
      expect(res.status, name).toBe(400);
      const stamped = device.op('clients', id, clientFields(id), 0, {
        stamps: { [name]: device.clock.tick() },
      });
      device.seq--;
      expect((await push(s, rep, device, [stamped])).status, `stamps.${name}`).toBe(400);
    }
    const raw = await s.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: {
        ...HEADERS,
        authorization: `Bearer ${rep.token}`,
        'content-type': 'application/json',
      },
      payload: '{"epoch":null,"deviceId":"0123456789abcdef","ops":[{"__proto__":{"x":1}}]}',
    });
    expect(raw.statusCode).toBe(400);
    const { rows } = await s.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM records WHERE data ?| array['toString','valueOf','hasOwnProperty','constructor','__proto__']",
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('the schema-version header takes only the canonical integer', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    for (const value of ['1.0', '01', '1e0', '0x1', ' 1', '+1', '1 ', '']) {
      const res = await s.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { [SCHEMA_VERSION_HEADER]: value, authorization: `Bearer ${rep.token}` },
      });
      expect(res.statusCode, JSON.stringify(value)).toBe(400);
      expect(res.json().error.code).toBe('schema_version_required');
    }
    const ok = await s.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { [SCHEMA_VERSION_HEADER]: '1', authorization: `Bearer ${rep.token}` },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('a body is JSON in UTF-8 only: another charset is 415', async () => {
    const s = server();
    const body = JSON.stringify({ email: 'nobody@example.test', password: 'x', deviceName: 'd' });
    for (const type of [
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json;charset="utf-16le"',
    ]) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { ...HEADERS, 'content-type': type },
        payload: body,
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
    }
    for (const type of ['application/json; charset=utf-8', 'application/json; charset=UTF-8']) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { ...HEADERS, 'content-type': type },
        payload: body,
      });
      expect(res.statusCode, type).toBe(401);
    }
  });
});
