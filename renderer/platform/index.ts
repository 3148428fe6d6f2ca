/**
 * The renderer's only door to the desktop: getDesktopApi() returns the Electron implementation
 * when the preload bridge is there, and the browser twin otherwise.
 */
import { DESKTOP_BRIDGE_GLOBAL, type DesktopApi } from '../../shared/ipc';
import { createBrowserDesktopApi } from './browser';
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

/** For tests: forget the chosen implementation so the next call picks again. */
export function resetDesktopApiForTests(): void {
  current = null;
}
