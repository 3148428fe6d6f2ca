// Issue 16: every screen meets WCAG 2.1 AA as axe-core checks it (tags wcag2a, wcag2aa, wcag21aa),
// in Russian and English, light and dark, with the demo book loaded and forms showing their
// errors. One browser profile loads the demo book once; the four passes switch language and theme
// in Settings, as a rep would. Any serious or critical violation fails, printed with the rule,
// the element and, for contrast, the ratio.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chooseLanguage, goTo, navLink } from './app';
import { seriousViolations } from './axe';
import { collectPageErrors, launchChromium, newRepContext } from './browser';
import { BROWSER_LOCALE, LABELS, type Lang } from './labels';

type Theme = 'light' | 'dark';

/** What these screens are called on the rep's screen, beyond tests/e2e/labels.ts. */
const SCREEN_LABELS = {
  ru: {
    theme: 'Оформление',
    themes: { light: 'Светлое', dark: 'Тёмное' },
    clientList: 'Список клиентов',
    filters: 'Фильтры',
    attention: 'Требуют внимания',
    addPerson: 'Добавить человека',
    savePerson: 'Сохранить человека',
    addPurchase: 'Добавить покупку',
    savePurchase: 'Сохранить покупку',
    amount: 'Сумма',
    newVisit: 'Новый визит',
    visitClient: 'Клиент',
    visitKind: 'Вид визита',
    logContact: 'Записать контакт',
    health: /^Здоровье: /,
    importLink: 'Импорт',
    trashLink: 'Корзина',
    chooseFile: 'Выбрать файл…',
    mapTitle: /^Столбцы файла/,
    checkRows: 'Проверить все строки',
    reviewTitle: /^Проверьте .* перед импортом$/,
    resumeClosing: /^Продолжить: .*, Завершение сделки$/,
    resumePostSale: /^Продолжить: .*, Послепродажный визит$/,
    openClosing: /^Открыть: .*, Завершение сделки$/,
    openPostSale: /^Открыть: .*, Послепродажный визит$/,
    steps: 'Шаги',
    serverAddress: 'Адрес сервера',
    password: 'Пароль',
    signIn: 'Войти',
  },
  en: {
    theme: 'Theme',
    themes: { light: 'Light', dark: 'Dark' },
    clientList: 'Client list',
    filters: 'Filters',
    attention: 'Needs attention',
    addPerson: 'Add person',
    savePerson: 'Save person',
    addPurchase: 'Add purchase',
    savePurchase: 'Save purchase',
    amount: 'Amount',
    newVisit: 'New visit',
    visitClient: 'Client',
    visitKind: 'Kind of visit',
    logContact: 'Log a contact',
    health: /^Health: /,
    importLink: 'Import',
    trashLink: 'Trash',
    chooseFile: 'Choose a file…',
    mapTitle: /^Columns of/,
    checkRows: 'Check all rows',
    reviewTitle: /^Check .* before importing$/,
    resumeClosing: /^Resume: .*, Closing$/,
    resumePostSale: /^Resume: .*, Post-sale visit$/,
    openClosing: /^Open: .*, Closing$/,
    openPostSale: /^Open: .*, Post-sale visit$/,
    steps: 'Steps',
    serverAddress: 'Server address',
    password: 'Password',
    signIn: 'Sign in',
  },
} as const;

/** The page background each theme paints: proof the pass really is in that theme. */
const BACKGROUND: Record<Theme, string> = { light: 'rgb(246, 247, 249)', dark: 'rgb(15, 19, 24)' };

/** A file with one good row and two rows the review lists as errors (no name; a bad e-mail). */
const IMPORT_CSV =
  'Name,Phone,Email\n' +
  'ООО Проверка,+7 912 345-67-89,info@proverka.example\n' +
  ',+7 900 000-00-00,nobody@example.org\n' +
  'Bad Mail Ltd,,not-an-email\n';

