// Issue 12 in a real browser against the real sync server: two reps on two profiles each add a
// client and sync; the manager opens the app served by the sync server itself (not by vite) on a
// third profile, signs in, and sees both reps' rows by name, the team's row, and a rep's report.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addTeam, addUser } from '../../server/accounts/accounts';
import { addClient, goTo } from './app';
import { launchChromium, newRepContext } from './browser';
import { buildRenderer } from './serve';
import { expectNoPageErrors, useChromium } from './session';
import { PASSWORD, startSyncServer, type RunningServer } from '../data/sync/harness';

const chromium = useChromium();
let server: RunningServer;
let outDir: string;
let managerBrowser: Browser;
const TEAM = 'Урал-e2e';
const REPS = [
  { email: 'anna-e2e@example.test', name: 'Анна Петрова', client: 'ООО Северный ветер' },
  { email: 'boris-e2e@example.test', name: 'Борис Иванов', client: 'АО Пермские технологии' },
];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'fieldbook-team-e2e-'));
  await buildRenderer(outDir);
  server = await startSyncServer({ webApp: { dir: outDir } });
  await addTeam(server.db, TEAM);
  for (const r of REPS)
    await addUser(server.db, {
      team: TEAM,
      email: r.email,
      name: r.name,
      role: 'rep',
      password: PASSWORD,
    });
  await addUser(server.db, {
    team: TEAM,
    email: 'boss-e2e@example.test',
    name: 'Мария Соколова',
    role: 'manager',
    password: PASSWORD,
  });
  managerBrowser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await managerBrowser?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function signIn(page: Page, email: string, serverUrl: string | null): Promise<void> {
  await goTo(page, 'en', 'sync');
  if (serverUrl !== null) await page.getByLabel('Server address', { exact: true }).fill(serverUrl);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByText('Up to date.').waitFor({ timeout: 30_000 });
}

async function syncNow(page: Page): Promise<void> {
  await goTo(page, 'en', 'sync');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByText('Everything is sent.').waitFor();
  await page.getByText('Up to date.').waitFor();
}

describe('the team view against the real server', () => {
  it("two reps sync; the manager, on the app the sync server serves, sees both reps' rows by name", async () => {
    for (const r of REPS) {
      const rep = await chromium.openApp('en');
      await signIn(rep.page, r.email, server.url);
      // A rep signed in sees no Team link and no publish control.
      expect(await rep.page.getByRole('link', { name: 'Team' }).count()).toBe(0);
      await addClient(rep.page, 'en', { name: r.client, contactPerson: 'Иван' });
      await syncNow(rep.page);
      expectNoPageErrors(rep);
    }

    const context = await newRepContext(managerBrowser, { locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    // Served by the sync server with its strict policy, and the address already filled in.
    await goTo(page, 'en', 'sync');
    await expect
      .poll(() => page.getByLabel('Server address', { exact: true }).inputValue())
      .toBe(server.url);
    await signIn(page, 'boss-e2e@example.test', null);
    await page.getByRole('link', { name: 'Team' }).click();
    const table = page.getByRole('table', { name: /Each rep’s month/ });
    for (const r of REPS) await table.getByRole('link', { name: r.name, exact: true }).waitFor();
    expect(await table.getByRole('row', { name: /Whole team/ }).count()).toBe(1);
    expect(await page.locator('body').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-7/);
    await table.getByRole('link', { name: REPS[0]!.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${REPS[0]!.name}:`) }).waitFor();
    await page.getByRole('heading', { name: 'Post-sale actions: done vs due' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
