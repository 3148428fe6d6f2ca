// The client search index kept between starts, in a real browser: the app stores it from a
// worker (searchIndexSave.worker.ts: the page never serializes the tens of MB a 50k book's index
// holds), and the next start answers from it. The row is read straight from IndexedDB here, so
// the check does not trust the app's own data layer.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addClient, navLink } from './app';
import { expectNoPageErrors, useChromium } from './session';

const chromium = useChromium();

interface StoredRowShape {
  version: number;
  docs: number;
  ids: string[];
  fingerprints: number;
  postings: number;
  kinds: string[];
}

/** The stored index's row as the worker wrote it, or null while there is none. */
function readStoredIndex(page: Page): Promise<StoredRowShape | null> {
  return page.evaluate(
    () =>
      new Promise<StoredRowShape | null>((resolve, reject) => {
        const open = indexedDB.open('fieldbook-search');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshots')) {
            db.close();
            resolve(null);
            return;
          }
          const read = db
            .transaction('snapshots', 'readonly')
            .objectStore('snapshots')
            .get('clients');
          read.onerror = () => reject(new Error(String(read.error)));
          read.onsuccess = () => {
            db.close();
            const row = read.result as
              | {
                  version: number;
                  index: {
                    docs: number;
                    ids: string;
                    postingData: Uint32Array;
                    deltaData: Uint32Array;
                    postingOffsets: Uint32Array;
                  };
                  fingerprints: Float64Array;
                }
              | undefined;
            if (!row) return resolve(null);
            resolve({
              version: row.version,
              docs: row.index.docs,
              ids: row.index.ids.split('\n').filter((id) => id !== ''),
              fingerprints: row.fingerprints.length,
              postings: row.index.postingData.length + row.index.deltaData.length,
              kinds: [
                row.index.postingData,
                row.index.deltaData,
                row.index.postingOffsets,
                row.fingerprints,
              ].map((a) => Object.prototype.toString.call(a)),
            });
          };
        };
      }),
  );
}

async function storedIndexWith(page: Page, clients: number): Promise<StoredRowShape> {
  // Stored a few seconds after the last change.
  for (let tries = 0; tries < 60; tries++) {
    const row = await readStoredIndex(page);
    if (row && row.ids.length === clients) return row;
    await page.waitForTimeout(500);
  }
  throw new Error(`no stored search index with ${clients} clients after 30 s`);
}

describe('the stored search index', () => {
  it('is written whole from a worker and answers a search by a contact person after a reload', async () => {
    const rep = await chromium.openApp('ru');
    await addClient(rep.page, 'ru', {
      name: 'ООО Ромашка',
      contactPerson: 'Анна Сергеевна Петрова',
    });
    await addClient(rep.page, 'ru', {
      name: 'ИП Васильков',
      contactPerson: 'Олег Игоревич Тимофеев',
    });
    await rep.page
      .getByRole('main')
      .getByRole('option', { name: /Васильков/ })
      .first()
      .waitFor();

    const row = await storedIndexWith(rep.page, 2);
    expect(row.version).toBe(2);
    expect(row.docs).toBe(row.fingerprints);
    expect(row.postings).toBeGreaterThan(0);
    expect(row.kinds).toEqual([
      '[object Uint32Array]',
      '[object Uint32Array]',
      '[object Uint32Array]',
      '[object Float64Array]',
    ]);

    // A later change is stored again over it, one row, both clients and the new one.
    await addClient(rep.page, 'ru', {
      name: 'АО Незабудка',
      contactPerson: 'Мария Петровна Зуева',
    });
    await storedIndexWith(rep.page, 3);

    await rep.page.reload();
    await navLink(rep.page, 'ru', 'clients').click();
    await rep.page.getByLabel('Поиск клиентов').fill('Тимофеев');
    const clients = rep.page.getByRole('main').getByRole('option', {
      name: /Ромашка|Васильков|Незабудка/,
    });
    // The one client whose contact person is named so, found by a word only the index knows.
    await expect
      .poll(async () => clients.allInnerTexts(), { timeout: 15_000 })
      .toEqual([expect.stringContaining('Олег Игоревич Тимофеев')]);
    expectNoPageErrors(rep);
  });
});