interface Screen {
  name: string;
  /** Brings the screen up from wherever the previous one left the page. */
  open: (page: Page, lang: Lang) => Promise<void>;
  /** Only this part is checked (the rest of the screen is checked by another entry). */
  within?: (page: Page) => Locator;
  /** For a screen with parts shown one at a time (a visit's steps): checks each part. */
  walk?: (page: Page, lang: Lang) => Promise<string[]>;
}

async function openClientsPage(page: Page, lang: Lang) {
  await goTo(page, lang, 'clients');
  await page
    .getByRole('listbox', { name: SCREEN_LABELS[lang].clientList })
    .getByRole('option')
    .first()
    .waitFor();
}

async function openFirstClient(page: Page, lang: Lang) {
  await openClientsPage(page, lang);
  await page
    .getByRole('listbox', { name: SCREEN_LABELS[lang].clientList })
    .getByRole('option')
    .first()
    .click();
  await page.getByRole('article').getByRole('heading', { level: 2 }).waitFor();
}

/** Opens a form of the client card and saves it as `fill` left it, so its error shows. */
async function cardFormWithError(
  page: Page,
  lang: Lang,
  add: string,
  save: string,
  fill?: (page: Page) => Promise<void>,
) {
  await openFirstClient(page, lang);
  await page.getByRole('button', { name: add, exact: true }).click();
  await fill?.(page);
  await page.getByRole('button', { name: save, exact: true }).click();
  const article = page.getByRole('article');
  await article.getByRole('alert').or(article.locator('[aria-invalid="true"]')).first().waitFor();
}

const logForm = (page: Page) =>
  page.getByRole('main').getByRole('form').or(page.getByRole('dialog')).first();

async function openVisit(page: Page, lang: Lang, link: RegExp) {
  await goTo(page, lang, 'visits');
  await page.getByRole('link', { name: link }).first().click();
}

/** Every step of the open visit, from the step list, one axe run each. */
async function walkSteps(page: Page, lang: Lang, where: string): Promise<string[]> {
  const steps = page
    .getByRole('navigation', { name: SCREEN_LABELS[lang].steps })
    .getByRole('button');
  await steps.first().waitFor();
  const found: string[] = [];
  const count = await steps.count();
  expect(count, `${where}: steps in the step list`).toBeGreaterThan(2);
  for (let i = 0; i < count; i++) {
    const step = steps.nth(i);
    const title = (await step.innerText()).replace(/\s+/g, ' ').trim();
    await step.click();
    await expect.poll(() => step.getAttribute('aria-current')).toBe('step');
    found.push(...(await seriousViolations(page, `${where}, step "${title}"`)));
  }
  return found;
}

