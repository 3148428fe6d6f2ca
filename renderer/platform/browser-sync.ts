import { createSyncHttp, type SyncFetch, type SyncHttp } from '../../shared/ipc-sync';
import type { BrowserSecretStore } from './browser-secrets';

/**
 * Sync requests for the browser build: fetch straight to the server (which must answer the CORS
 * preflight), the token in the browser's own secrets database, never in the app's data or
 * localStorage. The same code as Electron's main process runs, so both behave alike.
 */
export function createBrowserSync(secrets: BrowserSecretStore, fetchImpl?: SyncFetch): SyncHttp {
  return createSyncHttp({
    fetch: fetchImpl ?? ((url, init) => globalThis.fetch(url, init as RequestInit)),
    secrets,
    timeoutSignal: (ms) => AbortSignal.timeout(ms),
  });
}
