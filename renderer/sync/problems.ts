/**
 * Every way a sync can fail, as a problem the rep reads (features/sync/texts.ts `problems.<code>`)
 * and what the engine does next: back off and retry, retry much later, or wait for the rep.
 */
import { isDesktopError } from '../../shared/ipc';
import { LOCAL_SYNC_ERRORS } from '../../shared/ipc-sync';
import { clientActionFor } from '../../shared/sync/protocol';
import { isSyncHttpError } from './transport';

export const SYNC_PROBLEMS = [
  'offline',
  'unreachable',
  'not_a_server',
  'invalid_server_url',
  'sign_in_again',
  'wrong_credentials',
  'update_app',
  'server_outdated',
  'busy',
  'server_error',
  'no_secret_store',
  'app_error',
] as const;
type SyncProblemCode = (typeof SYNC_PROBLEMS)[number];

export interface SyncProblem {
  code: SyncProblemCode;
  /** For support and logs (an error code or message); never shown alone. */
  detail?: string;
}

type RetryPolicy =
  | { kind: 'backoff'; retryAfterMs?: number }
  | { kind: 'later'; afterMs: number }
  /** Nothing happens until the rep acts (signs in, fixes the address). */
  | { kind: 'wait_for_rep' };

export interface Diagnosis {
  problem: SyncProblem;
  retry: RetryPolicy;
}

const HOUR = 60 * 60_000;

export function diagnose(error: unknown, online = true): Diagnosis {
  if (isSyncHttpError(error)) {
    const detail = `${error.status} ${error.code}`;
    if (error.code === LOCAL_SYNC_ERRORS.network) {
      return {
        problem: { code: online ? 'unreachable' : 'offline', detail },
        retry: { kind: 'backoff' },
      };
    }
    if (error.code === LOCAL_SYNC_ERRORS.invalidServerUrl) {
      return { problem: { code: 'invalid_server_url', detail }, retry: { kind: 'wait_for_rep' } };
    }
    if (
      error.code === LOCAL_SYNC_ERRORS.badResponse ||
      error.code === LOCAL_SYNC_ERRORS.responseTooLarge
    ) {
      return { problem: { code: 'not_a_server', detail }, retry: { kind: 'backoff' } };
    }
    if (error.code === 'invalid_credentials') {
      return { problem: { code: 'wrong_credentials', detail }, retry: { kind: 'wait_for_rep' } };
    }
    switch (clientActionFor(error.code)) {
      case 'sign_in':
        return { problem: { code: 'sign_in_again', detail }, retry: { kind: 'wait_for_rep' } };
      case 'upgrade_app':
        return { problem: { code: 'update_app', detail }, retry: { kind: 'later', afterMs: HOUR } };
      case 'wait_for_server':
        return {
          problem: { code: 'server_outdated', detail },
          retry: { kind: 'later', afterMs: HOUR / 4 },
        };
      case 'retry_later': {
        const code =
          error.code === 'rate_limited'
            ? 'busy'
            : error.status >= 500
              ? 'server_error'
              : 'app_error';
        const retryAfterMs = error.extra.retryAfterMs;
        return {
          problem: { code, detail },
          retry: { kind: 'backoff', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
        };
      }
      default:
        return { problem: { code: 'app_error', detail }, retry: { kind: 'backoff' } };
    }
  }
  if (isDesktopError(error)) {
    if (error.code === 'no_secret_store') {
      return {
        problem: { code: 'no_secret_store', detail: error.code },
        retry: { kind: 'wait_for_rep' },
      };
    }
    return { problem: { code: 'app_error', detail: error.code }, retry: { kind: 'backoff' } };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    problem: { code: 'app_error', detail: detail.slice(0, 300) },
    retry: { kind: 'backoff' },
  };
}