const SCREENS: Screen[] = [
  { name: 'client list', open: openClientsPage },
  {
    name: 'client list with the filters open',
    open: async (page, lang) => {
      await openClientsPage(page, lang);
      await page.getByRole('button', { name: SCREEN_LABELS[lang].filters, exact: true }).click();
      await page.getByRole('group', { name: SCREEN_LABELS[lang].attention }).waitFor();
    },
  },
  {
    name: 'client card, with the health reasons open',
    open: async (page, lang) => {
      await openFirstClient(page, lang);
      await page.getByRole('button', { name: SCREEN_LABELS[lang].health }).focus();
      await page.getByRole('tooltip').waitFor();
    },
  },
  {
    name: 'new client form showing its errors',
    open: async (page, lang) => {
      await openClientsPage(page, lang);
      await page.getByRole('button', { name: LABELS[lang].newClient }).click();
      await page.getByRole('button', { name: LABELS[lang].save, exact: true }).click();
      await page
        .getByRole('textbox', { name: LABELS[lang].clientName, exact: true })
        .and(page.locator('[aria-invalid="true"]'))
        .waitFor();
    },
  },
  {
    name: 'person form showing its error (no name)',
    open: (page, lang) =>
      cardFormWithError(page, lang, SCREEN_LABELS[lang].addPerson, SCREEN_LABELS[lang].savePerson),
  },
  {
    name: 'purchase form showing its error (an amount that is not a number)',
    open: (page, lang) =>
      cardFormWithError(
        page,
        lang,
        SCREEN_LABELS[lang].addPurchase,
        SCREEN_LABELS[lang].savePurchase,
        (form) => form.getByRole('textbox', { name: SCREEN_LABELS[lang].amount }).fill('abc'),
      ),
  },
  {
    name: 'import, choosing a file',
    open: async (page, lang) => {
      await openClientsPage(page, lang);
      await page.getByRole('link', { name: SCREEN_LABELS[lang].importLink }).click();
      await page.getByRole('button', { name: SCREEN_LABELS[lang].chooseFile }).waitFor();
    },
  },
  {
    name: 'import, the columns of a file',
    open: async (page, lang) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: SCREEN_LABELS[lang].chooseFile }).click();
      await (
        await chooser
      ).setFiles({ name: 'a11y.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
      await page.getByRole('heading', { name: SCREEN_LABELS[lang].mapTitle }).waitFor();
    },
  },
  {
    name: 'import, the review listing rows with errors',
    open: async (page, lang) => {
      await page.getByRole('button', { name: SCREEN_LABELS[lang].checkRows }).click();
      await page.getByRole('heading', { name: SCREEN_LABELS[lang].reviewTitle }).waitFor();
    },
  },
  {
    name: 'trash',
    open: async (page, lang) => {
      await openClientsPage(page, lang);
      await page.getByRole('link', { name: SCREEN_LABELS[lang].trashLink }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
    },
  },
  {
    name: 'visits list',
    open: async (page, lang) => {
      await goTo(page, lang, 'visits');
      await page.getByRole('link', { name: SCREEN_LABELS[lang].openClosing }).first().waitFor();
    },
  },
  {
    name: 'new visit, a client picked',
    open: async (page, lang) => {
      const t = SCREEN_LABELS[lang];
      await goTo(page, lang, 'visits');
      const form = page.getByRole('region', { name: t.newVisit });
      await form.getByRole('searchbox', { name: t.visitClient }).fill('ООО');
      await form.getByRole('listitem').getByRole('button').first().click();
      await form.getByRole('group', { name: t.visitKind }).waitFor();
    },
  },
  {
    name: 'closing visit (every step, the finish step listing what is missing)',
    open: (page, lang) => openVisit(page, lang, SCREEN_LABELS[lang].resumeClosing),
    walk: (page, lang) => walkSteps(page, lang, 'closing visit'),
  },
  {
    name: 'post-sale visit (every step)',
    open: (page, lang) => openVisit(page, lang, SCREEN_LABELS[lang].resumePostSale),
    walk: (page, lang) => walkSteps(page, lang, 'post-sale visit'),
  },
  {
    name: 'finished closing visit',
    open: async (page, lang) => {
      await openVisit(page, lang, SCREEN_LABELS[lang].openClosing);
      await page.getByRole('heading', { level: 1 }).waitFor();
    },
  },
  {
    name: 'finished post-sale visit',
    open: async (page, lang) => {
      await openVisit(page, lang, SCREEN_LABELS[lang].openPostSale);
      await page.getByRole('heading', { level: 1 }).waitFor();
    },
  },
  {
    name: 'agenda',
    open: async (page, lang) => {
      await goTo(page, lang, 'agenda');
      await page.getByRole('main').getByRole('listitem').first().waitFor();
    },
  },
  {
    name: 'agenda, logging a contact',
    open: async (page, lang) => {
      await goTo(page, lang, 'agenda');
      await page
        .getByRole('main')
        .getByRole('button', { name: SCREEN_LABELS[lang].logContact, exact: true })
        .first()
        .click();
      await logForm(page).waitFor();
    },
    // The agenda around it is checked whole above; axe over its hundreds of items takes seconds.
    within: logForm,
  },
  {
    name: 'reports',
    open: async (page, lang) => {
      await goTo(page, lang, 'reports');
      await page.getByRole('main').getByRole('table').first().waitFor();
    },
  },
  {
    name: 'sync, the sign-in form showing its error (an address that is not http or https)',
    open: async (page, lang) => {
      await goTo(page, lang, 'sync');
      const t = SCREEN_LABELS[lang];
      await page.getByRole('textbox', { name: t.serverAddress }).fill('ftp://127.0.0.1/');
      await page.getByRole('textbox', { name: LABELS[lang].email }).fill('rep@example.org');
      await page.getByRole('textbox', { name: t.password }).fill('secret-password');
      await page.getByRole('button', { name: t.signIn, exact: true }).click();
      await page.getByRole('main').getByRole('alert').waitFor();
    },
  },
  {
    name: 'settings (language, theme, backup, cadences, checklists, demo data)',
    open: async (page, lang) => {
      await goTo(page, lang, 'settings');
      await page.getByRole('heading', { level: 1, name: LABELS[lang].settings }).waitFor();
    },
  },
];

