// One Chromium per test file, a fresh browser profile per test: no test sees another's data.
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, launchChromium, newRepContext } from './browser';
import { BROWSER_LOCALE, type Lang } from './labels';

export interface RepPage {
  page: Page;
  /** Uncaught exceptions the page threw so far. */
  errors: string[];
}

export function useChromium(): { openApp: (lang: Lang) => Promise<RepPage> } {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    /** Opens the app in a browser whose system language is `lang`. */
    async openApp(lang) {
      const setupError = inject('e2eSetupError');
      if (setupError) throw new Error(setupError);
      if (!browser) throw new Error('Chromium is not running (beforeAll failed?)');
      const context = await newRepContext(browser, { locale: BROWSER_LOCALE[lang] });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors = collectPageErrors(page);
      await page.goto(inject('baseUrl'));
      return { page, errors };
    },
  };
}

export function expectNoPageErrors(rep: RepPage): void {
  expect(rep.errors, 'uncaught exceptions in the page').toEqual([]);
}
