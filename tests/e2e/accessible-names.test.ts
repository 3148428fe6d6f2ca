// Every control a rep can reach has an accessible name in both languages: screen readers, voice
// control and these tests all find controls by it.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addClient, goTo } from './app';
import { ROUTES, type Lang } from './labels';
import { expectNoPageErrors, useChromium } from './session';

const chromium = useChromium();

const CONTROL_ROLES = [
  'button',
  'link',
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'spinbutton',
  'slider',
  'switch',
  'tab',
  'menuitem',
  'option',
];
// An aria snapshot line names a control as `- button "Save"`; a nameless one is `- button` alone.
const NAMELESS = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})(?=$|[\\s:\\[])(?!\\s+")`);

async function namelessControls(page: Page, where: string): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return snapshot
    .split('\n')
    .filter((line) => NAMELESS.test(line))
    .map((line) => `${where}: ${line.trim()}`);
}

describe.each<Lang>(['ru', 'en'])('accessible names in %s', (lang) => {
  it('every control on every screen, and in the client form, has a name', async () => {
    const rep = await chromium.openApp(lang);
    // One client, so the list has a row and the form is open with all its fields.
    await addClient(rep.page, lang, { name: 'ООО Ромашка', contactPerson: 'Анна Петрова' });
    const nameless = await namelessControls(rep.page, 'client form');
    for (const route of ROUTES) {
      await goTo(rep.page, lang, route);
      await rep.page.getByRole('main').waitFor();
      nameless.push(...(await namelessControls(rep.page, route)));
    }
    expect(nameless).toEqual([]);
    expectNoPageErrors(rep);
  });
});
