// The app speaks the rep's system language on first start, before any setting is chosen.
import { describe, expect, it } from 'vitest';
import { navLink } from './app';
import { LABELS, ROUTES, type Lang } from './labels';
import { expectNoPageErrors, useChromium } from './session';

const chromium = useChromium();

async function expectNavigationIn(lang: Lang, other: Lang) {
  const rep = await chromium.openApp(lang);
  for (const route of ROUTES) await navLink(rep.page, lang, route).waitFor();
  expect(await navLink(rep.page, other, 'settings').count()).toBe(0);
  await rep.page.getByRole('button', { name: LABELS[lang].newClient }).waitFor();
  expect(await rep.page.locator('html').getAttribute('lang')).toBe(lang);
  expectNoPageErrors(rep);
}

describe('first start follows the browser language', () => {
  it('a Russian-locale browser shows the app in Russian', () => expectNavigationIn('ru', 'en'));
  it('an English-locale browser shows the app in English', () => expectNavigationIn('en', 'ru'));
});
