import { connect } from 'node:net';
import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import {
  describeBackends,
  HEADERS,
  newTeam,
  newUser,
  TestDevice,
  clientFields,
  type TestServer,
  type TestUser,
} from './harness';

/** Seeded, so a failing request can be found again. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE records; --",
  '1; SELECT pg_sleep(10)',
  "0190aaaa-0000-7000-8000-000000000000' OR 1=1 --",
  '$1',
  '\\x00',
  "') UNION SELECT token_hash FROM devices --",
];

interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function hostileRequests(count: number, token: string, rand: () => number): Request[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const junkValue = (depth = 0): unknown => {
    const r = rand();
    if (depth > 3 || r < 0.2)
      return pick([null, true, -1, 1.5, 1e300, '', 'x'.repeat(300), pick(SQL), [], {}]);
    if (r < 0.5) return Array.from({ length: 3 }, () => junkValue(depth + 1));
    return Object.fromEntries(
      Array.from({ length: 3 }, (_, i) => [
        pick(['seq', 'ops', 'fields', 'table', pick(SQL), `k${i}`]),
        junkValue(depth + 1),
      ]),
    );
  };
  const device = new TestDevice();
  const validOp = () => {
    const id = uuidv7();
    return device.op('clients', id, clientFields(id));
  };
  const auth = { authorization: `Bearer ${token}` };
  const json = { 'content-type': 'application/json', ...HEADERS };
  const kinds: (() => Request)[] = [
    // wrong types where the protocol expects objects, arrays, numbers, ids
    () => ({
      method: 'POST',
      path: '/v1/push',
      headers: { ...json, ...auth },
      body: JSON.stringify(junkValue()),
    }),
    () => ({
      method: 'POST',
      path: '/v1/pull',
      headers: { ...json, ...auth },
      body: JSON.stringify(junkValue()),
    }),
    () => ({
      method: 'POST',
      path: '/v1/push',
      headers: { ...json, ...auth },
      body: JSON.stringify({
        epoch: null,
        deviceId: device.node,
        ops: [
          {
            ...validOp(),
            [pick(['seq', 'rowId', 'table', 'fields', 'hlc', 'baseVersion'])]: junkValue(),
          },
        ],
      }),
    }),
    // SQL in every string a client controls
    () => ({
      method: 'POST',
      path: '/v1/push',
      headers: { ...json, ...auth },
      body: JSON.stringify({
        epoch: null,
        deviceId: device.node,
        ops: [
          {
            ...validOp(),
            fields: {
              ...clientFields(uuidv7()),
              name: pick(SQL),
              clientId: pick(SQL),
              [pick(SQL)]: pick(SQL),
            },
          },
        ],
      }),
    }),
    () => ({
      method: 'POST',
      path: '/v1/pull',
      headers: { ...json, ...auth },
      body: JSON.stringify({ epoch: null, cursor: pick(SQL) }),
    }),
    () => ({
      method: 'POST',
      path: `/v1/devices/${encodeURIComponent(pick(SQL))}/revoke`,
      headers: { ...json, ...auth },
      body: '{}',
    }),
    () => ({
      method: 'GET',
      path: `/v1/me?x=${encodeURIComponent(pick(SQL))}`,
      headers: { ...HEADERS, authorization: `Bearer ${pick(SQL)}` },
    }),
    // bad JSON
    () => ({
      method: 'POST',
      path: '/v1/push',
      headers: { ...json, ...auth },
      body: pick([
        '{',
        '{"ops":[}',
        'NaN',
        "{'a':1}",
        '{"a":1,}',
        '',
        'null',
        '['.repeat(5000),
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
      ]),
    }),
    // text that PostgreSQL cannot store
    () => ({
      method: 'POST',
      path: '/v1/push',
      headers: { ...json, ...auth },
      body: JSON.stringify({
        epoch: null,
        deviceId: device.node,
        ops: [
          {
            ...validOp(),
            fields: { ...clientFields(uuidv7()), name: pick(['a\u0000b', '\ud800', 'x\udfff']) },
          },
        ],
      }),
    }),
    () => ({
      method: 'POST',
      path: '/v1/push',
      headers: { ...json, ...auth },
      body: `{"epoch":null,"deviceId":"${device.node}","ops":[{"fields":{"a\\u0000":1}}]}`,
    }),
    // deep nesting inside a valid op
    () => {
      let deep: unknown = 1;
      for (let i = 0; i < 200; i++) deep = { d: deep };
      return {
        method: 'POST',
        path: '/v1/push',
        headers: { ...json, ...auth },
        body: JSON.stringify({
          epoch: null,
          deviceId: device.node,
          ops: [{ ...validOp(), fields: { tags: deep } }],
        }),
      };
    },
    // wrong or missing content type
    () => ({
      method: 'POST',
      path: '/v1/push',
      headers: {
        ...HEADERS,
        ...auth,
        'content-type': pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'image/png',
        ]),
      },
      body: 'ops=1',
    }),
    () => ({
      method: 'POST',
      path: '/v1/pull',
      headers: { ...HEADERS, ...auth },
      body: '{"cursor":null}',
    }),
    // wrong methods, paths and headers
    () => ({
      method: pick(['GET', 'PUT', 'DELETE', 'PATCH']),
      path: pick([
        '/v1/push',
        '/v1/pull',
        '/v1/auth/login',
        '/v0/push',
        '/v1/../etc/passwd',
        '/%00',
      ]),
      headers: { ...HEADERS, ...auth },
    }),
    () => ({
      method: 'GET',
      path: '/v1/devices',
      headers: {
        ...HEADERS,
        authorization: pick([
          '',
          'Bearer',
          'Basic abc',
          `Bearer ${'A'.repeat(4000)}`,
          `Bearer ${token}x`,
        ]),
      },
    }),
    () => ({
      method: 'GET',
      path: '/v1/me',
      headers: {
        ...auth,
        'fieldbook-schema-version': pick([
          '',
          'abc',
          '-1',
          '1e9',
          '1.5',
          ' 1 ',
          '999999999999999999999',
        ]),
      },
    }),
    // numbers out of range
    () => ({
      method: 'POST',
      path: '/v1/push',
      headers: { ...json, ...auth },
      body: `{"epoch":null,"deviceId":"${device.node}","ops":[${JSON.stringify({ ...validOp(), seq: 1 }).replace('"seq":1', `"seq":${pick(['1e400', '-0', '9007199254740993', '1.5', '-5'])}`)}]}`,
    }),
    () => ({
      method: 'POST',
      path: '/v1/pull',
      headers: { ...json, ...auth },
      body: JSON.stringify({ epoch: null, cursor: null, limit: pick([0, -1, 1e9, 1.5, '10']) }),
    }),
  ];
  const requests = Array.from({ length: count }, () => pick(kinds)());
  // A few sign-in attempts (each costs a password hash) and a few bodies over the limit.
  for (let i = 0; i < 20; i++) {
    requests.push({
      method: 'POST',
      path: '/v1/auth/login',
      headers: json,
      body: JSON.stringify({ email: pick(SQL), password: pick(SQL), deviceName: pick(SQL) }),
    });
  }
  for (let i = 0; i < 4; i++) {
    requests.push({
      method: 'POST',
      path: '/v1/push',
      headers: { ...json, ...auth },
      body: `{"pad":"${'x'.repeat(9 * 1024 * 1024)}"}`,
    });
  }
  return requests.slice(0, count);
}

/** A request that is not HTTP a parser accepts: the answer must still not be a server error. */
function rawRequest(port: number, text: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', () => resolve(0));
    socket.setTimeout(5000, () => socket.destroy());
  });
}

