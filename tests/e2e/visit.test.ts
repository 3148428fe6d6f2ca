// Issue 4 walked through in a real browser, in Russian: a closing checklist on a prospect, the
// win, the delivery check on the agenda, the post-sale visit, and what it leaves behind; and a
// visit note that survives the page being closed in the middle of a word.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addClient, chooseLanguage, goTo } from './app';
import { readStore } from './browser';
import { expectNoPageErrors, useChromium } from './session';

const chromium = useChromium();
const SHOTS = process.env.FIELDBOOK_SHOTS === '1';

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

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  // Not a test step: a short pause lets live queries settle before the picture.
  await page.waitForTimeout(300);
  await page.screenshot({ path: `tests/e2e/screenshots/${name}.png` });
}

async function startVisitFromList(page: Page, clientName: string, kind?: string) {
  await goTo(page, 'ru', 'visits');
  // Exact: «Поиск клиентов» on the page being left also contains «клиент», and a fill that lands
  // there before the visits page shows leaves the picker empty.
  await page.getByRole('searchbox', { name: 'Клиент', exact: true }).fill(clientName.slice(4, 10));
  await page.getByRole('button', { name: clientName, exact: true }).click();
  if (kind) await page.getByRole('radio', { name: kind }).check();
  await page.getByRole('button', { name: 'Начать визит' }).click();
  await page.getByRole('navigation', { name: 'Шаги' }).waitFor();
}

function stepHeading(page: Page, title: string) {
  return page.getByRole('heading', { level: 2, name: title });
}

async function next(page: Page) {
  await page.getByRole('button', { name: 'Следующий шаг →' }).click();
}

function group(page: Page, name: RegExp | string) {
  return page.getByRole('group', { name });
}

/** The same screens in English, for a person to look at (FIELDBOOK_SHOTS=1 only). */
async function englishShots(page: Page) {
  await chooseLanguage(page, 'ru', 'en');
  await goTo(page, 'en', 'agenda');
  await shot(page, 'agenda-en');
  await goTo(page, 'en', 'reports');
  await shot(page, 'report-en');
  await goTo(page, 'en', 'visits');
  await page.getByRole('searchbox', { name: 'Client' }).fill('Лютик');
  await page.getByRole('button', { name: 'ООО Лютик', exact: true }).click();
  await page.getByRole('button', { name: 'Start visit' }).click();
  await page.getByRole('checkbox', { name: 'Asks about the price' }).check();
  await page.getByRole('checkbox', { name: 'Asks about discounts or special terms' }).check();
  await page
    .getByRole('textbox', { name: 'Notes' })
    .fill('Wants a quote for three cafés; decides with the co-owner.');
  await page.keyboard.press('Alt+Digit3');
  await shot(page, 'visit-closing-en');
}

