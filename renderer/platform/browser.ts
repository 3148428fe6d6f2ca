import { version as packageVersion } from '../../package.json';
import {
  DESKTOP_CHANNELS,
  DesktopError,
  type DesktopApi,
  type DesktopArgs,
  type DesktopChannel,
} from '../../shared/ipc';
import type { SyncFetch } from '../../shared/ipc-sync';
import { toSafeExternalUrl } from '../../shared/url-policy';
import { createBrowserDurableStore, type BrowserDurableDeps } from './browser-durable';
import { downloadTextFile, pickFile, readPickedFile } from './browser-files';
import { createIndexedDbSecretStore, type BrowserSecretStore } from './browser-secrets';
import { createBrowserSync } from './browser-sync';
import { emitToast } from './toast';

export interface BrowserDesktopDeps {
  secrets?: BrowserSecretStore;
  /** Where links open and downloads start; the page's own window by default. */
  window?: Window;
  /** How sync requests reach the server; the page's fetch by default. */
  syncFetch?: SyncFetch;
  /** Where the journal and backups live; the origin private file system by default. */
  durable?: BrowserDurableDeps;
}

/** Same contract checks as the Electron gate, so the browser build fails the same way. */
function checkArgs<C extends DesktopChannel>(channel: C, args: unknown[]): DesktopArgs<C> {
  const parsed = DESKTOP_CHANNELS[channel].args.safeParse(args);
  if (!parsed.success) {
    throw new DesktopError('invalid_request', parsed.error.issues[0]?.message ?? 'invalid request');
  }
  return parsed.data as DesktopArgs<C>;
}

function showSystemNotification(win: Window, title: string, body: string): boolean {
  const NotificationClass = (win as Window & { Notification?: typeof Notification }).Notification;
  if (NotificationClass === undefined || NotificationClass.permission !== 'granted') return false;
  try {
    new NotificationClass(title, { body });
    return true;
  } catch {
    // Some browsers allow notifications only from a service worker.
    return false;
  }
}

/**
 * The DesktopApi for a plain browser: how the whole app runs under Playwright and in demos. It
 * never asks for permissions itself; without one, notices become in-app toasts.
 */
export function createBrowserDesktopApi(deps: BrowserDesktopDeps = {}): DesktopApi {
  const secrets = deps.secrets ?? createIndexedDbSecretStore();
  const win = deps.window ?? window;
  const sync = createBrowserSync(secrets, deps.syncFetch);
  const durable = createBrowserDurableStore(deps.durable);

  return {
    async appInfo() {
      return { version: packageVersion, platform: 'web', electron: null };
    },
    async getSecret(...args) {
      const [key] = checkArgs('secrets:get', args);
      return secrets.get(key);
    },
    async setSecret(...args) {
      const [key, value] = checkArgs('secrets:set', args);
      await secrets.set(key, value);
    },
    async deleteSecret(...args) {
      const [key] = checkArgs('secrets:delete', args);
      await secrets.delete(key);
    },
    async notify(...args) {
      const [{ title, body }] = checkArgs('notify:show', args);
      if (!showSystemNotification(win, title, body)) emitToast({ title, body });
    },
    async saveFile(...args) {
      const [request] = checkArgs('file:save', args);
      downloadTextFile(request, win.document);
      return { saved: true };
    },
    async openFile(...args) {
      const [request] = checkArgs('file:open', args);
      const file = await pickFile(request, win.document);
      return file === null ? null : readPickedFile(file, request);
    },
    async openExternal(...args) {
      const [url] = checkArgs('shell:open-external', args);
      const safeUrl = toSafeExternalUrl(url);
      if (safeUrl === null) throw new DesktopError('unsafe_url', 'link refused by the URL check');
      win.open(safeUrl, '_blank', 'noopener,noreferrer');
    },
    async syncSignIn(...args) {
      const [request] = checkArgs('sync:sign-in', args);
      return sync.signIn(request);
    },
    async syncSignOut(...args) {
      checkArgs('sync:sign-out', args);
      await sync.signOut();
    },
    async syncRequest(...args) {
      const [request] = checkArgs('sync:http', args);
      return sync.request(request);
    },
    // The journal and backups, in the origin private file system (browser-durable.ts).
    journalAppend: async (...args) => durable.journalAppend(...checkArgs('journal:append', args)),
    journalRead: async (...args) => durable.journalRead(...checkArgs('journal:read', args)),
    journalAck: async (...args) => durable.journalAck(...checkArgs('journal:ack', args)),
    journalCompact: async (...args) =>
      durable.journalCompact(...checkArgs('journal:compact', args)),
    backupWrite: async (...args) => durable.backupWrite(...checkArgs('backup:write', args)),
    backupList: async (...args) => durable.backupList(...checkArgs('backup:list', args)),
    backupRead: async (...args) => durable.backupRead(...checkArgs('backup:read', args)),
    diskSpace: async (...args) => durable.diskSpace(...checkArgs('disk:space', args)),
  };
}
