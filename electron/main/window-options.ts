import type { BrowserWindowConstructorOptions } from 'electron';

/** Painted before the first frame, so the window does not flash white while the page loads. */
const WINDOW_BACKGROUND = '#f4f5f7';

/**
 * The one window. Each webPreferences line is a layer of the security model (docs/desktop-shell.md):
 * the page runs sandboxed in its own JavaScript world with no Node, and sees only the preload's
 * DesktopApi bridge.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Fieldbook',
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}
