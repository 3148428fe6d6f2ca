// Issue 11's "Done when" journey in Chromium, in Russian: a purchase with an installation date
// puts an installation check on the agenda and the card; the post-sale visit that records the
// installation as done takes it off both; a complaint logged from the client card counts in the
// report of the month; and the finished visit's report prints to a PDF file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addClient, goTo } from './app';
import { expectNoPageErrors, useChromium } from './session';

const chromium = useChromium();
const CLIENT = 'ООО Журавль';
const ITEM = 'Газовый котёл';
const CHECK = `Проверить установку: ${ITEM}`;

let pdfDir = '';
beforeAll(async () => {
  pdfDir = await mkdtemp(join(tmpdir(), 'fieldbook-journey-'));
});
afterAll(async () => {
  await rm(pdfDir, { recursive: true, force: true });
});

/** Today and a later day as the page's own clock and zone see them (YYYY-MM-DD). */
function localDays(page: Page, ahead: number): Promise<{ today: string; later: string }> {
  return page.evaluate((n) => {
    const fmt = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const later = new Date();
    later.setDate(later.getDate() + n);
    return { today: fmt(new Date()), later: fmt(later) };
  }, ahead);
}

const stepHeading = (page: Page, title: string) =>
  page.getByRole('heading', { level: 2, name: title });
const group = (page: Page, name: RegExp | string) => page.getByRole('group', { name });
const card = (page: Page) => page.getByRole('article', { name: CLIENT });

async function openCard(page: Page) {
  await goTo(page, 'ru', 'clients');
  await page
    .getByRole('main')
    .getByRole('option', { name: new RegExp(CLIENT) })
    .first()
    .click();
  await card(page).waitFor();
}

describe('a rep’s day with one client, in Russian', () => {
  it('the installation check closes when the post-sale visit records it done, a complaint from the card counts in the month’s report, the visit report prints to a PDF', async () => {
    const rep = await chromium.openApp('ru');
    const { page } = rep;
    const { today, later: installBy } = await localDays(page, 2);
    await addClient(page, 'ru', { name: CLIENT, contactPerson: 'Фёдор Колесников' });
    await card(page).waitFor();

    // --- A purchase with an installation date, recorded on the card ------------------------
    await card(page).getByRole('button', { name: 'Добавить покупку' }).click();
    const form = page.getByRole('form', { name: 'Покупка' });
    await form.getByLabel('Дата покупки').fill(today);
    await form.getByRole('textbox', { name: 'Товар 1', exact: true }).fill(ITEM);
    await form.getByLabel('Монтаж: срок').fill(installBy);
    await form.getByRole('button', { name: 'Сохранить покупку' }).click();
    await form.waitFor({ state: 'detached' });

    // The installation check is on the agenda and on the card.
    await goTo(page, 'ru', 'agenda');
    const week = page.getByRole('region', { name: /Ближайшие 7 дней/ });
    await week.getByRole('heading', { name: 'Проверка установки' }).waitFor();
    await week.getByRole('listitem').filter({ hasText: CHECK }).waitFor();
    await openCard(page);
    const upcoming = card(page).getByRole('region', { name: 'Предстоящие задачи' });
    await upcoming.getByText(CHECK).waitFor();

    // --- The post-sale visit records the installation as done --------------------------------
    await goTo(page, 'ru', 'visits');
    await page.getByRole('searchbox', { name: 'Клиент', exact: true }).fill('Журавль');
    await page.getByRole('button', { name: CLIENT, exact: true }).click();
    await page.getByRole('radio', { name: 'Послепродажный визит' }).check();
    await page.getByRole('button', { name: 'Начать визит' }).click();
    await page.getByRole('navigation', { name: 'Шаги' }).waitFor();
    await stepHeading(page, 'Обещания и реальность').waitFor();
    await page.getByRole('button', { name: 'Следующий шаг →' }).click();
    for (const step of ['Поставка', 'Установка, монтаж', 'Обучение персонала', 'Оплата'])
      await group(page, new RegExp(`^${step}`))
        .getByRole('radio', { name: 'Как договаривались' })
        .check();
    await page.getByRole('button', { name: 'Следующий шаг →' }).click();
    await page.getByRole('button', { name: 'Следующий шаг →' }).click();
    await page
      .getByRole('radiogroup', { name: /Насколько клиент доволен/ })
      .getByRole('radio', { name: '5' })
      .check();
    await page
      .getByRole('radiogroup', { name: /Порекомендует ли нас/ })
      .getByRole('radio', { name: '9' })
      .check();
    await page.getByRole('radio', { name: 'Да, обязательно' }).check();
    await page.getByRole('button', { name: 'Следующий шаг →' }).click();
    await page.getByRole('radio', { name: 'Спросил, пока никого' }).check();
    await page.getByRole('radio', { name: 'Согласился написать' }).check();
    await page.keyboard.press('Control+Enter');
    await stepHeading(page, 'Завершение визита').waitFor();
    await page.getByRole('button', { name: 'Завершить визит' }).click();
    await stepHeading(page, 'Визит завершён').waitFor();
    const visitUrl = page.url();

    // The installation check is gone from the agenda and from the card.
    await goTo(page, 'ru', 'agenda');
    await page.getByRole('heading', { level: 1, name: 'План' }).waitFor();
    await expect.poll(() => page.getByText('Собираем задачи…').count()).toBe(0);
    await expect.poll(() => page.getByRole('main').getByText(CHECK).count()).toBe(0);
    await openCard(page);
    await card(page).getByRole('heading', { name: 'Покупки' }).waitFor();
    // No longer among the tasks ahead; the history says it was done.
    await card(page)
      .getByRole('list', { name: 'История' })
      .getByText(`${CHECK} · Сделано`)
      .waitFor();
    await expect.poll(() => upcoming.getByText(CHECK).count()).toBe(0);

    // --- A complaint logged from the card counts in this month's report -----------------------
    await card(page).getByRole('button', { name: 'Записать контакт' }).click();
    await card(page).getByRole('radio', { name: 'Клиент обратился сам' }).check();
    await card(page).getByRole('radio', { name: 'Жалоба' }).check();
    await card(page)
      .getByRole('textbox', { name: /Коротко о разговоре/ })
      .fill('Котёл гудит после монтажа');
    await card(page).getByRole('button', { name: 'Сохранить контакт' }).click();
    await card(page)
      .getByRole('list', { name: 'История' })
      .getByText(/Обращение клиента: жалоба/)
      .waitFor();

    await goTo(page, 'ru', 'reports');
    const contacts = page.getByRole('region', { name: 'Контакты' });
    await expect.poll(() => contacts.innerText()).toMatch(/послепродажных контактов: 1/);
    expect(await contacts.innerText()).toMatch(/Обращение клиента\s+1/);
    expect(await contacts.innerText()).toMatch(/из них жалоб\s+1/);

    // --- The finished visit's report prints to a PDF ------------------------------------------
    await page.goto(visitUrl);
    await stepHeading(page, 'Визит завершён').waitFor();
    await page.getByRole('button', { name: 'Распечатать отчёт о визите' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(CLIENT);
    const file = join(pdfDir, 'post-sale-visit.pdf');
    await page.pdf({ path: file, format: 'A4', printBackground: true });
    const pdf = await readFile(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    expectNoPageErrors(rep);
  }, 120_000);
});
