/**
 * The built web app (out/renderer) served at the sync server's own address: a manager, or a rep on
 * a borrowed computer, opens the server's address in a browser and needs no install. Same origin
 * as the API, so the app's requests go to `/v1/…` with no CORS; every page carries a strict CSP
 * (shared/csp.ts narrowed to this origin: no inline script, no eval, no other host). The token is
 * the app's own business (docs/sync-protocol.md §3, "In a browser"): it travels as a Bearer
 * header, never a cookie, so this server never authenticates a request by what the browser
 * attaches by itself.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const WEB_APP_DIR = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
export const BUILD_HINT =
  'The web app is not built, so this server serves only the sync API; run `npm run build:renderer` and restart it.';

/** The app's policy, with network limited to this origin (the API is here). */
export const WEB_APP_CSP = CONTENT_SECURITY_POLICY.split('; ')
  .map((d) => (d.startsWith('connect-src') ? "connect-src 'self'" : d))
  .concat(["frame-ancestors 'none'"])
  .join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * GET and HEAD of any path outside `/v1/`: the file under `dir`, else index.html (the app routes
 * by hash, so only `/` really needs it). When the build is missing, says so in one line at
 * startup and on `/`.
 */
export async function registerWebApp(
  app: FastifyInstance,
  dir: string = WEB_APP_DIR,
): Promise<void> {
  const root = resolve(dir);
  const built = await isFile(resolve(root, 'index.html'));
  if (!built) app.log.warn(BUILD_HINT);
  app.get('/*', async (request, reply) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0]!);
    } catch {
      // A broken %-escape names nothing here: the API's own 404, never a 5xx.
      return reply.callNotFound();
    }
    // The API's paths (any protocol version) keep the API's own answers.
    if (/^\/v\d+(\/|$)/.test(path)) return reply.callNotFound();
    reply
      .header('content-security-policy', WEB_APP_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY');
    // Not a server fault: there is nothing here until the app is built (so 404, never a 5xx).
    // The page's own address says how to build it; any other path gets the API's 404.
    if (!built) {
      if (path !== '/' && path !== '/index.html') return reply.callNotFound();
      return reply.code(404).type('text/plain; charset=utf-8').send(`${BUILD_HINT}\n`);
    }
    let file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) return reply.callNotFound();
    if (path.endsWith('/') || !(await isFile(file))) {
      if (extname(path) !== '' && path !== '/') return reply.callNotFound();
      file = resolve(root, 'index.html');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // Hashed assets never change; the page itself is always asked for again.
    const cache = file.includes(`${sep}assets${sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache';
    return reply
      .type(type)
      .header('cache-control', cache)
      .send(await readFile(file));
  });
}
