import { describe, expect, it, vi } from 'vitest';
import {
  createIpcGate,
  type DesktopHandlers,
  type IpcSenderEvent,
} from '../../../electron/main/ipc-gate';
import { DESKTOP_CHANNELS, DesktopError, MAX_SECRET_BYTES } from '../../../shared/ipc';
import { isInternalUrl } from '../../../shared/url-policy';

function fakeHandlers(overrides: Partial<DesktopHandlers> = {}): DesktopHandlers {
  return {
    'app:info': () => ({ version: '1.2.3', platform: 'linux', electron: '45.0.0' }),
    'secrets:get': vi.fn(async () => 'token'),
    'secrets:set': vi.fn(async () => undefined),
    'secrets:delete': vi.fn(async () => undefined),
    'notify:show': vi.fn(() => undefined),
    'file:save': vi.fn(async () => ({ saved: true, path: '/home/rep/backup.json' })),
    'file:open': vi.fn(async () => null),
    'shell:open-external': vi.fn(async () => undefined),
    'sync:sign-in': vi.fn(async () => ({ status: 200, body: {} })),
    'sync:sign-out': vi.fn(async () => undefined),
    'sync:http': vi.fn(async () => ({ status: 200, body: {} })),
    'journal:append': vi.fn(async () => ({ lastSeq: 1 })),
    'journal:read': vi.fn(async () => ({
      entries: [],
      more: false,
      skipped: { torn: 0, corrupt: 0 },
    })),
    'journal:ack': vi.fn(async () => ({ live: 0, bytes: 0 })),
    'journal:compact': vi.fn(async () => ({ live: 0, bytes: 0 })),
    'backup:write': vi.fn(async () => ({
      name: 'backup-20261207T013208123Z-manual.json',
      reason: 'manual' as const,
      createdAt: '2026-12-07T01:32:08.123Z',
      bytes: 2,
    })),
    'backup:list': vi.fn(async () => []),
    'backup:read': vi.fn(async () => '{}'),
    'disk:space': vi.fn(async () => ({ freeBytes: 1, totalBytes: 2 })),
    'visit:print-pdf': vi.fn(async () => ({ saved: false })),
    ...overrides,
  };
}

const appFrame: IpcSenderEvent = {
  senderFrame: { url: 'app://fieldbook/index.html', parent: null },
};

function gateWith(handlers = fakeHandlers(), log = vi.fn()) {
  return {
    gate: createIpcGate({ handlers, isTrustedSenderUrl: (url) => isInternalUrl(url), log }),
    handlers,
    log,
  };
}