describeBackends('hostile input', (server: () => TestServer) => {
  let rep: TestUser;

  it('1000 malformed or hostile requests get 4xx answers with a reason and not one 5xx', async () => {
    const s = server();
    rep = await newUser(s, await newTeam(s));
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (s.app.server.address() as { port: number }).port;
    const requests = hostileRequests(1000, rep.token, prng(20261124));
    const statuses: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const res = await fetch(`http://127.0.0.1:${port}${r.path}`, {
          method: r.method,
          headers: r.headers,
          ...(r.body !== undefined && r.method !== 'GET' ? { body: r.body } : {}),
        }).catch((e: Error) => ({ status: 0, text: async () => e.message }));
        statuses.push(res.status);
        const text = await res.text();
        if (res.status >= 500 || res.status === 0)
          failures.push(
            `${res.status} ${r.method} ${r.path} ${(r.body ?? '').slice(0, 200)} -> ${text.slice(0, 200)}`,
          );
        else if (res.status >= 400 && !/"code":"[a-z_]+"/.test(text))
          failures.push(`no error code: ${res.status} ${r.path} -> ${text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(failures).toEqual([]);
    expect(statuses).toHaveLength(1000);
    expect(statuses.filter((c) => c >= 500)).toEqual([]);
    expect(statuses.filter((c) => c >= 400).length).toBeGreaterThan(900);

    const raw = await Promise.all([
      rawRequest(port, 'POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}'),
      rawRequest(
        port,
        'POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":1}',
      ),
      rawRequest(port, 'GARBAGE\r\n\r\n'),
      rawRequest(
        port,
        'POST /v1/push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n',
      ),
    ]);
    expect(raw.filter((c) => c >= 500)).toEqual([]);

    const health = await fetch(`http://127.0.0.1:${port}/v1/health`);
    expect(health.status).toBe(200);
    const { rows } = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM records');
    // Only well-formed ops of this user may have landed, and only as its own rows.
    const { rows: foreign } = await s.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM records WHERE owner_id <> $1',
      [rep.id],
    );
    expect(foreign[0]!.n).toBe(0);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(0);
  });
});
