// `npm run screenshot -- [--lang ru|en] [--route clients|agenda|visits|reports|sync|settings|all] [--demo]
// [--sample] [--theme light|dark]`: pictures of the built app at 1280x800 in Chromium, for a person to look
// at. --sample adds one client through the form first. Writes
// tests/e2e/screenshots/<route>-<lang>[-demo][-sample][-dark].png (git-ignored).
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { addClient, goTo } from '../e2e/app';
import { launchChromium, newRepContext } from '../e2e/browser';
import { BROWSER_LOCALE, LABELS, ROUTES, type Lang, type Route } from '../e2e/labels';
import { buildRenderer, DEFAULT_OUT_DIR, REPO_ROOT, serveRenderer } from '../e2e/serve';

const SHOTS_DIR = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));
const SOURCES = ['renderer', 'shared', 'vite.config.ts'];

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      lang: { type: 'string' },
      route: { type: 'string', default: 'clients' },
      demo: { type: 'boolean', default: false },
      sample: { type: 'boolean', default: false },
      theme: { type: 'string', default: 'light' },
    },
  });
  const langs: Lang[] = values.lang ? [values.lang as Lang] : ['ru', 'en'];
  if (!langs.every((l) => l in LABELS)) fail(`--lang must be ru or en, not ${values.lang}`);
  const routes: Route[] = values.route === 'all' ? [...ROUTES] : [values.route as Route];
  if (!routes.every((r) => ROUTES.includes(r))) {
    fail(`--route must be one of ${ROUTES.join(', ')} or all, not ${values.route}`);
  }
  if (values.theme !== 'light' && values.theme !== 'dark') fail('--theme must be light or dark');
  return { langs, routes, demo: values.demo, sample: values.sample, theme: values.theme };
}

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    newest = Math.max(newest, await newestChange(join(path, entry)));
  }
  return newest;
}

/** Builds only when out/renderer is missing or older than a source file. */
async function ensureBuilt(): Promise<void> {
  const built = await stat(join(DEFAULT_OUT_DIR, 'index.html')).catch(() => undefined);
  const sources = await Promise.all(SOURCES.map((s) => newestChange(join(REPO_ROOT, s))));
  if (built && built.mtimeMs >= Math.max(...sources)) return;
  console.log('Building the renderer…');
  await buildRenderer(DEFAULT_OUT_DIR);
}

async function loadDemoData(page: Page, lang: Lang): Promise<void> {
  await goTo(page, lang, 'settings');
  await page.getByRole('button', { name: LABELS[lang].loadDemo }).click();
  // Generating thousands of records takes a while; the page says when it is done or why not.
  const done = page.getByRole('status').filter({ hasText: LABELS[lang].demoLoaded });
  const failed = page.getByRole('alert');
  await done.or(failed).first().waitFor({ timeout: 300_000 });
  if (await failed.count()) throw new Error(`demo data: ${await failed.first().innerText()}`);
}

/**
 * Not a test, so waiting is fine: until the page has not changed for 700 ms (live queries and
 * background work done), at most 20 s, so a picture shows the screen a rep would end up seeing.
 */
async function settle(page: Page): Promise<void> {
  // Only anonymous arrows inside: tsx would wrap named functions in a helper the page lacks.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const start = performance.now();
        let lastChange = start;
        const observer = new MutationObserver(() => (lastChange = performance.now()));
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
        });
        const timer = setInterval(() => {
          const now = performance.now();
          if (now - lastChange < 700 && now - start < 20_000) return;
          clearInterval(timer);
          observer.disconnect();
          resolve();
        }, 100);
      }),
  );
}

async function main(): Promise<void> {
  const options = parseOptions();
  await ensureBuilt();
  const served = await serveRenderer(DEFAULT_OUT_DIR);
  const browser = await launchChromium();
  await mkdir(SHOTS_DIR, { recursive: true });
  try {
    for (const lang of options.langs) {
      const context = await newRepContext(browser, {
        locale: BROWSER_LOCALE[lang],
        colorScheme: options.theme as 'light' | 'dark',
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[${lang}] page error: ${error.message}`));
      await page.goto(served.url);
      if (options.demo) await loadDemoData(page, lang);
      if (options.sample) {
        await addClient(page, lang, {
          name: 'ООО Ромашка',
          contactPerson: 'Анна Сергеевна Петрова',
          phone: '+7 912 345-67-89',
        });
      }
      for (const route of options.routes) {
        // Right after adding the sample the client is open in the form: keep that in the picture.
        if (!(options.sample && route === 'clients')) await goTo(page, lang, route);
        await settle(page);
        const name = [
          route,
          lang,
          options.demo && 'demo',
          options.sample && 'sample',
          options.theme === 'dark' && 'dark',
        ]
          .filter(Boolean)
          .join('-');
        const file = join(SHOTS_DIR, `${name}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
}

await main();
