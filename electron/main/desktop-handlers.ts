import { app, dialog, Notification, shell, type BrowserWindow } from 'electron';
import { DesktopError } from '../../shared/ipc';
import { openExternalUrl } from './external-links';
import { openFileWithDialog, saveFileWithDialog, type FileDialogs } from './file-dialogs';
import type { DesktopHandlers } from './ipc-gate';
import type { SecretStore } from './secret-store';
import { createDurableHandlers } from './durable-handlers';
import { createSyncHandlers } from './sync-handlers';
import { printToPdfWithDialog } from './print-pdf';

export interface DesktopHandlerDeps {
  secrets: SecretStore;
  /** The app window, so dialogs open modal to it; null while it is closed. */
  getWindow: () => BrowserWindow | null;
  log?: (message: string, error?: unknown) => void;
  /** Where the journal and backups live; the app's userData folder by default. */
  dataDir?: string;
}

/** Thin wiring from each DesktopApi channel to Electron; the logic is in the modules it calls. */
export function createDesktopHandlers(deps: DesktopHandlerDeps): DesktopHandlers {
  const dialogs: FileDialogs = {
    showSaveDialog: (options) => {
      const window = deps.getWindow();
      return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
    },
    showOpenDialog: (options) => {
      const window = deps.getWindow();
      return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
    },
  };
  const fileDeps = () => ({ dialogs, defaultDir: app.getPath('documents'), log: deps.log });

  return {
    'app:info': () => ({
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron ?? null,
    }),
    'secrets:get': (key) => deps.secrets.get(key),
    'secrets:set': (key, value) => deps.secrets.set(key, value),
    'secrets:delete': (key) => deps.secrets.delete(key),
    'notify:show': ({ title, body }) => {
      if (!Notification.isSupported()) {
        throw new DesktopError('notifications_unavailable', 'the OS shows no notifications');
      }
      new Notification({ title, body }).show();
    },
    'file:save': (request) => saveFileWithDialog(request, fileDeps()),
    'file:open': (request) => openFileWithDialog(request, fileDeps()),
    'shell:open-external': (url) => openExternalUrl(url, (safeUrl) => shell.openExternal(safeUrl)),
    'visit:print-pdf': (request) =>
      printToPdfWithDialog(request, {
        ...fileDeps(),
        getContents: () => deps.getWindow()?.webContents ?? null,
      }),
    ...createSyncHandlers({ secrets: deps.secrets }),
    ...createDurableHandlers({ dataDir: deps.dataDir ?? app.getPath('userData'), log: deps.log }),
  };
}
