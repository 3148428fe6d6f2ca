import {
  DESKTOP_METHODS,
  DesktopError,
  DesktopFailureSchema,
  type DesktopApi,
  type DesktopBridge,
  type DesktopMethod,
} from '../../shared/ipc';
import { emitToast } from './toast';

/** `{ok: true, value}` becomes the value; `{ok: false, error}` becomes a thrown DesktopError. */
export function unwrapEnvelope(envelope: unknown): unknown {
  if (
    typeof envelope === 'object' &&
    envelope !== null &&
    (envelope as { ok?: unknown }).ok === true
  ) {
    return (envelope as { value?: unknown }).value;
  }
  const failure = DesktopFailureSchema.safeParse(envelope);
  if (failure.success) throw new DesktopError(failure.data.error.code, failure.data.error.message);
  throw new DesktopError('internal', 'malformed answer from the desktop shell');
}

/** The DesktopApi over the preload's `window.fieldbook` bridge. */
export function createElectronDesktopApi(bridge: DesktopBridge): DesktopApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of Object.keys(DESKTOP_METHODS) as DesktopMethod[]) {
    const call = bridge[method] as (...args: unknown[]) => Promise<unknown>;
    api[method] = async (...args) => unwrapEnvelope(await call(...args));
  }
  const typed = api as unknown as DesktopApi;
  const notify = typed.notify;
  // An OS without a notification service still gets the notice, inside the app.
  typed.notify = async (message) => {
    try {
      await notify(message);
    } catch (error) {
      if (!(error instanceof DesktopError) || error.code !== 'notifications_unavailable')
        throw error;
      emitToast(message);
    }
  };
  return typed;
}

/** True when the object on `window.fieldbook` has every DesktopApi method. */
export function isDesktopBridge(candidate: unknown): candidate is DesktopBridge {
  if (typeof candidate !== 'object' || candidate === null) return false;
  return (Object.keys(DESKTOP_METHODS) as DesktopMethod[]).every(
    (method) => typeof (candidate as Record<string, unknown>)[method] === 'function',
  );
}
