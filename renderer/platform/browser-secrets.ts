import { DesktopError } from '../../shared/ipc';

export interface BrowserSecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const STORE_NAME = 'secrets';

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
  });
}

/**
 * Secrets for the browser build (tests, demos), in their own tiny IndexedDB database: apart from
 * the Dexie data so a data export or reset never carries a token, and not in localStorage, which
 * every script on the page reads synchronously. Unlike Electron there is no OS encryption here.
 */
export function createIndexedDbSecretStore(
  factory: IDBFactory | undefined = globalThis.indexedDB,
  databaseName = 'fieldbook-secrets',
): BrowserSecretStore {
  let opening: Promise<IDBDatabase> | null = null;

  function open(): Promise<IDBDatabase> {
    if (factory === undefined) {
      return Promise.reject(new DesktopError('no_secret_store', 'this browser has no IndexedDB'));
    }
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading or deleting the database must not be blocked by us.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      request.onerror = () => reject(new DesktopError('no_secret_store', String(request.error)));
      request.onblocked = () => reject(new DesktopError('no_secret_store', 'database blocked'));
    }).catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  }

  async function write(apply: (store: IDBObjectStore) => void): Promise<void> {
    const transaction = (await open()).transaction(STORE_NAME, 'readwrite');
    const done = committed(transaction);
    apply(transaction.objectStore(STORE_NAME));
    await done;
  }

  return {
    async get(key) {
      const store = (await open()).transaction(STORE_NAME, 'readonly').objectStore(STORE_NAME);
      const value: unknown = await settle(store.get(key));
      return typeof value === 'string' ? value : null;
    },
    set: (key, value) => write((store) => store.put(value, key)),
    delete: (key) => write((store) => store.delete(key)),
  };
}
