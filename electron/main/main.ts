/**
 * The Electron main process: lifecycle and wiring only. Every decision (which URL is ours, which
 * file may be served, which IPC call is allowed) lives in a pure, tested module beside this one.
 */
import { app, BrowserWindow, ipcMain, protocol, session, safeStorage, shell } from 'electron';
import { promises as fsPromises, readFile, realpath, stat } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { APP_ENTRY_URL, APP_SCHEME, isInternalUrl } from '../../shared/url-policy';
import { createDesktopHandlers } from './desktop-handlers';
import { resolveDevOrigin } from './dev-url';
import { createIpcGate } from './ipc-gate';
import { installNavigationGuards } from './navigation';
import { denyAllPermissions } from './permissions';
import { createAppProtocolHandler } from './protocol';
import { createSecretStore } from './secret-store';
import { mainWindowOptions } from './window-options';

const log = (message: string, error?: unknown): void => {
  if (error === undefined) console.warn(`[fieldbook] ${message}`);
  else console.warn(`[fieldbook] ${message}`, error);
};

// Must happen before 'ready': a standard, secure scheme gets a real origin, so IndexedDB, fetch and
// the CSP 'self' work for app://fieldbook as they would for an https site.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

const devOrigin = resolveDevOrigin(process.env.FIELDBOOK_DEV_URL, app.isPackaged);
if (process.env.FIELDBOOK_DEV_URL && devOrigin === null) {
  log('FIELDBOOK_DEV_URL ignored: only http on a loopback address, unpackaged, is allowed');
}

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const preloadPath = path.join(app.getAppPath(), 'out', 'preload', 'preload.cjs');
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(devOrigin !== null ? `${devOrigin}/` : APP_ENTRY_URL);
  return window;
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// A field laptop double-clicks a lot: a second copy would race the first over IndexedDB.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);

  // Every WebContents, including any the page might manage to create, gets the same guards.
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuards(contents, {
      devOrigin,
      openExternal: (safeUrl) => void shell.openExternal(safeUrl),
      log,
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);

    // Callback fs functions wrapped with promisify: Electron's asar support patches these.
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rootDir: path.join(app.getAppPath(), 'out', 'renderer'),
        fs: { realpath: promisify(realpath), stat: promisify(stat), readFile: promisify(readFile) },
        contentSecurityPolicy: CONTENT_SECURITY_POLICY,
        log,
      }),
    );

    const secrets = createSecretStore({
      filePath: path.join(app.getPath('userData'), 'secrets.json'),
      cipher: safeStorage,
      platform: process.platform,
      fs: fsPromises,
      log,
    });
    createIpcGate({
      handlers: createDesktopHandlers({ secrets, getWindow: () => mainWindow, log }),
      isTrustedSenderUrl: (url) => isInternalUrl(url, devOrigin),
      log,
    }).register(ipcMain);

    mainWindow = createMainWindow();
  });
}
