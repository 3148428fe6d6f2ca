import { createSyncHttp, type SyncFetch } from '../../shared/ipc-sync';
import type { DesktopHandlers } from './ipc-gate';
import type { SecretStore } from './secret-store';

export interface SyncHandlerDeps {
  /** The safeStorage-backed store: the device token is encrypted with the OS keychain. */
  secrets: SecretStore;
  fetch?: SyncFetch;
}

type SyncChannels = 'sync:sign-in' | 'sync:sign-out' | 'sync:http';

/**
 * The main process makes every sync HTTP call itself: it keeps the device token and the server
 * address it was issued for, so the renderer can neither read the token nor send it elsewhere.
 */
export function createSyncHandlers(deps: SyncHandlerDeps): Pick<DesktopHandlers, SyncChannels> {
  const http = createSyncHttp({
    fetch: deps.fetch ?? (globalThis.fetch as unknown as SyncFetch),
    secrets: deps.secrets,
    timeoutSignal: (ms) => AbortSignal.timeout(ms),
  });
  return {
    'sync:sign-in': (request) => http.signIn(request),
    'sync:sign-out': () => http.signOut(),
    'sync:http': (request) => http.request(request),
  };
}
