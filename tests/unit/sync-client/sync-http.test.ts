// The desktop's half of sync (shared/ipc-sync.ts, run by Electron's main process and by the browser
// twin): where the token lives, which addresses are accepted, and how failures come back as data.
import { describe, expect, it, vi } from 'vitest';
import {
  createSyncHttp,
  normalizeServerUrl,
  SYNC_SECRET_KEY,
  type SyncFetch,
} from '../../../shared/ipc-sync';
import { createSyncHandlers } from '../../../electron/main/sync-handlers';
import { createIpcGate, type DesktopHandlers } from '../../../electron/main/ipc-gate';

const LOGIN = {
  token: 'T'.repeat(43),
  device: { id: '01900000-0000-7000-8000-0000000000cc', name: 'laptop' },
  user: {
    id: '01900000-0000-7000-8000-0000000000aa',
    email: 'rep@example.test',
    name: 'Rep',
    role: 'rep',
    teamId: '01900000-0000-7000-8000-0000000000bb',
    teamName: 'T',
  },
  epoch: 'e'.repeat(32),
  serverTime: 1,
  protocolVersion: 1,
};

function memorySecrets() {
  const map = new Map<string, string>();
  return {
    map,
    get: async (k: string) => map.get(k) ?? null,
    set: async (k: string, v: string) => void map.set(k, v),
    delete: async (k: string) => void map.delete(k),
  };
}

function answering(status: number, body: unknown): SyncFetch & ReturnType<typeof vi.fn> {
  return vi.fn(async () => ({
    status,
    text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
  }));
}

describe('server addresses', () => {
  it.each([
    ['https://sync.example.com', 'https://sync.example.com'],
    ['https://sync.example.com/', 'https://sync.example.com'],
    ['  http://127.0.0.1:8787/base/  ', 'http://127.0.0.1:8787/base'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeServerUrl(input)).toBe(expected);
  });

  it.each([
    'ftp://sync.example.com',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://rep:secret@sync.example.com',
    'https://sync.example.com@evil.example',
    'https://sync.example.com/?token=1',
    'https://sync.example.com/#x',
    'https://sync.exa mple.com',
    'https://sync.example.com\\@evil.example',
    'sync.example.com',
    '',
    `https://${'a'.repeat(2100)}.com`,
  ])('refuses %j', (input) => {
    expect(normalizeServerUrl(input)).toBeNull();
  });
});