const PASSES: [Lang, Theme][] = [
  ['ru', 'light'],
  ['ru', 'dark'],
  ['en', 'light'],
  ['en', 'dark'],
];

let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let pageErrors: string[] = [];
let shownLang: Lang = 'ru';

beforeAll(async () => {
  const setupError = inject('e2eSetupError');
  if (setupError) throw new Error(setupError);
  browser = await launchChromium();
  context = await newRepContext(browser, { locale: BROWSER_LOCALE.ru });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  pageErrors = collectPageErrors(page);
  await page.goto(inject('baseUrl'));
  // The demo book: hundreds of clients with visits, purchases, problems and follow-ups.
  await goTo(page, 'ru', 'settings');
  await page.getByRole('button', { name: LABELS.ru.loadDemo }).click();
  const done = page.getByRole('status').filter({ hasText: LABELS.ru.demoLoaded });
  const failed = page.getByRole('alert');
  await done.or(failed).first().waitFor({ timeout: 100_000 });
  if (await failed.count()) throw new Error(`demo data: ${await failed.first().innerText()}`);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe.each(PASSES)('WCAG 2.1 AA in %s, %s theme', (lang, theme) => {
  beforeAll(async () => {
    if (shownLang !== lang) await chooseLanguage(page, shownLang, lang);
    shownLang = lang;
    await goTo(page, lang, 'settings');
    await page
      .getByLabel(SCREEN_LABELS[lang].theme, { exact: true })
      .selectOption({ label: SCREEN_LABELS[lang].themes[theme] });
    await page.waitForFunction(
      (background) => getComputedStyle(document.body).backgroundColor === background,
      BACKGROUND[theme],
    );
  });

  it.each(SCREENS.map((s) => [s.name, s] as const))(
    '%s: no serious or critical axe violation',
    async (name, screen) => {
      await screen.open(page, lang);
      const found = screen.walk
        ? await screen.walk(page, lang)
        : await seriousViolations(page, name, screen.within?.(page));
      expect(found, `${lang}, ${theme}: serious or critical WCAG 2.1 AA violations`).toEqual([]);
    },
  );
});

describe('the walk through every screen', () => {
  it('threw no uncaught exception in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

// The keyboard half of issue 16: where the focus lands, asserted as document.activeElement.
describe('keyboard (issue 16)', () => {
  let kbBrowser: Browser | undefined;
  const kbContexts: BrowserContext[] = [];
  beforeAll(async () => {
    kbBrowser = await launchChromium();
  });
  afterAll(async () => {
    await Promise.all(kbContexts.splice(0).map((c) => c.close()));
    await kbBrowser?.close();
  });

  async function openRu(): Promise<Page> {
    const setupError = inject('e2eSetupError');
    if (setupError) throw new Error(setupError);
    const context = await newRepContext(kbBrowser!, { locale: BROWSER_LOCALE.ru });
    kbContexts.push(context);
    const kb = await context.newPage();
    kb.setDefaultTimeout(15_000);
    const errors = collectPageErrors(kb);
    kb.on('close', () => expect(errors).toEqual([]));
    await kb.goto(inject('baseUrl'));
    await kb.getByRole('navigation').first().waitFor();
    return kb;
  }

  /** What has the focus: its tag, id, role, accessible-ish name and checked state. */
  const focused = (kb: Page) =>
    kb.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      let label = el?.getAttribute('aria-label') ?? '';
      if (!label && el instanceof HTMLInputElement) label = el.labels?.[0]?.textContent ?? '';
      if (!label) label = el?.textContent ?? '';
      return {
        tag: el?.tagName ?? '',
        id: el?.id ?? '',
        role: el?.getAttribute('role') ?? '',
        name: label.replace(/\s+/g, ' ').trim(),
        checked: el instanceof HTMLInputElement ? el.checked : null,
      };
    });

  /** Presses Tab until the focus is on a control whose name starts with `name`, at most `max` times. */
  async function tabTo(kb: Page, name: string, max = 40): Promise<number> {
    for (let presses = 1; presses <= max; presses++) {
      await kb.keyboard.press('Tab');
      if ((await focused(kb)).name.startsWith(name)) return presses;
    }
    throw new Error(`"${name}" was not reached with ${max} presses of Tab`);
  }

  async function addClientRu(kb: Page, name: string) {
    await goTo(kb, 'ru', 'clients');
    await kb.getByRole('button', { name: LABELS.ru.newClient }).click();
    await kb.getByLabel(LABELS.ru.clientName, { exact: true }).fill(name);
    await kb.getByLabel(LABELS.ru.contactPerson, { exact: true }).fill('Анна Петрова');
    await kb.getByRole('button', { name: LABELS.ru.save, exact: true }).click();
    await kb.getByRole('heading', { name }).first().waitFor();
  }

  it('the skip link moves the focus to the main content and leaves the route (e.g. the agenda) as it was', async () => {
    const kb = await openRu();
    await goTo(kb, 'ru', 'agenda');
    await kb.getByRole('heading', { level: 1, name: 'План' }).waitFor();
    await kb.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await kb.keyboard.press('Tab');
    expect((await focused(kb)).name).toBe('Перейти к содержимому');
    await kb.keyboard.press('Enter');
    expect(await focused(kb)).toMatchObject({ tag: 'MAIN', id: 'main' });
    expect(await kb.evaluate(() => location.hash)).toBe('#/agenda');
    await kb.getByRole('heading', { level: 1, name: 'План' }).waitFor();
  });

  it('every route change puts the focus on the new page’s heading', async () => {
    const kb = await openRu();
    for (const [route, heading] of [
      ['agenda', 'План'],
      ['visits', 'Визиты'],
      ['settings', 'Настройки'],
      ['sync', 'Синхронизация'],
      ['clients', 'Клиенты'],
    ] as const) {
      await navLink(kb, 'ru', route).focus();
      await kb.keyboard.press('Enter');
      await expect
        .poll(() => focused(kb), { message: `after opening ${route}` })
        .toMatchObject({
          tag: 'H1',
          name: expect.stringMatching(new RegExp(`^${heading}`)) as unknown,
        });
    }
  });

  it('starting a visit puts the focus on the first step’s heading', async () => {
    const kb = await openRu();
    await addClientRu(kb, 'ООО Фокус');
    await kb.getByRole('button', { name: 'Начать визит: завершение сделки' }).click();
    await expect.poll(() => focused(kb)).toMatchObject({ tag: 'H2', name: 'Что говорит клиент' });
  });

  it('with single-key shortcuts off in Settings, "n" and "/" type text instead of acting', async () => {
    const kb = await openRu();
    await goTo(kb, 'ru', 'clients');
    await kb.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
    // On (the default): "n" opens the new-client form.
    await kb.locator('body').press('n');
    await expect.poll(() => kb.evaluate(() => location.hash)).toBe('#/clients/new');
    await goTo(kb, 'ru', 'settings');
    const toggle = kb.getByRole('checkbox', { name: /^Клавиши из одного символа/ });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await kb.getByText('Новый клиент (список клиентов; одна клавиша) (выключено)').waitFor();
    await goTo(kb, 'ru', 'clients');
    await kb.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
    await kb.locator('body').press('n');
    await kb.locator('body').press('/');
    expect(await kb.evaluate(() => location.hash)).toBe('#/clients');
    expect((await focused(kb)).id).not.toBe('client-search');
    // The choice is kept across a restart, like the theme.
    await kb.reload();
    await goTo(kb, 'ru', 'settings');
    expect(await kb.getByRole('checkbox', { name: /^Клавиши из одного символа/ }).isChecked()).toBe(
      false,
    );
  });

  it('keyboard only: search → open a client → start a visit → tick a signal → next step → finish, the focus asserted at each step', async () => {
    const kb = await openRu();
    await addClientRu(kb, 'ООО Клавиатура');
    await goTo(kb, 'ru', 'clients');
    await kb.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
    await kb.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // Search: "/" jumps to the box.
    await kb.keyboard.press('/');
    expect(await focused(kb)).toMatchObject({ tag: 'INPUT', id: 'client-search' });
    await kb.keyboard.type('Клавиатура');
    await kb.getByRole('option', { name: /ООО Клавиатура/ }).waitFor();
    // Open the client: ↓ to the list, Enter; the focus lands on the card's title.
    await kb.keyboard.press('ArrowDown');
    expect(await focused(kb)).toMatchObject({ role: 'listbox' });
    await kb.keyboard.press('Enter');
    await expect
      .poll(() => focused(kb))
      .toMatchObject({ tag: 'H2', id: 'client-card-title', name: 'ООО Клавиатура' });

    // Start a visit: Tab to the button, Enter; the focus lands on the first step's heading.
    await tabTo(kb, 'Начать визит: завершение сделки');
    await kb.keyboard.press('Enter');
    await expect.poll(() => focused(kb)).toMatchObject({ tag: 'H2', name: 'Что говорит клиент' });

    // Tick a signal: the first control after the heading is the first signal.
    await kb.keyboard.press('Tab');
    expect(await focused(kb)).toMatchObject({ tag: 'INPUT', checked: false });
    const signal = (await focused(kb)).name;
    await kb.keyboard.press('Space');
    expect(await focused(kb)).toMatchObject({ tag: 'INPUT', name: signal, checked: true });

    // Next step (Alt+↓): the focus goes to its heading.
    await kb.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => focused(kb)).toMatchObject({ tag: 'H2', name: 'Что делает клиент' });

    // The required guards and the outcome, each reached with Tab.
    await kb.keyboard.press('Alt+Digit4');
    await expect.poll(() => focused(kb)).toMatchObject({ tag: 'H2', name: 'Без типичных ошибок' });
    for (const guard of [
      'Я не тороплю клиента',
      'Только нужные сейчас документы',
      'Я не давлю на клиента',
    ]) {
      await tabTo(kb, guard, 6);
      await kb.keyboard.press('Space');
      expect(await focused(kb)).toMatchObject({ checked: true });
    }
    await kb.keyboard.press('Alt+Digit5');
    await expect.poll(() => focused(kb)).toMatchObject({ tag: 'H2', name: 'Итог' });
    await tabTo(kb, 'Сделка заключена', 6);
    // Radios of one group move with the arrows: Сделка заключена → Решение отложено → Отказ.
    await kb.keyboard.press('ArrowDown');
    await kb.keyboard.press('ArrowDown');
    expect(await focused(kb)).toMatchObject({ name: 'Отказ', checked: true });
    await tabTo(kb, 'Цена', 6);
    await kb.keyboard.press('Space');
    expect(await focused(kb)).toMatchObject({ name: 'Цена', checked: true });

    // Finish: Ctrl+Enter to the finishing step, Tab to the button, Enter.
    await kb.keyboard.press('Control+Enter');
    await expect.poll(() => focused(kb)).toMatchObject({ tag: 'H2', name: 'Завершение визита' });
    await tabTo(kb, 'Завершить визит', 10);
    await kb.keyboard.press('Enter');
    // The focus lands on the finished visit's summary.
    await expect
      .poll(() => focused(kb))
      .toMatchObject({ tag: 'H2', id: 'finished-title', name: 'Визит завершён' });
  });
});
