// Issue 3's walk in a real browser, in Russian: a rep imports the client book from Russian
// Excel (Windows-1251, two bad rows), finds a client by a word from a visit note, fixes a child's
// birthday and sees the client among the birthdays of the week, then deletes and restores it.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeCp1251 } from '../../shared/importing';
import { goTo } from './app';
import { expectNoPageErrors, useChromium } from './session';

const chromium = useChromium();

const CSV = [
  'Название;Контактное лицо;Должность;Телефон;E-mail;Метки',
  'ООО Ромашка;Анна Петрова;Директор;+7 912 345-67-89;anna@romashka.ru;опт',
  'ИП Лютиков;Борис Лютиков;;8 (912) 000-11-22;boris@lutik.ru;розница',
  ';;;+7 912 000-00-00;;опт',
  'АО Василёк;Вера Васильева;Закупки;не помню;vera@vasilek.ru;опт',
  'ООО "Ландыш";Глеб Ландышев;;89120001133;gleb@landysh.ru;',
  'Кафе «Одуванчик»;Дарья;Управляющая;+7 (912) 555-44-33;;HoReCa',
].join('\r\n');

/** A day `days` from today in the browser's zone (the tests run in Europe/Moscow). */
async function dayFromToday(page: Page, days: number): Promise<{ day: number; month: number }> {
  return page.evaluate((d) => {
    const date = new Date();
    date.setDate(date.getDate() + d);
    return { day: date.getDate(), month: date.getMonth() + 1 };
  }, days);
}

function list(page: Page) {
  return page.getByRole('listbox', { name: 'Список клиентов' });
}

async function listedNames(page: Page): Promise<string[]> {
  return list(page).locator('.client-name').allInnerTexts();
}

describe('the client book in Russian', () => {
  it('import with bad rows skipped, search by a visit note, a child’s birthday, delete and restore', async () => {
    const rep = await chromium.openApp('ru');
    const { page } = rep;

    // Import: Russian Excel's CSV, two rows with errors the rep sees and skips.
    await page.getByRole('link', { name: 'Импорт', exact: true }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Выбрать файл…' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'клиенты.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(encodeCp1251(CSV)!),
    });
    await page.getByText(/Прочитан как WINDOWS-1251/).waitFor();
    await page.getByRole('button', { name: 'Проверить все строки' }).click();
    await page.getByText('2 строки с ошибками', { exact: true }).waitFor();
    await page.getByRole('cell', { name: '«не помню» — не номер телефона.' }).waitFor();
    await page.getByRole('cell', { name: 'Не указано название.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Загрузить 4 строки' }).isDisabled()).toBe(true);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Сохранить отчёт об ошибках' }).click();
    const report = await download;
    expect(report.suggestedFilename()).toBe('клиенты-ошибки.csv');
    const reportText = await readFile((await report.path())!, 'utf8');
    expect(reportText).toContain('Строка;Столбец;Проблема');
    expect(reportText).toContain('4;Название;Не указано название.');
    expect(reportText).toContain('5;Телефон;«не помню» — не номер телефона.');

    await page.getByRole('checkbox', { name: /Пропустить 2 строки с ошибками/ }).check();
    await page.getByRole('button', { name: 'Загрузить 4 строки' }).click();
    await page.getByText(/Импорт завершён: новых клиентов — 4/).waitFor();
    await page.getByRole('link', { name: 'К списку клиентов' }).click();
    await expect
      .poll(() => listedNames(page))
      // Filed by their own names: legal forms (ООО, ИП) and quotes do not count.
      .toEqual(['Кафе «Одуванчик»', 'ООО "Ландыш"', 'ИП Лютиков', 'ООО Ромашка']);

    // A visit note: a word that is nowhere else in the book finds the client.
    await list(page)
      .getByRole('option', { name: /ООО Ромашка/ })
      .click();
    await page.getByRole('button', { name: 'Начать визит: завершение сделки' }).click();
    await page.getByLabel('Заметки', { exact: true }).fill('Обсудили термопринтер для склада');
    await goTo(page, 'ru', 'clients');
    await page.getByLabel('Поиск клиентов').fill('термопринт');
    await expect.poll(() => listedNames(page)).toEqual(['ООО Ромашка']);
    const hit = list(page).getByRole('option', { name: /ООО Ромашка/ });
    await hit.locator('mark', { hasText: 'термопринт' }).waitFor();

    // The child's birthday, two days from now and given without a year.
    await hit.click();
    await page.getByRole('button', { name: 'Изменить: Анна Петрова' }).click();
    await page.getByRole('button', { name: 'Добавить ребёнка' }).click();
    await page.getByLabel('Ребёнок 1: имя').fill('Маша');
    const soon = await dayFromToday(page, 2);
    const birthday = page.getByRole('group', { name: 'День рождения: Маша' });
    await birthday.getByLabel('День').fill(String(soon.day));
    await birthday.getByLabel('Месяц').selectOption(String(soon.month));
    await page.getByRole('button', { name: 'Сохранить человека' }).click();
    await page.getByText(/Маша \(\d+ \S+\)/).waitFor();

    await page.getByLabel('Поиск клиентов').fill('');
    await page.getByRole('button', { name: 'Фильтры' }).click();
    await page.getByRole('checkbox', { name: 'День рождения в ближайшие 7 дней' }).check();
    await expect.poll(() => listedNames(page)).toEqual(['ООО Ромашка']);
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await expect.poll(() => listedNames(page)).toHaveLength(4);

    // Delete, then restore from the trash with its people.
    await page.getByRole('button', { name: 'В корзину', exact: true }).last().click();
    await expect.poll(() => listedNames(page)).not.toContain('ООО Ромашка');
    await page.getByRole('link', { name: 'Корзина', exact: true }).click();
    const trashed = page.getByRole('list', { name: 'Удалённые клиенты' });
    await trashed.getByText('ООО Ромашка').waitFor();
    await trashed.getByRole('button', { name: 'Восстановить: ООО Ромашка' }).click();
    await trashed.getByText('ООО Ромашка').waitFor({ state: 'detached' });
    await goTo(page, 'ru', 'clients');
    await expect.poll(() => listedNames(page)).toContain('ООО Ромашка');
    await list(page)
      .getByRole('option', { name: /ООО Ромашка/ })
      .click();
    await page.getByRole('region', { name: 'Люди' }).getByText('Анна Петрова').waitFor();
    expectNoPageErrors(rep);
  });
});