describe('sign-in, requests and sign-out', () => {
  it('keeps the token with its server address and never returns it', async () => {
    const secrets = memorySecrets();
    const http = createSyncHttp({ fetch: answering(200, LOGIN), secrets });
    const result = await http.signIn({
      serverUrl: 'https://sync.example.com/',
      email: 'rep@example.test',
      password: 'pw',
      deviceName: 'laptop',
    });
    expect(result.status).toBe(200);
    expect(JSON.stringify(result)).not.toContain(LOGIN.token);
    expect(JSON.parse(secrets.map.get(SYNC_SECRET_KEY)!)).toEqual({
      serverUrl: 'https://sync.example.com',
      token: LOGIN.token,
    });
  });

  it('adds the token and the schema header to requests, to the stored server only', async () => {
    const secrets = memorySecrets();
    await secrets.set(
      SYNC_SECRET_KEY,
      JSON.stringify({ serverUrl: 'https://a.example', token: 'tok' }),
    );
    const fetch = answering(200, { ok: true });
    await createSyncHttp({ fetch, secrets }).request({
      method: 'POST',
      path: '/v1/pull',
      body: '{}',
    });
    expect(fetch).toHaveBeenCalledWith('https://a.example/v1/pull', {
      method: 'POST',
      headers: {
        authorization: 'Bearer tok',
        'content-type': 'application/json',
        'fieldbook-schema-version': '1',
      },
      body: '{}',
    });
  });

  it('without a token a request is a 401 the engine already knows, and nothing is sent', async () => {
    const fetch = answering(200, {});
    const result = await createSyncHttp({ fetch, secrets: memorySecrets() }).request({
      method: 'POST',
      path: '/v1/push',
      body: '{}',
    });
    expect(result).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('no network, a non-JSON answer and a refused sign-in come back as data, not exceptions', async () => {
    const secrets = memorySecrets();
    await secrets.set(
      SYNC_SECRET_KEY,
      JSON.stringify({ serverUrl: 'https://a.example', token: 'tok' }),
    );
    const offline = createSyncHttp({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      secrets,
    });
    expect(await offline.request({ method: 'GET', path: '/v1/me', body: null })).toMatchObject({
      status: 0,
      body: { error: { code: 'network' } },
    });
    const portal = createSyncHttp({ fetch: answering(200, '<html>Hotel Wi-Fi</html>'), secrets });
    expect(await portal.request({ method: 'GET', path: '/v1/me', body: null })).toMatchObject({
      status: 200,
      body: { error: { code: 'bad_response' } },
    });
    const refused = createSyncHttp({
      fetch: answering(401, { error: { code: 'invalid_credentials', message: 'no' } }),
      secrets: memorySecrets(),
    });
    const answer = await refused.signIn({
      serverUrl: 'https://a.example',
      email: 'rep@example.test',
      password: 'wrong',
      deviceName: 'laptop',
    });
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });
  });

  it('sign-out forgets the token even when the server cannot be told', async () => {
    const secrets = memorySecrets();
    await secrets.set(
      SYNC_SECRET_KEY,
      JSON.stringify({ serverUrl: 'https://a.example', token: 'tok' }),
    );
    const http = createSyncHttp({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      secrets,
    });
    await http.signOut();
    expect(secrets.map.has(SYNC_SECRET_KEY)).toBe(false);
  });
});

describe('the main process behind the IPC gate', () => {
  const appFrame = { senderFrame: { url: 'app://fieldbook/index.html', parent: null } };

  function gateWith(fetch: SyncFetch) {
    const secrets = memorySecrets();
    const sync = createSyncHandlers({ secrets, fetch });
    const gate = createIpcGate({
      handlers: sync as unknown as DesktopHandlers,
      isTrustedSenderUrl: (url) => url.startsWith('app://fieldbook/'),
    });
    return { gate, secrets };
  }

  it('a sign-in through the gate stores the token in the safeStorage-backed store and answers without it', async () => {
    const { gate, secrets } = gateWith(answering(200, LOGIN));
    const answer = await gate.dispatch('sync:sign-in', appFrame, [
      {
        serverUrl: 'https://a.example',
        email: 'rep@example.test',
        password: 'pw',
        deviceName: 'x',
      },
    ]);
    expect(answer).toMatchObject({ ok: true, value: { status: 200 } });
    expect(JSON.stringify(answer)).not.toContain(LOGIN.token);
    expect(secrets.map.get(SYNC_SECRET_KEY)).toContain(LOGIN.token);
  });

  it.each([
    ['a path outside the protocol', { method: 'GET', path: '/admin', body: null }],
    ['a path that climbs', { method: 'GET', path: '/v1/../secrets', body: null }],
    ['a full URL', { method: 'GET', path: 'https://evil.example/v1/pull', body: null }],
    ['a method the protocol does not use', { method: 'DELETE', path: '/v1/pull', body: null }],
    [
      'a body over the limit',
      { method: 'POST', path: '/v1/push', body: 'x'.repeat(8 * 1024 * 1024 + 1) },
    ],
  ])('refuses %s before any request', async (_what, request) => {
    const fetch = answering(200, {});
    const { gate } = gateWith(fetch);
    const answer = await gate.dispatch('sync:http', appFrame, [request]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a server address with credentials in it', async () => {
    const fetch = answering(200, LOGIN);
    const { gate } = gateWith(fetch);
    const answer = await gate.dispatch('sync:sign-in', appFrame, [
      {
        serverUrl: 'https://u:p@a.example',
        email: 'rep@example.test',
        password: 'pw',
        deviceName: 'x',
      },
    ]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(fetch).not.toHaveBeenCalled();
  });
});
