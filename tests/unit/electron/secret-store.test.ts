import { promises as fsPromises } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../../electron/main/atomic-write';
import {
  createSecretStore,
  hasOsSecretStore,
  type SecretCipher,
} from '../../../electron/main/secret-store';
import { isDesktopError } from '../../../shared/ipc';

/** A stand-in for safeStorage: reversible, but visibly not plain text. */
function fakeCipher(overrides: Partial<SecretCipher> = {}): SecretCipher {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.from(`enc:${plain}`).reverse(),
    decryptString: (blob) => {
      const text = Buffer.from(blob).reverse().toString();
      if (!text.startsWith('enc:')) throw new Error('cannot decrypt');
      return text.slice(4);
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
}

let dir: string;
let filePath: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fieldbook-secrets-'));
  filePath = path.join(dir, 'secrets.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isDesktopError(error) ? error.code : error).toBe(code);
}

describe('secret store over safeStorage', () => {
  it('keeps a secret across store instances, encrypted on disk', async () => {
    await createSecretStore({ filePath, cipher: fakeCipher(), platform: 'linux' }).set(
      'sync.device_token',
      'tok-123',
    );
    const again = createSecretStore({ filePath, cipher: fakeCipher(), platform: 'linux' });
    await expect(again.get('sync.device_token')).resolves.toBe('tok-123');
    expect(await readFile(filePath, 'utf8')).not.toContain('tok-123');
  });

  it('returns null for a key never set, and forgets a deleted key', async () => {
    const store = createSecretStore({ filePath, cipher: fakeCipher(), platform: 'win32' });
    await expect(store.get('missing')).resolves.toBeNull();
    await store.set('a', '1');
    await store.delete('a');
    await expect(store.get('a')).resolves.toBeNull();
  });

  it('refuses to set when the OS has no encryption, and writes nothing', async () => {
    const store = createSecretStore({
      filePath,
      cipher: fakeCipher({ isEncryptionAvailable: () => false }),
      platform: 'darwin',
    });
    await expectCode(store.set('k', 'v'), 'no_secret_store');
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('refuses on Linux when the backend is basic_text (a fixed password, no real protection)', async () => {
    const cipher = fakeCipher({ getSelectedStorageBackend: () => 'basic_text' });
    expect(hasOsSecretStore(cipher, 'linux')).toBe(false);
    await expectCode(
      createSecretStore({ filePath, cipher, platform: 'linux' }).set('k', 'v'),
      'no_secret_store',
    );
  });

  it('accepts a real keyring backend on Linux and ignores the backend elsewhere', () => {
    expect(
      hasOsSecretStore(fakeCipher({ getSelectedStorageBackend: () => 'kwallet5' }), 'linux'),
    ).toBe(true);
    expect(
      hasOsSecretStore(fakeCipher({ getSelectedStorageBackend: () => 'basic_text' }), 'win32'),
    ).toBe(true);
  });

  it('still deletes without an OS secret store, so a rep can always log out', async () => {
    await createSecretStore({ filePath, cipher: fakeCipher(), platform: 'linux' }).set('k', 'v');
    const locked = createSecretStore({
      filePath,
      cipher: fakeCipher({ isEncryptionAvailable: () => false }),
      platform: 'linux',
    });
    await locked.delete('k');
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toEqual({ version: 1, secrets: {} });
  });

  it('moves a corrupt file aside and starts empty instead of failing forever', async () => {
    await writeFile(filePath, '{"version":1,"secrets":{"k":');
    const log = vi.fn();
    const store = createSecretStore({
      filePath,
      cipher: fakeCipher(),
      platform: 'linux',
      log,
      now: () => 7,
    });
    await expect(store.get('k')).resolves.toBeNull();
    await expect(readFile(`${filePath}.corrupt-7`, 'utf8')).resolves.toContain('"secrets"');
    await store.set('k', 'fresh');
    await expect(store.get('k')).resolves.toBe('fresh');
    expect(log).toHaveBeenCalled();
  });

  it.each([
    ['an array', '[]'],
    ['a wrong version', '{"version":2,"secrets":{}}'],
    ['a non-string blob', '{"version":1,"secrets":{"k":5}}'],
    ['an invalid key', '{"version":1,"secrets":{"BAD KEY":"eA=="}}'],
  ])('treats %s as a corrupt file', async (_name, content) => {
    await writeFile(filePath, content);
    const store = createSecretStore({
      filePath,
      cipher: fakeCipher(),
      platform: 'linux',
      now: () => 1,
    });
    await expect(store.get('k')).resolves.toBeNull();
    await expect(readFile(`${filePath}.corrupt-1`, 'utf8')).resolves.toBe(content);
  });

  it('answers null for a blob the keychain can no longer decrypt', async () => {
    await writeFile(
      filePath,
      JSON.stringify({ version: 1, secrets: { k: Buffer.from('garbage').toString('base64') } }),
    );
    const store = createSecretStore({ filePath, cipher: fakeCipher(), platform: 'linux' });
    await expect(store.get('k')).resolves.toBeNull();
  });

  it('stores __proto__ as an ordinary key without touching any prototype', async () => {
    const store = createSecretStore({ filePath, cipher: fakeCipher(), platform: 'linux' });
    await store.set('__proto__', 'p');
    await store.set('constructor', 'c');
    await expect(store.get('__proto__')).resolves.toBe('p');
    await expect(store.get('constructor')).resolves.toBe('c');
    const onDisk = JSON.parse(await readFile(filePath, 'utf8')) as { secrets: object };
    expect(Object.keys(onDisk.secrets).sort()).toEqual(['__proto__', 'constructor']);
  });

  it('keeps every secret when many are set at once (writes are serialized)', async () => {
    const store = createSecretStore({ filePath, cipher: fakeCipher(), platform: 'linux' });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`key.${i}`, `value-${i}`)));
    for (let i = 0; i < 20; i++) await expect(store.get(`key.${i}`)).resolves.toBe(`value-${i}`);
  });

  it('reports io_error when the file cannot be written', async () => {
    const failingFs = {
      ...fsPromises,
      rename: vi.fn(async () => Promise.reject(new Error('EROFS'))),
    };
    const store = createSecretStore({
      filePath,
      cipher: fakeCipher(),
      platform: 'linux',
      fs: failingFs as never,
    });
    await expectCode(store.set('k', 'v'), 'io_error');
  });
});

