import { describe, expect, it, vi } from 'vitest';
import { resolveDevOrigin } from '../../../electron/main/dev-url';
import { openExternalUrl } from '../../../electron/main/external-links';
import { installNavigationGuards, type GuardedContents } from '../../../electron/main/navigation';
import { denyAllPermissions, type PermissionSession } from '../../../electron/main/permissions';
import { mainWindowOptions } from '../../../electron/main/window-options';
import { buildDesktopBridge } from '../../../electron/preload/bridge';
import { DESKTOP_METHODS } from '../../../shared/ipc';

type Listener = (event: { preventDefault: () => void }, url?: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const fire = (name: string, url?: string) => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)?.(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return {
    contents: contents as unknown as GuardedContents,
    navigate: (url: string) => fire('will-navigate', url),
    redirect: (url: string) => fire('will-redirect', url),
    attachWebview: () => fire('will-attach-webview'),
    openWindow: (url: string) => openHandler?.({ url }),
  };
}

describe('navigation guards: the window never leaves the app origin', () => {
  it('lets the app navigate within its own origin', () => {
    const page = fakeContents();
    installNavigationGuards(page.contents, { devOrigin: null, openExternal: vi.fn() });
    expect(page.navigate('app://fieldbook/index.html#/clients')).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'app://fieldbook.evil/',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('prevents navigation to %s', (url) => {
    const page = fakeContents();
    installNavigationGuards(page.contents, { devOrigin: null, openExternal: vi.fn() });
    expect(page.navigate(url)).toBe(true);
  });

  it('hands a safe clicked link to the OS browser and an unsafe one to nobody', () => {
    const openExternal = vi.fn();
    const page = fakeContents();
    installNavigationGuards(page.contents, { devOrigin: null, openExternal });
    page.navigate('https://example.com/catalog');
    page.navigate('file:///etc/passwd');
    page.navigate('https://bank.example@evil.example/');
    expect(openExternal.mock.calls).toEqual([['https://example.com/catalog']]);
  });

  it('denies every new window, opening only safe links externally', () => {
    const openExternal = vi.fn();
    const page = fakeContents();
    installNavigationGuards(page.contents, { devOrigin: null, openExternal });
    expect(page.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(page.openWindow('app://fieldbook/index.html')).toEqual({ action: 'deny' });
    expect(page.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
  });

  it('prevents redirects to foreign origins and every <webview>', () => {
    const page = fakeContents();
    installNavigationGuards(page.contents, { devOrigin: null, openExternal: vi.fn() });
    expect(page.redirect('https://evil.example/')).toBe(true);
    expect(page.redirect('app://fieldbook/index.html')).toBe(false);
    expect(page.attachWebview()).toBe(true);
  });

  it('allows the dev server origin only when it was configured', () => {
    const page = fakeContents();
    installNavigationGuards(page.contents, {
      devOrigin: 'http://127.0.0.1:5173',
      openExternal: vi.fn(),
    });
    expect(page.navigate('http://127.0.0.1:5173/')).toBe(false);
    expect(page.navigate('http://127.0.0.1:5174/')).toBe(true);
  });
});

describe('permissions: the renderer is granted nothing', () => {
  it('denies every request and every check, including notifications', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    let device: ((...args: unknown[]) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
    };
    denyAllPermissions(session as unknown as PermissionSession);
    for (const permission of [
      'notifications',
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check?.({}, permission, 'app://fieldbook', {})).toBe(false);
    }
    expect(device?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('dev server URL: only a loopback http server of an unpackaged app', () => {
  it('accepts the local Vite server in development', () => {
    expect(resolveDevOrigin('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(resolveDevOrigin('http://localhost:5173/', false)).toBe('http://localhost:5173');
  });

  it('ignores the variable entirely in a packaged app', () => {
    expect(resolveDevOrigin('http://127.0.0.1:5173', true)).toBeNull();
  });

  it.each([
    'https://evil.example:5173',
    'http://evil.example:5173',
    'http://127.0.0.1.evil.example:5173',
    'http://127.0.0.1',
    'http://user:pw@127.0.0.1:5173',
    'http://127.0.0.1:5173/some/page',
    'file:///tmp/index.html',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('refuses %s', (raw) => {
    expect(resolveDevOrigin(raw, false)).toBeNull();
  });
});

describe('window options', () => {
  it('turn on every isolation layer and turn off Node in the page', () => {
    const options = mainWindowOptions('/app/out/preload/preload.cjs');
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('openExternalUrl', () => {
  it('opens the normalized safe link', async () => {
    const opener = vi.fn(async () => undefined);
    await openExternalUrl('HTTPS://Example.com', opener);
    expect(opener).toHaveBeenCalledWith('https://example.com/');
  });

  it.each(['file:///C:/Windows/System32/calc.exe', 'ms-settings:', 'https://a@b.example/', 42])(
    'refuses %j with unsafe_url and never calls the opener',
    async (url) => {
      const opener = vi.fn(async () => undefined);
      await expect(openExternalUrl(url, opener)).rejects.toMatchObject({ code: 'unsafe_url' });
      expect(opener).not.toHaveBeenCalled();
    },
  );
});

describe('preload bridge', () => {
  it('exposes exactly the DesktopApi methods, each invoking its own channel', async () => {
    const invoke = vi.fn(async (channel: string, ...args: unknown[]) => ({
      ok: true,
      value: [channel, args],
    }));
    const bridge = buildDesktopBridge(invoke);
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(DESKTOP_METHODS).sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    await bridge.setSecret('k', 'v');
    expect(invoke).toHaveBeenLastCalledWith('secrets:set', 'k', 'v');
    await bridge.appInfo();
    expect(invoke).toHaveBeenLastCalledWith('app:info');
  });
});
