import { mkdtemp, mkdir, rm, symlink, writeFile, readFile, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAppProtocolHandler,
  resolveAppFile,
  resolveAppPath,
} from '../../../electron/main/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp';

const realFs = { realpath, stat, readFile };
let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'fieldbook-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Fieldbook</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'a b.css'), 'body{}');
  await writeFile(path.join(base, 'secret.txt'), 'outside the renderer folder');
  await mkdir(path.join(base, 'renderer-evil'));
  await writeFile(path.join(base, 'renderer-evil', 'x.js'), 'sibling with a common prefix');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'link-out.txt'));
  await symlink(path.join(root, 'index.html'), path.join(root, 'link-in.html'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app:// file resolver: serves the built renderer and nothing else', () => {
  it('maps the origin root to index.html and asset paths to files under the root', async () => {
    await expect(resolveAppFile(root, 'app://fieldbook/', realFs)).resolves.toEqual({
      kind: 'file',
      path: await realpath(path.join(root, 'index.html')),
    });
    await expect(
      resolveAppFile(root, 'app://fieldbook/assets/index-abc.js?v=1#x', realFs),
    ).resolves.toMatchObject({
      kind: 'file',
    });
    await expect(
      resolveAppFile(root, 'app://fieldbook/assets/a%20b.css', realFs),
    ).resolves.toMatchObject({
      kind: 'file',
    });
  });

  it.each([
    '/../secret.txt',
    '/../../../../etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%255csecret.txt',
    '/../renderer-evil/x.js',
    '//etc/passwd',
    '/%2Fetc%2Fpasswd',
    '/C:%5cWindows%5cwin.ini',
    '/C:/Windows/win.ini',
    '/index.html%00.png',
    '/%E0%A4%A',
  ])('never reaches outside the root for %s', async (requestPath) => {
    const result = await resolveAppFile(root, `app://fieldbook${requestPath}`, realFs);
    expect(['forbidden', 'not_found']).toContain(result.kind);
  });

  it('refuses encoded separators and dot segments by name, before touching the disk', () => {
    expect(resolveAppPath(root, 'app://fieldbook/..%2fsecret.txt')).toEqual({ kind: 'forbidden' });
    expect(resolveAppPath(root, 'app://fieldbook/a%5c..%5c..%5csecret.txt')).toEqual({
      kind: 'forbidden',
    });
    expect(resolveAppPath(root, 'app://fieldbook/%2e%2e%2f')).toEqual({ kind: 'forbidden' });
    expect(resolveAppPath(root, 'app://fieldbook/index.html%00')).toEqual({ kind: 'forbidden' });
  });

  it.each([
    'app://fieldbook.evil/index.html',
    'app://evil/index.html',
    'app://user@fieldbook/index.html',
    'https://fieldbook/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses a request for another origin: %s', async (url) => {
    await expect(resolveAppFile(root, url, realFs)).resolves.toEqual({ kind: 'forbidden' });
  });

  it('refuses a symlink inside the root that points outside it', async () => {
    await expect(resolveAppFile(root, 'app://fieldbook/link-out.txt', realFs)).resolves.toEqual({
      kind: 'forbidden',
    });
  });

  it('follows a symlink that stays inside the root', async () => {
    await expect(
      resolveAppFile(root, 'app://fieldbook/link-in.html', realFs),
    ).resolves.toMatchObject({
      kind: 'file',
    });
  });

  it('answers not_found for a missing file and for a folder', async () => {
    await expect(resolveAppFile(root, 'app://fieldbook/missing.js', realFs)).resolves.toEqual({
      kind: 'not_found',
    });
    await expect(resolveAppFile(root, 'app://fieldbook/assets', realFs)).resolves.toEqual({
      kind: 'not_found',
    });
  });
});

describe('app:// protocol handler', () => {
  const handler = () =>
    createAppProtocolHandler({
      rootDir: root,
      fs: realFs,
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    });

  it('serves index.html with the CSP header, a content type and nosniff', async () => {
    const response = await handler()(new Request('app://fieldbook/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Fieldbook</title>');
  });

  it('serves scripts as JavaScript so the module loader accepts them', async () => {
    const response = await handler()(new Request('app://fieldbook/assets/index-abc.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing file', async () => {
    const response = await handler()(new Request('app://fieldbook/nope.js'));
    expect(response.status).toBe(404);
  });

  it('answers 403 for a path that escapes the root, with no file content', async () => {
    const response = await handler()(new Request('app://fieldbook/..%2fsecret.txt'));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('outside the renderer folder');
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    const response = await handler()(
      new Request('app://fieldbook/index.html', { method: 'POST', body: 'x' }),
    );
    expect(response.status).toBe(405);
  });
});
