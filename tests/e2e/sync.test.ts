// Issue 5 in a real browser: two profiles of the same rep (two laptops) sign in to the real sync
// server, edit one client offline (different fields, and the same note), sync, end equal, and the
// note's conflict is shown on the Sync screen and resolved there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addClient, goTo } from './app';
import { readStore } from './browser';
import { expectNoPageErrors, useChromium, type RepPage } from './session';
import { addRep, PASSWORD, startSyncServer, type RunningServer } from '../data/sync/harness';

const chromium = useChromium();
const SHOTS = process.env.FIELDBOOK_SHOTS === '1';
let server: RunningServer;
let email: string;

beforeAll(async () => {
  server = await startSyncServer();
  ({ email } = await addRep(server));
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const CLIENT = { name: 'Romashka LLC', contactPerson: 'Anna Petrova' };

/** The client's row in the list: a listbox option whose accessible name contains the name. */
function clientInList(page: Page) {
  return page.getByRole('main').getByRole('option', { name: CLIENT.name }).first();
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
}

async function theClient(page: Page): Promise<Record<string, unknown> | undefined> {
  return (await readStore(page, 'clients')).find((c) => c.name === CLIENT.name);
}

async function signIn(page: Page): Promise<void> {
  await goTo(page, 'en', 'sync');
  await page.getByLabel('Server address', { exact: true }).fill(server.url);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByText('Up to date.').waitFor();
}

/** "Sync now" on the Sync screen, then wait until this device has nothing left to send. */
async function syncNow(page: Page): Promise<void> {
  await goTo(page, 'en', 'sync');
  const pulled = page.waitForResponse((r) => r.url().endsWith('/v1/pull') && r.status() === 200);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await pulled;
  await page.getByText('Everything is sent.').waitFor();
  await page.getByText('Up to date.').waitFor();
}

async function editClient(
  page: Page,
  change: { address?: string; status?: string; notes: string },
): Promise<void> {
  await goTo(page, 'en', 'clients');
  await clientInList(page).click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  if (change.address !== undefined)
    await page.getByLabel('Address', { exact: true }).fill(change.address);
  if (change.status !== undefined)
    await page.getByLabel('Status', { exact: true }).selectOption({ label: change.status });
  await page.getByLabel('Notes about the client', { exact: true }).fill(change.notes);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Edit details' }).waitFor();
}

describe('two laptops of one rep, offline edits of one client', () => {
  it('different fields and lines merge, the same line is a conflict resolved on the Sync screen, and both end equal', async () => {
    const a: RepPage = await chromium.openApp('en');
    const b: RepPage = await chromium.openApp('en');
    await signIn(a.page);
    await signIn(b.page);

    await addClient(a.page, 'en', CLIENT);
    await clientInList(a.page).waitFor();
    await editClient(a.page, { notes: 'Call in the morning\nDiscount 5%\nDelivery by truck' });
    await syncNow(a.page);
    await syncNow(b.page);
    await expect
      .poll(async () => (await theClient(b.page))?.notes)
      .toBe('Call in the morning\nDiscount 5%\nDelivery by truck');

    await a.page.context().setOffline(true);
    await b.page.context().setOffline(true);
    await editClient(a.page, {
      address: '1 Lenin Street, Yekaterinburg',
      notes: 'Call in the morning, not after 5 pm\nDiscount 7%\nDelivery by truck',
    });
    await editClient(b.page, {
      status: 'Active',
      notes: 'Call in the morning\nDiscount 10%\nDelivery by truck on Fridays',
    });
    await goTo(b.page, 'en', 'sync');
    await b.page.getByText('No network').first().waitFor();

    // A comes back first; B's note arrives second and gets the conflict.
    await a.page.context().setOffline(false);
    await syncNow(a.page);
    await b.page.context().setOffline(false);
    await syncNow(b.page);

    const conflict = b.page.getByRole('article').filter({ hasText: 'Notes' });
    await conflict.waitFor();
    await expect
      .poll(() => conflict.textContent())
      .toContain('Call in the morning, not after 5 pm');
    expect(await conflict.textContent()).toContain('Discount 10%');
    await shot(b.page, 'sync-conflict');
    await conflict.getByRole('button', { name: 'Edit' }).click();
    const merged =
      'Call in the morning, not after 5 pm\nDiscount 10%\nDelivery by truck on Fridays';
    await conflict.getByLabel('The value to keep').fill(merged);
    await conflict.getByRole('button', { name: 'Save' }).click();
    await b.page.getByText('No conflicts.').waitFor();

    await syncNow(b.page);
    await syncNow(a.page);
    await shot(a.page, 'sync-page');
    await expect.poll(async () => (await theClient(a.page))?.notes).toBe(merged);
    const onA = await theClient(a.page);
    const onB = await theClient(b.page);
    expect(onA).toMatchObject({
      address: '1 Lenin Street, Yekaterinburg',
      status: 'active',
      notes: merged,
    });
    const { serverVersion: _va, ...restA } = onA!;
    const { serverVersion: _vb, ...restB } = onB!;
    expect(restA).toEqual(restB);
    expect(await readStore(a.page, 'outbox')).toEqual([]);
    expect(await readStore(b.page, 'outbox')).toEqual([]);
    expectNoPageErrors(a);
    expectNoPageErrors(b);
  }, 180_000);
});
