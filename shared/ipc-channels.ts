/**
 * The DesktopApi's method names and their IPC channels, kept free of zod so the sandboxed preload
 * bundles nothing but this table. The schemas for each channel are in shared/ipc.ts.
 */
export const DESKTOP_METHODS = {
  appInfo: 'app:info',
  getSecret: 'secrets:get',
  setSecret: 'secrets:set',
  deleteSecret: 'secrets:delete',
  notify: 'notify:show',
  saveFile: 'file:save',
  openFile: 'file:open',
  openExternal: 'shell:open-external',
  syncSignIn: 'sync:sign-in',
  syncSignOut: 'sync:sign-out',
  syncRequest: 'sync:http',
  // The durable copy of unsynced work outside IndexedDB (electron/main/journal.ts), and backups.
  journalAppend: 'journal:append',
  journalRead: 'journal:read',
  journalAck: 'journal:ack',
  journalCompact: 'journal:compact',
  backupWrite: 'backup:write',
  backupList: 'backup:list',
  backupRead: 'backup:read',
  // Free space where the journal and backups live, to warn the rep before writes fail.
  diskSpace: 'disk:space',
  // A finished visit's report, printed by the desktop to a PDF the rep saves (the browser prints).
  printToPdf: 'visit:print-pdf',
} as const;

/** Methods only the desktop has: the browser build does the same thing its own way (window.print). */
export const DESKTOP_ONLY_METHODS = [
  'printToPdf',
] as const satisfies readonly (keyof typeof DESKTOP_METHODS)[];
export type DesktopOnlyMethod = (typeof DESKTOP_ONLY_METHODS)[number];

/**
 * Methods the browser build does not implement yet (its twins: the origin private file system,
 * navigator.storage.estimate()): optional in DesktopApi until it does, so callers check for them.
 */
export const DURABLE_STORE_METHODS = [
  'journalAppend',
  'journalRead',
  'journalAck',
  'journalCompact',
  'backupWrite',
  'backupList',
  'backupRead',
  'diskSpace',
] as const satisfies readonly (keyof typeof DESKTOP_METHODS)[];
export type DurableStoreMethod = (typeof DURABLE_STORE_METHODS)[number];

export type DesktopMethod = keyof typeof DESKTOP_METHODS;
export type DesktopChannel = (typeof DESKTOP_METHODS)[DesktopMethod];

/** The preload exposes the bridge as `window.fieldbook`. */
export const DESKTOP_BRIDGE_GLOBAL = 'fieldbook';
