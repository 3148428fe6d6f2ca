// What a rep does in the app, step by step, found by role and accessible name as a rep sees it.
import type { Page } from 'playwright-core';
import { LABELS, LANGUAGE_OPTION, type Lang, type Route } from './labels';

/** A navigation link by its label; a count after the label (e.g. «План 3») still matches. */
export function navLink(page: Page, lang: Lang, route: Route) {
  const label = LABELS[lang][route].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .getByRole('navigation')
    .getByRole('link', { name: new RegExp(`^${label}(?!\\p{L})`, 'u') });
}

export async function goTo(page: Page, lang: Lang, route: Route): Promise<void> {
  await navLink(page, lang, route).click();
}

export interface NewClient {
  name: string;
  contactPerson: string;
  phone?: string;
}

export async function addClient(page: Page, lang: Lang, client: NewClient): Promise<void> {
  const t = LABELS[lang];
  await goTo(page, lang, 'clients');
  await page.getByRole('button', { name: t.newClient }).click();
  await page.getByLabel(t.clientName, { exact: true }).fill(client.name);
  await page.getByLabel(t.contactPerson, { exact: true }).fill(client.contactPerson);
  if (client.phone) await page.getByLabel(t.phone, { exact: true }).fill(client.phone);
  await page.getByRole('button', { name: t.save, exact: true }).click();
}

/** Picks the language in Settings; `from` is the language the screen is in now. */
export async function chooseLanguage(page: Page, from: Lang, to: Lang): Promise<void> {
  await goTo(page, from, 'settings');
  await page
    .getByLabel(LABELS[from].language, { exact: true })
    .selectOption({ label: LANGUAGE_OPTION[to] });
}
