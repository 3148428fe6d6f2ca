/**
 * What went wrong with a save, in the rep's words: IndexedDB's refusals (QuotaExceededError,
 * AbortError, UnknownError, a Dexie BulkError wrapping them) and a record the schema refused
 * become sentences of `desktop.storage.*`; a desktop error its `desktop.errors.*`. Never the raw
 * exception (issue 15 saw «The transaction was aborted…» and «Invalid clients record…»).
 */
import type { TFunction } from 'i18next';
import { desktopErrorMessageKey, isDesktopError } from '../platform';

function namesOf(error: unknown, depth = 0): string {
  if (typeof error !== 'object' || error === null || depth > 3) return '';
  const e = error as {
    name?: unknown;
    message?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  const parts = [String(e.name ?? ''), String(e.message ?? '')];
  parts.push(namesOf(e.inner, depth + 1), namesOf(e.cause, depth + 1));
  if (Array.isArray(e.failures)) for (const f of e.failures) parts.push(namesOf(f, depth + 1));
  return parts.join(' ');
}

type StorageFailure = 'disk_full' | 'refused';

/** Whether the error is the browser's storage refusing a write, and how. */
function storageFailureOf(error: unknown): StorageFailure | null {
  const names = namesOf(error);
  if (/QuotaExceeded|disk is full|ENOSPC/i.test(names)) return 'disk_full';
  if (/AbortError|UnknownError|backing store|DatabaseClosed|InvalidStateError/.test(names))
    return 'refused';
  return null;
}

/** The reason to put after «Не удалось сохранить: …», in the rep's language. */
export function repFacingReason(error: unknown, t: TFunction): string {
  if (isDesktopError(error)) return t(desktopErrorMessageKey(error));
  const storage = storageFailureOf(error);
  if (storage) return t(`desktop.storage.${storage}`);
  const issues = (error as { code?: unknown; issues?: unknown } | null)?.issues;
  if ((error as { code?: unknown } | null)?.code === 'validation' && Array.isArray(issues)) {
    const long = issues.find(
      (i: { code?: string; maximum?: unknown }) => i.code === 'too_big' && i.maximum !== undefined,
    ) as { maximum: number } | undefined;
    return long
      ? t('desktop.storage.too_long', { max: Number(long.maximum) })
      : t('desktop.storage.invalid');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A storage refusal or a refused record as an Error whose message is the rep-facing reason (for
 * callers that show `(e as Error).message`); any other error is handed on as it is, so checks
 * such as `instanceof` still see it.
 */
export function explained(error: unknown, t: TFunction): unknown {
  const validation = (error as { code?: unknown } | null)?.code === 'validation';
  if (isDesktopError(error) || (!validation && !storageFailureOf(error))) return error;
  const plain = new Error(repFacingReason(error, t));
  (plain as Error & { cause?: unknown }).cause = error;
  return plain;
}
