// Issue 11 items 5 and 8, issue 16's focus rules, in Chromium and in both languages: a closing
// visit on a client with the longest real name ends lost; the finished visit reads back every
// answer (signals, method, reason and its comment, notes) with the focus on its summary; the
// print view is the report alone, and a PDF of it is written. Visit mode keeps its header and
// the client panel on screen at 1280x800 and 1024x700. FIELDBOOK_SHOTS=1 writes the pictures.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addClient, chooseLanguage } from './app';
import { expectNoPageErrors, useChromium } from './session';
import type { Lang } from './labels';
import { LONG_COMPANY, LONG_PERSON, overflowRight } from './layout';

const chromium = useChromium();
const SHOTS = process.env.FIELDBOOK_SHOTS === '1';

const V = {
  ru: {
    start: 'Начать визит: завершение сделки',
    firstStep: 'Что говорит клиент',
    signal: 'Спрашивает о цене',
    method: 'Как о решённом',
    next: 'Следующий шаг →',
    guards: ['Я не тороплю клиента', 'Только нужные сейчас документы', 'Я не давлю на клиента'],
    lost: 'Отказ',
    reason: 'Цена',
    comment: 'Комментарий',
    notes: 'Заметки',
    finish: 'Завершить визит',
    done: 'Визит завершён',
    print: 'Распечатать отчёт о визите',
    lostLine: 'Отказ: Цена',
    facts: 'Главное о клиенте',
  },
  en: {
    start: 'Start closing visit',
    firstStep: 'What the buyer says',
    signal: 'Asks about the price',
    method: 'Assumptive close',
    next: 'Next step →',
    guards: [
      'I am not rushing the buyer',
      'Only the papers needed now',
      'I am not pressing the buyer',
    ],
    lost: 'Lost',
    reason: 'Price',
    comment: 'Comment',
    notes: 'Notes',
    finish: 'Finish visit',
    done: 'Visit finished',
    print: 'Print the visit report',
    lostLine: 'Lost: Price',
    facts: 'Key facts',
  },
} as const;

let shotsDir = '';
let pdfDir = '';
beforeAll(async () => {
  pdfDir = await mkdtemp(join(tmpdir(), 'fieldbook-pdf-'));
  shotsDir = 'tests/e2e/screenshots';
});
afterAll(async () => {
  await rm(pdfDir, { recursive: true, force: true });
});

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  // Not a test step: a short pause lets live queries settle before the picture.
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shotsDir}/${name}.png` });
}

const activeText = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', text: el?.textContent?.trim() ?? '' };
  });

async function runLostVisit(page: Page, lang: Lang) {
  const v = V[lang];
  await addClient(page, lang, { name: LONG_COMPANY, contactPerson: LONG_PERSON });
  await page.getByRole('button', { name: v.start }).click();
  // Starting a visit puts the focus on the first step's heading.
  await page.getByRole('heading', { level: 2, name: v.firstStep }).waitFor();
  await expect.poll(() => activeText(page)).toMatchObject({ tag: 'H2', text: v.firstStep });
  await page.getByRole('checkbox', { name: v.signal }).check();
  await page.getByRole('textbox', { name: v.notes, exact: true }).fill(`${v.notes}: 42 kW`);
}

async function finishLost(page: Page, lang: Lang) {
  const v = V[lang];
  await page.getByRole('button', { name: v.next }).click();
  await page.getByRole('button', { name: v.next }).click();
  await page.getByRole('radio', { name: v.method, exact: true }).check();
  await page.getByRole('button', { name: v.next }).click();
  for (const guard of v.guards)
    await page.getByRole('checkbox', { name: new RegExp(`^${guard}`) }).check();
  await page.getByRole('button', { name: v.next }).click();
  await page.getByRole('radio', { name: v.lost, exact: true }).check();
  await page.getByRole('radio', { name: v.reason, exact: true }).check();
  await page.getByRole('textbox', { name: v.comment, exact: true }).fill('Дорого для котельной №3');
  await page.getByRole('button', { name: v.next }).click();
  await page.getByRole('button', { name: v.finish }).click();
  await page.getByRole('heading', { level: 2, name: v.done }).waitFor();
}

describe.each(['ru', 'en'] as const)('the visit report (%s)', (lang) => {
  it('a lost visit reads back in full, the focus on its summary; its print view makes a PDF with the client in it', async () => {
    const rep = await chromium.openApp('ru');
    const { page } = rep;
    if (lang === 'en') await chooseLanguage(page, 'ru', 'en');
    const v = V[lang];
    await runLostVisit(page, lang);

    for (const size of [
      { width: 1280, height: 800 },
      { width: 1024, height: 700 },
    ]) {
      await page.setViewportSize(size);
      // The header holds the long name inside the window and the client panel stays in sight.
      expect(await overflowRight(page), `visit mode at ${size.width}x${size.height}`).toEqual([]);
      const facts = await page.getByRole('heading', { name: v.facts }).boundingBox();
      expect(facts, 'the client panel').not.toBeNull();
      expect(facts!.x + facts!.width).toBeLessThanOrEqual(size.width);
      expect(facts!.y + facts!.height).toBeLessThanOrEqual(size.height);
      await shot(page, `visit-long-${lang}-${size.width}x${size.height}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    await finishLost(page, lang);
    // Finishing puts the focus on the finished visit's summary.
    await expect.poll(() => activeText(page)).toMatchObject({ id: 'finished-title' });
    const summary = page.locator('.finished-visit');
    for (const text of [v.signal, v.method, v.lostLine, 'Дорого для котельной №3', '42 kW'])
      await expect.poll(() => summary.innerText()).toContain(text);
    await shot(page, `visit-finished-${lang}`);

    // The print view: the report alone (no navigation, no buttons), the client's name on it.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: v.print }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(LONG_COMPANY);
    await shot(page, `visit-print-${lang}`);
    const file = join(pdfDir, `visit-${lang}.pdf`);
    await page.pdf({ path: file, format: 'A4', printBackground: true });
    const pdf = await readFile(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // One page: the report fits on the sheet a rep hands over.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByRole('button', { name: v.print }).isVisible()).toBe(true);
    expectNoPageErrors(rep);
  }, 120_000);
});
