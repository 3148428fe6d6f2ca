import type { WebContents } from 'electron';
import { isInternalUrl, toSafeExternalUrl } from '../../shared/url-policy';

export interface NavigationPolicy {
  /** The local dev server's origin in development, else null. */
  devOrigin: string | null;
  /** Opens an already checked http(s) link in the OS browser. */
  openExternal: (safeUrl: string) => void;
  log?: (message: string) => void;
}

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** The window stays on the app's own origin; anything else is refused. */
function mayNavigate(url: string, devOrigin: string | null): boolean {
  return isInternalUrl(url, devOrigin);
}

/**
 * Deny-by-default for every WebContents: navigation and redirects leave the app origin never, new
 * windows are never created, <webview> is never attached. A safe http(s) link the rep clicked
 * goes to the OS browser instead, where it runs without the app's privileges.
 */
export function installNavigationGuards(contents: GuardedContents, policy: NavigationPolicy): void {
  const handOver = (url: string): void => {
    const safeUrl = toSafeExternalUrl(url);
    if (safeUrl !== null) policy.openExternal(safeUrl);
    else policy.log?.(`refused to open ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event, url) => {
    if (mayNavigate(url, policy.devOrigin)) return;
    event.preventDefault();
    handOver(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url, policy.devOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    handOver(url);
    return { action: 'deny' };
  });
}
