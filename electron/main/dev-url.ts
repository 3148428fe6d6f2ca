const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The dev server origin the window may load in development, or null. Only an unpackaged app, only
 * plain http on a loopback address with a port: an environment variable must never be able to
 * point the app at a remote page that would then get the DesktopApi.
 */
export function resolveDevOrigin(raw: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.port === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return null;
  return url.origin;
}
