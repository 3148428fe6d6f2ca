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
} as const;

export type DesktopMethod = keyof typeof DESKTOP_METHODS;
export type DesktopChannel = (typeof DESKTOP_METHODS)[DesktopMethod];

/** The preload exposes the bridge as `window.fieldbook`. */
export const DESKTOP_BRIDGE_GLOBAL = 'fieldbook';
