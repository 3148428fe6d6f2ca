import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESKTOP_METHODS } from '../../../shared/ipc';

const root = path.resolve(import.meta.dirname, '../../..');
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bundle-'));
  execFileSync(process.execPath, [path.join(root, 'electron/bundle.mjs'), '--out', outDir], {
    cwd: root,
  });
}, 60_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

function requiredModules(code: string): string[] {
  return [
    ...new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1] ?? '')),
  ].sort();
}

describe('electron/bundle.mjs', () => {
  it('bundles the sandboxed preload into one CommonJS file that requires only electron', () => {
    const code = readFileSync(path.join(outDir, 'preload/preload.cjs'), 'utf8');
    expect(requiredModules(code)).toEqual(['electron']);
  });

  it('bundles the main process so it requires only electron and Node built-ins', () => {
    const code = readFileSync(path.join(outDir, 'main/main.cjs'), 'utf8');
    const foreign = requiredModules(code).filter(
      (name) => name !== 'electron' && !name.startsWith('node:'),
    );
    expect(foreign).toEqual([]);
  });

  it('writes source maps beside both bundles', () => {
    for (const file of ['main/main.cjs.map', 'preload/preload.cjs.map']) {
      expect(JSON.parse(readFileSync(path.join(outDir, file), 'utf8'))).toHaveProperty('mappings');
    }
  });

  it('the built preload exposes exactly the DesktopApi methods as window.fieldbook, and no ipcRenderer', async () => {
    const code = readFileSync(path.join(outDir, 'preload/preload.cjs'), 'utf8');
    const exposed = new Map<string, Record<string, unknown>>();
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    const electron = {
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api),
      },
      ipcRenderer: { invoke },
    };
    const fakeRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`preload required ${name}`);
      return electron;
    };
    new Function('require', 'module', 'exports', code)(fakeRequire, { exports: {} }, {});
    expect([...exposed.keys()]).toEqual(['fieldbook']);
    const api = exposed.get('fieldbook') ?? {};
    expect(Object.keys(api).sort()).toEqual(Object.keys(DESKTOP_METHODS).sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    await (api.getSecret as (key: string) => Promise<unknown>)('sync.device_token');
    expect(invoke).toHaveBeenCalledWith('secrets:get', 'sync.device_token');
  });
});