describe('a closing visit through the post-sale visit, in Russian', () => {
  it('win → purchase with promises → delivery check → post-sale visit → loyalty, problems, referrals, report', async () => {
    const rep = await chromium.openApp('ru');
    const { page } = rep;
    const { today, later: delivery } = await localDays(page, 3);
    await addClient(page, 'ru', { name: 'ООО Ромашка', contactPerson: 'Анна Петрова' });
    await page.getByRole('heading', { name: 'ООО Ромашка' }).first().waitFor();

    // --- Closing checklist on the prospect --------------------------------------------------
    await startVisitFromList(page, 'ООО Ромашка');
    await stepHeading(page, 'Что говорит клиент').waitFor();
    await page.getByRole('checkbox', { name: 'Спрашивает о сроках поставки' }).check();
    await page.getByRole('checkbox', { name: 'Спрашивает об условиях оплаты' }).check();
    await page.getByRole('checkbox', { name: 'Говорит как владелец' }).check();
    await next(page);
    await page.getByRole('checkbox', { name: 'Смотрит на бланк заказа' }).check();
    await expect
      .poll(() => page.getByRole('meter').getAttribute('aria-valuetext'))
      .toMatch(/^Пора завершать/);
    await next(page);
    await stepHeading(page, 'Способ завершения').waitFor();
    await page.getByRole('button', { name: 'Выбрать: Как о решённом' }).click();
    expect(await page.getByRole('radio', { name: 'Как о решённом' }).isChecked()).toBe(true);
    await shot(page, 'visit-closing-ru');
    await next(page);
    for (const guard of [
      'Я не тороплю клиента',
      'Только нужные сейчас документы',
      'Я не давлю на клиента',
    ])
      await page.getByRole('checkbox', { name: new RegExp(`^${guard}`) }).check();
    await next(page);
    await page.getByRole('radio', { name: 'Сделка заключена' }).check();
    await page
      .getByRole('textbox', { name: /Что вы пообещали клиенту/ })
      .fill('Экономия 20% электроэнергии\nПоставка за 3 дня\nОбучение персонала бесплатно');
    await page.getByLabel('Срок поставки').fill(delivery);
    await page.getByRole('textbox', { name: 'Товар или услуга' }).fill('Холодильная витрина');
    await page.getByRole('textbox', { name: 'Сумма' }).fill('120 000');
    await next(page);
    await stepHeading(page, 'Завершение визита').waitFor();
    await page.getByText('Всё обязательное заполнено.').waitFor();
    await page.getByRole('button', { name: 'Завершить визит' }).click();

    // --- The purchase appears with its promised benefits and delivery date ------------------
    await stepHeading(page, 'Визит завершён').waitFor();
    await page.getByRole('heading', { name: 'Покупка создана' }).waitFor();
    for (const promise of [
      'Экономия 20% электроэнергии',
      'Поставка за 3 дня',
      'Обучение персонала бесплатно',
    ])
      await page.getByRole('main').getByText(promise, { exact: true }).first().waitFor();
    const purchases = await readStore(page, 'purchases');
    expect(purchases).toHaveLength(1);
    const purchase = purchases[0] as {
      id: string;
      delivery: { due: string };
      promisedBenefits: { text: string }[];
    };
    expect(purchase.delivery.due).toBe(delivery);
    expect(purchase.promisedBenefits.map((b) => b.text)).toEqual([
      'Экономия 20% электроэнергии',
      'Поставка за 3 дня',
      'Обучение персонала бесплатно',
    ]);

    // --- The agenda shows the delivery check ---------------------------------------------
    await goTo(page, 'ru', 'agenda');
    const week = page.getByRole('region', { name: /Ближайшие 7 дней/ });
    await week.getByRole('heading', { name: 'Проверка поставки' }).waitFor();
    const check = week
      .getByRole('listitem')
      .filter({ hasText: 'Проверить поставку: Холодильная витрина' });
    await check.waitFor();
    await shot(page, 'agenda-ru');
    // The check confirms the delivery: the post-sale visit is planned from today.
    await check.getByRole('button', { name: '✓ Поставлено' }).click();
    const planned = week
      .getByRole('listitem')
      .filter({ hasText: 'Послепродажный визит: Холодильная витрина' });
    await planned.getByRole('button', { name: 'Начать послепродажный визит' }).click();

    // --- Post-sale visit --------------------------------------------------------------------
    await stepHeading(page, 'Обещания и реальность').waitFor();
    const energy = group(page, 'Экономия 20% электроэнергии');
    await energy.getByRole('radio', { name: 'Ниже' }).check();
    await energy.getByRole('textbox', { name: 'Комментарий' }).fill('Экономия около 12%');
    await group(page, 'Поставка за 3 дня').getByRole('radio', { name: 'Как обещали' }).check();
    await group(page, 'Обучение персонала бесплатно').getByRole('radio', { name: 'Лучше' }).check();
    await next(page);
    for (const [step, answer] of [
      ['Поставка', 'Как договаривались'],
      ['Установка, монтаж', 'Не требуется'],
      ['Обучение персонала', 'Как договаривались'],
      ['Оплата', 'Как договаривались'],
    ] as const)
      await group(page, new RegExp(`^${step}`))
        .getByRole('radio', { name: answer })
        .check();
    await next(page);
    await page.getByRole('checkbox', { name: /^Найдены проблемы/ }).check();
    await page.getByRole('textbox', { name: 'Что не так' }).first().fill('Витрина шумит по ночам');
    await page.getByRole('button', { name: '+ Добавить проблему' }).click();
    const problem = group(page, 'Проблема 1');
    await problem.getByRole('textbox', { name: 'Что не так' }).fill('Шумит компрессор');
    await problem.getByRole('textbox', { name: 'Ответственный' }).fill('Сервисный инженер Иванов');
    await problem.getByLabel('Решить до').fill(delivery);
    await next(page);
    await page
      .getByRole('radiogroup', { name: /Насколько клиент доволен/ })
      .getByRole('radio', { name: '5' })
      .check();
    await page
      .getByRole('radiogroup', { name: /Порекомендует ли нас/ })
      .getByRole('radio', { name: '9' })
      .check();
    await page.getByRole('radio', { name: 'Да, обязательно' }).check();
    await next(page);
    await page.getByRole('radio', { name: 'Клиент назвал, к кому обратиться' }).check();
    for (const [i, name] of ['ООО Лютик', 'ИП Васильев'].entries()) {
      await page.getByRole('button', { name: '+ Добавить рекомендацию' }).click();
      await group(page, `Рекомендация ${i + 1}`)
        .getByRole('textbox', { name: 'Компания или человек' })
        .fill(name);
    }
    await page.getByRole('radio', { name: 'Согласился написать' }).check();
    await shot(page, 'visit-post-sale-ru');
    await page.keyboard.press('Control+Enter');
    await stepHeading(page, 'Завершение визита').waitFor();
    await page.getByText('2 рекомендации попадут в базу как потенциальные клиенты').waitFor();
    await page.getByRole('button', { name: 'Завершить визит' }).click();

    // --- Loyalty, problems and referrals ------------------------------------------------------
    await stepHeading(page, 'Визит завершён').waitFor();
    await page.getByText('Уровень лояльности: высокая').waitFor();
    const clients = (await readStore(page, 'clients')) as {
      id: string;
      name: string;
      status: string;
      loyalty: string;
      referredBy: string | null;
    }[];
    const romashka = clients.find((c) => c.name === 'ООО Ромашка')!;
    expect([romashka.status, romashka.loyalty]).toEqual(['active', 'high']);
    const referred = clients.filter((c) => c.referredBy === romashka.id);
    expect(referred.map((c) => [c.name, c.status]).sort()).toEqual([
      ['ИП Васильев', 'prospect'],
      ['ООО Лютик', 'prospect'],
    ]);
    const problems = (await readStore(page, 'problems')) as {
      owner: string;
      status: string;
      due: string;
    }[];
    expect(problems.map((p) => [p.owner, p.status, p.due])).toEqual([
      ['Сервисный инженер Иванов', 'open', delivery],
    ]);

    // The two referrals are in the client book.
    await goTo(page, 'ru', 'clients');
    for (const name of ['ООО Лютик', 'ИП Васильев'])
      await page
        .getByRole('main')
        .getByRole('option', { name: new RegExp(name) })
        .first()
        .waitFor();

    // --- The report reflects it ------------------------------------------------------------------
    await goTo(page, 'ru', 'reports');
    const promises = page.getByRole('region', { name: 'Обещания и реальность' }).getByRole('table');
    await expect.poll(() => promises.innerText()).toMatch(/Ниже\s+1/);
    expect(await promises.innerText()).toMatch(/Как обещали\s+1/);
    expect(await promises.innerText()).toMatch(/Лучше\s+1/);
    const referralsRegion = page.getByRole('region', { name: 'Рекомендации' });
    expect(await referralsRegion.innerText()).toMatch(/Получено\s+2/);
    await shot(page, 'report-ru');
    if (SHOTS) await englishShots(page);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expectNoPageErrors(rep);
  });
});