describe('atomic write', () => {
  it('writes, fsyncs and closes the temporary file before renaming it over the target', async () => {
    const steps: string[] = [];
    const spyFs = {
      ...fsPromises,
      open: async (...args: Parameters<typeof fsPromises.open>) => {
        const handle = await fsPromises.open(...args);
        const isTemp = String(args[0]).endsWith('.tmp');
        return Object.assign(Object.create(handle) as typeof handle, {
          writeFile: async (data: string) => {
            steps.push(isTemp ? 'write temp' : 'write other');
            return handle.writeFile(data);
          },
          sync: async () => {
            steps.push(isTemp ? 'fsync temp' : 'fsync folder');
            return handle.sync();
          },
          close: async () => {
            steps.push(isTemp ? 'close temp' : 'close folder');
            return handle.close();
          },
        });
      },
      rename: async (from: string, to: string) => {
        steps.push('rename');
        return fsPromises.rename(from, to);
      },
    };
    await writeFileAtomic(filePath, 'new', spyFs as never);
    expect(steps.slice(0, 4)).toEqual(['write temp', 'fsync temp', 'close temp', 'rename']);
    await expect(readFile(filePath, 'utf8')).resolves.toBe('new');
  });

  it('leaves the old content and no temporary file when the write fails midway', async () => {
    await writeFile(filePath, 'old');
    const failingFs = {
      ...fsPromises,
      open: async (...args: Parameters<typeof fsPromises.open>) => {
        const handle = await fsPromises.open(...args);
        return Object.assign(Object.create(handle) as typeof handle, {
          writeFile: async () => {
            await handle.writeFile('ne');
            throw new Error('ENOSPC');
          },
          close: () => handle.close(),
        });
      },
    };
    await expect(writeFileAtomic(filePath, 'new', failingFs as never)).rejects.toThrow('ENOSPC');
    await expect(readFile(filePath, 'utf8')).resolves.toBe('old');
    await expect(readdir(dir)).resolves.toEqual(['secrets.json']);
  });
});
