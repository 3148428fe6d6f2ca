import { DesktopError, isDesktopError, type DesktopErrorCode } from '../../shared/ipc';

export { DesktopError, isDesktopError, type DesktopErrorCode };

/** The i18n key of the rep-facing text for a desktop error, e.g. `desktop.errors.no_secret_store`. */
export function desktopErrorMessageKey(error: unknown): `desktop.errors.${DesktopErrorCode}` {
  return `desktop.errors.${isDesktopError(error) ? error.code : 'internal'}`;
}
