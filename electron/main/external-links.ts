import { DesktopError } from '../../shared/ipc';
import { toSafeExternalUrl } from '../../shared/url-policy';

/**
 * Hands a link to the OS browser only after the shared URL check, and always the normalized form,
 * so what is opened is exactly what was checked (never file:, javascript: or a custom scheme
 * whose handler could run a program).
 */
export async function openExternalUrl(
  url: unknown,
  opener: (safeUrl: string) => Promise<void>,
): Promise<void> {
  const safeUrl = toSafeExternalUrl(url);
  if (safeUrl === null) throw new DesktopError('unsafe_url', 'link refused by the URL check');
  await opener(safeUrl);
}
