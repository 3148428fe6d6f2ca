import { describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS } from '../../../shared/ipc';

// A recording fake of the Electron surface main.ts touches, to check the order and the options
// of the wiring (the real binary cannot run on the build machines).
const calls = vi.hoisted(() => {
  const listeners = new Map<string, (...args: unknown[]) => unknown>();
  let ready: () => void = () => undefined;
  return {
    order: [] as string[],
    listeners,
    schemes: [] as unknown[],
    handled: [] as string[],
    protocols: new Map<string, (request: Request) => Promise<Response>>(),
    windows: [] as { options: Record<string, unknown>; url?: string; shown: boolean }[],
    permissions: [] as string[],
    fireReady: () => ready(),
    setReady: (fn: () => void) => (ready = fn),
    lock: true,
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => calls.windows;
    record: { options: Record<string, unknown>; url?: string; shown: boolean };
    constructor(options: Record<string, unknown>) {
      calls.order.push('window');
      this.record = { options, shown: false };
      calls.windows.push(this.record);
    }
    once(event: string, listener: () => void) {
      if (event === 'ready-to-show') listener();
    }
    on() {}
    show() {
      this.record.shown = true;
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      isPackaged: true,
      enableSandbox: () => calls.order.push('enableSandbox'),
      requestSingleInstanceLock: () => calls.lock,
      quit: () => calls.order.push('quit'),
      on: (event: string, listener: (...args: unknown[]) => unknown) =>
        calls.listeners.set(event, listener),
      whenReady: () => new Promise<void>((resolve) => calls.setReady(resolve)),
      getAppPath: () => '/opt/fieldbook/resources/app.asar',
      getPath: () => '/home/rep/.config/Fieldbook',
      getVersion: () => '0.1.0',
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string) => calls.handled.push(channel) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.order.push('registerSchemes');
        calls.schemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        calls.order.push('protocol.handle');
        calls.protocols.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => calls.permissions.push('request'),
        setPermissionCheckHandler: () => calls.permissions.push('check'),
        setDevicePermissionHandler: () => calls.permissions.push('device'),
      },
    },
    safeStorage: { isEncryptionAvailable: () => false },
    shell: { openExternal: vi.fn() },
    dialog: {},
    Notification: class {},
  };
});

describe('main.ts wiring (electron mocked)', () => {
  it('registers app:// as a standard secure scheme before ready, then serves, gates and opens one window', async () => {
    await import('../../../electron/main/main');
    expect(calls.order).toEqual(['registerSchemes', 'enableSandbox']);
    expect(calls.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect([...calls.listeners.keys()]).toEqual(
      expect.arrayContaining(['second-instance', 'web-contents-created', 'window-all-closed']),
    );

    calls.fireReady();
    await vi.waitFor(() => expect(calls.windows).toHaveLength(1));

    expect(calls.order).toEqual(['registerSchemes', 'enableSandbox', 'protocol.handle', 'window']);
    expect(calls.permissions.sort()).toEqual(['check', 'device', 'request']);
    expect(calls.handled.sort()).toEqual(Object.keys(DESKTOP_CHANNELS).sort());
    const window = calls.windows[0];
    expect(window?.url).toBe('app://fieldbook/index.html');
    expect(window?.shown).toBe(true);
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: {
        preload: '/opt/fieldbook/resources/app.asar/out/preload/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
  });

  it('guards every new WebContents', () => {
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    calls.listeners.get('web-contents-created')?.({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.on.mock.calls.map(([event]) => event)).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
  });

  it('serves app:// from the renderer folder inside the app and refuses traversal', async () => {
    const handler = calls.protocols.get('app');
    const response = await handler?.(new Request('app://fieldbook/..%2f..%2fpackage.json'));
    expect(response?.status).toBe(403);
  });
});
