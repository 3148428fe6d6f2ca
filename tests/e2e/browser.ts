// Debian's Chromium driven by playwright-core: no browser download, the same engine Electron
// embeds. Used by the e2e tests and by tests/tools/screenshot.ts.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.FIELDBOOK_CHROMIUM ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** Without the network flags Chromium keeps knocking on the closed network at every start. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface RepContextOptions {
  /** The browser's language, e.g. ru-RU or en-US: what the app sees as the system language. */
  locale: string;
  colorScheme?: 'light' | 'dark';
}

/** A fresh profile (empty IndexedDB and storage), as on a rep's first start. */
export async function newRepContext(
  browser: Browser,
  options: RepContextOptions,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: options.locale,
    colorScheme: options.colorScheme ?? 'light',
    timezoneId: process.env.FIELDBOOK_E2E_TZ ?? 'Europe/Moscow',
  });
  // To look for date bombs: the page's clock moved ahead (faketime cannot move Chromium's own).
  const aheadDays = Number(process.env.FIELDBOOK_E2E_CLOCK_AHEAD_DAYS ?? 0);
  if (aheadDays) await context.clock.install({ time: Date.now() + aheadDays * 86_400_000 });
  return context;
}

/** Uncaught exceptions in the page; a test ends by checking there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  return errors;
}

/**
 * Every row of one object store of the "fieldbook" database, read with the raw IndexedDB API
 * inside the page, so the check does not trust the app's own data layer.
 */
export function readStore(page: Page, store: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    (name) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('fieldbook');
        open.onerror = () => reject(new Error(`cannot open "fieldbook": ${String(open.error)}`));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            reject(new Error(`the "fieldbook" database has no "${name}" store`));
            return;
          }
          const read = db.transaction(name, 'readonly').objectStore(name).getAll();
          read.onerror = () => reject(new Error(`cannot read "${name}": ${String(read.error)}`));
          read.onsuccess = () => {
            db.close();
            resolve(read.result as Record<string, unknown>[]);
          };
        };
      }),
    store,
  );
}

/** The local changes waiting for the server (the "outbox" store). */
export function readOutbox(page: Page): Promise<Record<string, unknown>[]> {
  return readStore(page, 'outbox');
}
