/**
 * The renderer's only door to the desktop: getDesktopApi() returns the Electron implementation
 * when the preload bridge is there, and the browser twin otherwise.
 */
import { DESKTOP_BRIDGE_GLOBAL, type DesktopApi } from '../../shared/ipc';
import { createBrowserDesktopApi } from './browser';
import { hasOriginPrivateFileSystem, type DurableStore } from './browser-durable';
import { createElectronDesktopApi, isDesktopBridge } from './electron-api';

export type { AppInfo, DesktopApi, OpenedFile, SaveFileResult } from '../../shared/ipc';
export {
  DesktopError,
  isDesktopError,
  desktopErrorMessageKey,
  type DesktopErrorCode,
} from './errors';
export { onToast, type Toast, type ToastListener } from './toast';

let current: DesktopApi | null = null;

export function getDesktopApi(): DesktopApi {
  if (current === null) {
    const bridge = (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_GLOBAL];
    current = isDesktopBridge(bridge)
      ? createElectronDesktopApi(bridge)
      : createBrowserDesktopApi();
  }
  return current;
}

/**
 * The durable store (journal, backups, free space) when there is one: the desktop's, or the
 * browser's in the origin private file system; null where neither exists (an old desktop shell,
 * a browser without OPFS), so the app says there is no second copy instead of failing on it.
 */
export function getDurableStore(): DurableStore | null {
  const api = getDesktopApi();
  const bridge = (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_GLOBAL];
  if (!isDesktopBridge(bridge) && !hasOriginPrivateFileSystem()) return null;
  const methods = [
    api.journalAppend,
    api.journalRead,
    api.journalAck,
    api.journalCompact,
    api.backupWrite,
    api.backupList,
    api.backupRead,
    api.diskSpace,
  ];
  return methods.every((m) => typeof m === 'function') ? (api as DurableStore) : null;
}

/** For tests: forget the chosen implementation so the next call picks again. */
export function resetDesktopApiForTests(): void {
  current = null;
}