describe('IPC gate: the only door from the renderer to the main process', () => {
  it('answers a valid call from the app window with the handler result', async () => {
    const { gate } = gateWith();
    await expect(gate.dispatch('app:info', appFrame, [])).resolves.toEqual({
      ok: true,
      value: { version: '1.2.3', platform: 'linux', electron: '45.0.0' },
    });
    await expect(gate.dispatch('secrets:get', appFrame, ['sync.device_token'])).resolves.toEqual({
      ok: true,
      value: 'token',
    });
  });

  it.each(['sync:request', 'secrets:list', '__proto__', 'constructor', 'toString', '', 42, null])(
    'refuses the unknown channel %j without calling any handler',
    async (channel) => {
      const { gate, handlers } = gateWith();
      const answer = await gate.dispatch(channel, appFrame, []);
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
      expect(handlers['secrets:get']).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['a remote page', 'https://evil.example/'],
    ['a look-alike app host', 'app://fieldbook.evil/index.html'],
    ['a local file', 'file:///tmp/index.html'],
    ['about:blank', 'about:blank'],
    ['the dev server when not in dev', 'http://127.0.0.1:5173/'],
  ])('refuses a sender frame from %s', async (_name, url) => {
    const { gate, handlers } = gateWith();
    const answer = await gate.dispatch('secrets:get', { senderFrame: { url, parent: null } }, [
      'sync.device_token',
    ]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(handlers['secrets:get']).not.toHaveBeenCalled();
  });

  it('refuses a sub-frame even when its URL is the app origin', async () => {
    const { gate, handlers } = gateWith();
    const subFrame = {
      senderFrame: { url: 'app://fieldbook/index.html', parent: appFrame.senderFrame },
    };
    const answer = await gate.dispatch('secrets:get', subFrame, ['sync.device_token']);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(handlers['secrets:get']).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame is gone (destroyed or navigated away)', async () => {
    const { gate } = gateWith();
    const answer = await gate.dispatch('app:info', { senderFrame: null }, []);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a sender whose frame cannot be read at all', async () => {
    const { gate } = gateWith();
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    await expect(gate.dispatch('app:info', event, [])).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it.each([
    ['a number for a secret key', 'secrets:get', [42]],
    ['a key with capitals and spaces', 'secrets:get', ['Sync Token']],
    ['a key longer than 64 characters', 'secrets:get', ['k'.repeat(65)]],
    ['a missing argument', 'secrets:set', ['sync.device_token']],
    ['an extra argument', 'secrets:get', ['sync.device_token', 'extra']],
    ['arguments to a channel that takes none', 'app:info', [{}]],
    ['a secret value over 16 KiB', 'secrets:set', ['k', 'x'.repeat(MAX_SECRET_BYTES + 1)]],
    [
      'a secret value over 16 KiB in UTF-8 only',
      'secrets:set',
      ['k', 'я'.repeat(MAX_SECRET_BYTES / 2 + 1)],
    ],
    [
      'an extra key in the notification',
      'notify:show',
      [{ title: 't', body: 'b', icon: '/etc/passwd' }],
    ],
    [
      'a notification title of 201 characters',
      'notify:show',
      [{ title: 't'.repeat(201), body: '' }],
    ],
    ['a notification without a title', 'notify:show', [{ title: '', body: 'b' }]],
    [
      'a path in the suggested file name',
      'file:save',
      [{ suggestedName: '../../.bashrc', content: '', mimeType: 'text/plain' }],
    ],
    [
      'a Windows path in the file name',
      'file:save',
      [{ suggestedName: 'C:\\x.txt', content: '', mimeType: 'text/plain' }],
    ],
    [
      'a malformed MIME type',
      'file:save',
      [{ suggestedName: 'a.txt', content: '', mimeType: 'text/html\r\nX: y' }],
    ],
    ['an extension with a dot', 'file:open', [{ accept: ['.csv'], maxBytes: 10 }]],
    ['no accepted extension', 'file:open', [{ accept: [], maxBytes: 10 }]],
    ['a negative size limit', 'file:open', [{ accept: ['csv'], maxBytes: -1 }]],
    [
      'a size limit over 50 MiB',
      'file:open',
      [{ accept: ['csv'], maxBytes: 50 * 1024 * 1024 + 1 }],
    ],
    ['a fractional size limit', 'file:open', [{ accept: ['csv'], maxBytes: 1.5 }]],
    ['an object for a URL', 'shell:open-external', [{ href: 'https://example.com' }]],
    [
      'a URL over 2048 characters',
      'shell:open-external',
      ['https://example.com/' + 'a'.repeat(2100)],
    ],
    ['arguments that are not an array of values', 'secrets:get', [undefined]],
  ])('refuses %s as invalid_request before the handler runs', async (_name, channel, args) => {
    const handlers = fakeHandlers();
    const { gate } = gateWith(handlers);
    const answer = await gate.dispatch(channel, appFrame, args as unknown[]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const handler = handlers[channel as keyof DesktopHandlers];
    if (vi.isMockFunction(handler)) expect(handler).not.toHaveBeenCalled();
  });

  it('does not echo a refused secret value in the error message', async () => {
    const { gate } = gateWith();
    const secret = 'S3CRET-' + 'x'.repeat(MAX_SECRET_BYTES);
    const answer = await gate.dispatch('secrets:set', appFrame, ['k', secret]);
    expect(JSON.stringify(answer)).not.toContain('S3CRET');
  });

  it('turns a handler that throws a DesktopError into an envelope with its code', async () => {
    const { gate } = gateWith(
      fakeHandlers({
        'secrets:set': async () => {
          throw new DesktopError('no_secret_store', 'no keyring');
        },
      }),
    );
    await expect(gate.dispatch('secrets:set', appFrame, ['k', 'v'])).resolves.toEqual({
      ok: false,
      error: { code: 'no_secret_store', message: 'no keyring' },
    });
  });

  it('turns any other thrown error into internal, without leaking its message, and logs it', async () => {
    const { gate, log } = gateWith(
      fakeHandlers({
        'app:info': () => {
          throw new Error('EACCES /home/rep/.config/secret-path');
        },
      }),
    );
    const answer = await gate.dispatch('app:info', appFrame, []);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('secret-path');
    expect(log).toHaveBeenCalled();
  });

  it('refuses a handler result that breaks the contract', async () => {
    const { gate } = gateWith(fakeHandlers({ 'secrets:get': async () => 42 as unknown as string }));
    const answer = await gate.dispatch('secrets:get', appFrame, ['k']);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses an opened file larger than the contract allows, even from a handler', async () => {
    const huge = { name: 'big.csv', bytes: new Uint8Array(50 * 1024 * 1024 + 1) };
    const { gate } = gateWith(fakeHandlers({ 'file:open': async () => huge }));
    const answer = await gate.dispatch('file:open', appFrame, [{ accept: ['csv'], maxBytes: 10 }]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('registers exactly the contract channels with ipcMain, each answering through the gate', async () => {
    const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    const { gate } = gateWith();
    gate.register({ handle: (channel, listener) => registered.set(channel, listener as never) });
    expect([...registered.keys()].sort()).toEqual(Object.keys(DESKTOP_CHANNELS).sort());
    const listener = registered.get('secrets:get');
    await expect(
      listener?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'k'),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    await expect(listener?.(appFrame, 'k')).resolves.toEqual({ ok: true, value: 'token' });
  });

  it('refuses to be built with a handler for a channel the contract does not name', () => {
    const handlers = {
      ...fakeHandlers(),
      'shell:exec': () => undefined,
    } as unknown as DesktopHandlers;
    expect(() => createIpcGate({ handlers, isTrustedSenderUrl: () => true })).toThrow(
      /unknown channel/,
    );
  });
});
