import path from 'node:path';
import { isInternalUrl } from '../../shared/url-policy';

/** The file system calls the protocol needs; main passes asar-aware ones from node:fs. */
export interface AppProtocolFs {
  realpath(filePath: string): Promise<string>;
  stat(filePath: string): Promise<{ isFile(): boolean }>;
  readFile(filePath: string): Promise<Uint8Array>;
}

export type AppPathResolution =
  { kind: 'path'; path: string } | { kind: 'forbidden' } | { kind: 'not_found' };

export type AppFileResolution =
  { kind: 'file'; path: string } | { kind: 'forbidden' } | { kind: 'not_found' };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Maps `app://fieldbook/<path>` to a file under rootDir by text alone. Each decoded path segment
 * must be a plain name: `..`, encoded slashes or backslashes, NUL and drive letters are refused
 * before any path is joined, and the joined path must still lie inside rootDir.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): AppPathResolution {
  if (!isInternalUrl(requestUrl)) return { kind: 'forbidden' };
  let pathname: string;
  try {
    pathname = new URL(requestUrl).pathname;
  } catch {
    return { kind: 'forbidden' };
  }
  const rawSegments = pathname.split('/').filter((segment) => segment !== '');
  if (rawSegments.length === 0) rawSegments.push('index.html');
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'forbidden' };
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment))
      return { kind: 'forbidden' };
    segments.push(segment);
  }
  const root = path.resolve(rootDir);
  const candidate = path.resolve(root, ...segments);
  return isInside(root, candidate) ? { kind: 'path', path: candidate } : { kind: 'forbidden' };
}

/** Like resolveAppPath, then follows symlinks: a link pointing out of rootDir is refused. */
export async function resolveAppFile(
  rootDir: string,
  requestUrl: string,
  fs: AppProtocolFs,
): Promise<AppFileResolution> {
  const lexical = resolveAppPath(rootDir, requestUrl);
  if (lexical.kind !== 'path') return lexical;
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await fs.realpath(path.resolve(rootDir));
    realFile = await fs.realpath(lexical.path);
  } catch {
    return { kind: 'not_found' };
  }
  if (!isInside(realRoot, realFile)) return { kind: 'forbidden' };
  try {
    if (!(await fs.stat(realFile)).isFile()) return { kind: 'not_found' };
  } catch {
    return { kind: 'not_found' };
  }
  return { kind: 'file', path: realFile };
}

export interface AppProtocolOptions {
  rootDir: string;
  fs: AppProtocolFs;
  contentSecurityPolicy: string;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The handler for `protocol.handle('app', …)`: serves the built renderer only, with the app's
 * Content-Security-Policy as a header (stronger than the meta tag: it also covers workers).
 */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const securityHeaders = {
    'content-security-policy': options.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
  const plain = (status: number, text: string): Response =>
    new Response(text, {
      status,
      headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' },
    });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(405, 'Method Not Allowed');
    const resolved = await resolveAppFile(options.rootDir, request.url, options.fs);
    if (resolved.kind === 'forbidden') {
      options.log?.(`refused app:// request ${request.url.slice(0, 200)}`);
      return plain(403, 'Forbidden');
    }
    if (resolved.kind === 'not_found') return plain(404, 'Not Found');
    let body: Uint8Array;
    try {
      body = await options.fs.readFile(resolved.path);
    } catch (error) {
      options.log?.(`cannot read ${resolved.path}`, error);
      return plain(404, 'Not Found');
    }
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), {
      status: 200,
      headers: {
        ...securityHeaders,
        'content-type': contentTypeFor(resolved.path),
        'cache-control': 'no-cache',
      },
    });
  };
}
