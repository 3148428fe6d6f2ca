// Issue 11 item 8: the layout holds with the longest real names and a pile of toasts, at
// 1280x800 and at 1024x700, in Russian and in English. Each main screen is opened with a client
// named «Общество с ограниченной ответственностью «Северо-Уральская теплоэнергетическая
// компания»» and a long contact name; nothing may stick out of the window to the right. Four
// toasts leave at most three on screen, none over a control of the page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addClient, chooseLanguage } from './app';
import type { Lang } from './labels';
import { controlsUnderToasts, LONG_COMPANY, LONG_PERSON, overflowRight, SIZES } from './layout';
import { expectNoPageErrors, useChromium } from './session';

const chromium = useChromium();
const EXPORT = { ru: 'Экспорт CSV', en: 'Export CSV' } as const;

async function open(page: Page, hash: string) {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.locator('main h1').first().waitFor();
}

describe.each(['ru', 'en'] as const)('layout with the longest names (%s)', (lang: Lang) => {
  it('no screen runs off the window to the right at 1280x800 or 1024x700, and four toasts cover no control', async () => {
    const rep = await chromium.openApp('ru');
    const { page } = rep;
    if (lang === 'en') await chooseLanguage(page, 'ru', 'en');
    await addClient(page, lang, {
      name: LONG_COMPANY,
      contactPerson: LONG_PERSON,
      phone: '+7 (343) 123-45-67 доб. 1234',
    });
    await page.getByRole('heading', { name: LONG_COMPANY }).first().waitFor();
    const card = await page.evaluate(() => location.hash);

    const found: Record<string, string[]> = {};
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const [screen, hash] of [
        ['client card', card],
        ['client list', '#/clients'],
        ['new client', '#/clients/new'],
        ['agenda', '#/agenda'],
        ['visits', '#/visits'],
        ['reports', '#/reports'],
        ['sync', '#/sync'],
        ['settings', '#/settings'],
        ['import', '#/import'],
        ['trash', '#/trash'],
      ] as const) {
        await open(page, hash);
        if (screen === 'client card')
          await page.getByRole('heading', { name: LONG_COMPANY }).first().waitFor();
        const out = await overflowRight(page);
        if (out.length) found[`${screen} ${size.width}x${size.height}`] = out;
      }

      // Four toasts on the client list: three stay, in their own strip, over no control.
      await open(page, '#/clients');
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: EXPORT[lang] }).click();
      await expect.poll(() => page.locator('.toast').count()).toBe(3);
      expect(await controlsUnderToasts(page), `toasts at ${size.width}x${size.height}`).toEqual([]);
      const out = await overflowRight(page);
      if (out.length) found[`toasts ${size.width}x${size.height}`] = out;
    }
    expect(found, 'elements past the right edge of the window').toEqual({});
    expectNoPageErrors(rep);
  }, 180_000);
});
