import { promises as fsPromises } from 'node:fs';
import { DesktopError, SECRET_KEY_PATTERN } from '../../shared/ipc';
import { writeFileAtomic, type AtomicWriteFs } from './atomic-write';

/** The part of Electron's safeStorage the store needs (so tests pass a fake). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface SecretStoreOptions {
  filePath: string;
  cipher: SecretCipher;
  platform: string;
  fs?: AtomicWriteFs & Pick<typeof fsPromises, 'readFile'>;
  log?: (message: string, error?: unknown) => void;
  now?: () => number;
}

const FILE_VERSION = 1;
const MAX_BLOB_LENGTH = 64 * 1024;

/**
 * True when secrets would really be protected by the OS keychain. On Linux without a keyring
 * Electron falls back to 'basic_text', a fixed password: that is no protection, so we refuse.
 */
export function hasOsSecretStore(cipher: SecretCipher, platform: string): boolean {
  if (!cipher.isEncryptionAvailable()) return false;
  if (platform === 'linux') {
    const backend = cipher.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') return false;
  }
  return true;
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

/** Reads `{version, secrets: {key: base64}}` into a Map (a Map, so `__proto__` is just a key). */
function parseSecretsFile(text: string): Map<string, string> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { version, secrets } = raw as { version?: unknown; secrets?: unknown };
  if (version !== FILE_VERSION || typeof secrets !== 'object' || secrets === null) return null;
  const entries = new Map<string, string>();
  for (const [key, blob] of Object.entries(secrets)) {
    if (!SECRET_KEY_PATTERN.test(key)) return null;
    if (typeof blob !== 'string' || blob.length > MAX_BLOB_LENGTH) return null;
    entries.set(key, blob);
  }
  return entries;
}

/**
 * Secrets (the sync device token) encrypted with the OS keychain through safeStorage and kept as
 * base64 blobs in one JSON file under userData. Writes are serialized and atomic.
 */
export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const fs = options.fs ?? fsPromises;
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  let queue: Promise<unknown> = Promise.resolve();

  function requireOsStore(): void {
    if (!hasOsSecretStore(options.cipher, options.platform)) {
      throw new DesktopError('no_secret_store', 'the OS offers no encrypted secret store');
    }
  }

  async function load(): Promise<Map<string, string>> {
    let text: string;
    try {
      text = await fs.readFile(options.filePath, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return new Map();
      throw new DesktopError('io_error', 'cannot read the secrets file');
    }
    const entries = parseSecretsFile(text);
    if (entries !== null) return entries;
    // Keep the damaged file for support instead of overwriting it; start with no secrets.
    const asidePath = `${options.filePath}.corrupt-${now()}`;
    log(`secrets file is damaged; moved to ${asidePath}`);
    await fs.rename(options.filePath, asidePath).catch((error) => log('cannot move it', error));
    return new Map();
  }

  async function save(entries: Map<string, string>): Promise<void> {
    const text = JSON.stringify({ version: FILE_VERSION, secrets: Object.fromEntries(entries) });
    try {
      await writeFileAtomic(options.filePath, text, fs);
    } catch (error) {
      log('cannot write the secrets file', error);
      throw new DesktopError('io_error', 'cannot write the secrets file');
    }
  }

  /** One read-modify-write at a time, so two quick sets cannot lose one another. */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    async get(key) {
      requireOsStore();
      const blob = (await serialized(load)).get(key);
      if (blob === undefined) return null;
      try {
        return options.cipher.decryptString(Buffer.from(blob, 'base64'));
      } catch (error) {
        // Encrypted under another OS user or keychain: unreadable is the same as absent.
        log(`secret ${key} cannot be decrypted`, error);
        return null;
      }
    },
    async set(key, value) {
      requireOsStore();
      const blob = options.cipher.encryptString(value).toString('base64');
      await serialized(async () => {
        const entries = await load();
        entries.set(key, blob);
        await save(entries);
      });
    },
    async delete(key) {
      // No keychain is needed to forget a secret, so delete works even without one.
      await serialized(async () => {
        const entries = await load();
        if (entries.delete(key)) await save(entries);
      });
    },
  };
}