describe('a visit note survives the page being closed mid-word', () => {
  it('every character typed before the page was closed without warning is there after reopening, on the same step', async () => {
    const rep = await chromium.openApp('ru');
    const { page } = rep;
    await addClient(page, 'ru', { name: 'ООО Василёк', contactPerson: 'Олег Смирнов' });
    await page.getByRole('heading', { name: 'ООО Василёк' }).first().waitFor();
    await startVisitFromList(page, 'ООО Василёк');
    await page.keyboard.press('Alt+ArrowDown');
    await stepHeading(page, 'Что делает клиент').waitFor();
    const url = page.url();

    const typed = 'Клиент спросил про рассрочку, хочет скидку на объё';
    await page.getByRole('textbox', { name: 'Заметки' }).click();
    await page.keyboard.type(typed);
    // No pause, no blur, no beforeunload: the page is gone mid-word.
    await page.close({ runBeforeUnload: false });

    const reopened = await page.context().newPage();
    await reopened.goto(url);
    await stepHeading(reopened, 'Что делает клиент').waitFor();
    await expect
      .poll(() => reopened.getByRole('textbox', { name: 'Заметки' }).inputValue())
      .toBe(typed);
    // And it is in the database itself, not only on the screen.
    await expect
      .poll(async () => ((await readStore(reopened, 'visits'))[0] as { notes: string }).notes)
      .toBe(typed);
    expect(rep.errors).toEqual([]);
  });
});
