// Issue 2's walk through the whole stack in a real browser: form → repository → IndexedDB →
// live query → list, the outbox beside it, and the language switch.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OutboxOpSchema, type OutboxOp } from '../../shared/sync/outbox';
import { compareHlc } from '../../shared/sync/hlc';
import { addClient, chooseLanguage, navLink } from './app';
import { readOutbox } from './browser';
import { LABELS } from './labels';
import { expectNoPageErrors, useChromium } from './session';

const ROMASHKA = { name: 'ООО Ромашка', contactPerson: 'Анна Сергеевна Петрова' };

const chromium = useChromium();

/** The client's row in the list: a listbox option whose accessible name contains the name. */
function clientInList(page: Page, name: string) {
  return page.getByRole('main').getByRole('option', { name }).first();
}

describe('a rep adds a client in Russian', () => {
  it('a client with a Cyrillic name is still in the list after a reload', async () => {
    const rep = await chromium.openApp('ru');
    await addClient(rep.page, 'ru', ROMASHKA);
    await clientInList(rep.page, ROMASHKA.name).waitFor();

    await rep.page.reload();
    await navLink(rep.page, 'ru', 'clients').click();
    await clientInList(rep.page, ROMASHKA.name).waitFor();
    expectNoPageErrors(rep);
  });

  it('the outbox holds the client and its contact person in sequence, with clock stamps', async () => {
    const rep = await chromium.openApp('ru');
    await addClient(rep.page, 'ru', ROMASHKA);
    await clientInList(rep.page, ROMASHKA.name).waitFor();
    // Read after a reload: the outbox must survive it like the records do.
    await rep.page.reload();
    await navLink(rep.page, 'ru', 'clients').waitFor();

    const raw = await readOutbox(rep.page);
    const ops: OutboxOp[] = raw.map((row) => OutboxOpSchema.parse(row));
    ops.sort((a, b) => a.seq - b.seq);

    expect(ops.map((op) => op.seq)).toEqual(ops.map((_, i) => i + 1));
    expect(new Set(ops.map((op) => op.opId)).size).toBe(ops.length);
    for (const op of ops) expect(op.hlc).toMatch(/^\d{15}-[0-9a-f]{4}-[0-9a-f]{16}$/);
    // Later sequence numbers never carry an earlier clock stamp.
    for (let i = 1; i < ops.length; i++) {
      expect(compareHlc(ops[i - 1]!.hlc, ops[i]!.hlc)).toBeLessThanOrEqual(0);
    }

    const client = ops.find((op) => op.table === 'clients' && op.fields.name === ROMASHKA.name);
    expect(client, 'an outbox row creating «ООО Ромашка»').toBeDefined();
    const person = ops.find(
      (op) => op.table === 'people' && op.fields.name === ROMASHKA.contactPerson,
    );
    expect(person, 'an outbox row creating the contact person').toBeDefined();
    expect(person!.fields.clientId).toBe(client!.rowId);
    expectNoPageErrors(rep);
  });

  it('switching to English (remembered over a reload) and back to Russian relabels the app and keeps the client', async () => {
    const rep = await chromium.openApp('ru');
    await addClient(rep.page, 'ru', ROMASHKA);
    await clientInList(rep.page, ROMASHKA.name).waitFor();

    await chooseLanguage(rep.page, 'ru', 'en');
    await navLink(rep.page, 'en', 'clients').waitFor();
    expect(await navLink(rep.page, 'ru', 'clients').count()).toBe(0);
    // The choice is remembered: a reload does not fall back to the browser's Russian.
    await rep.page.reload();
    await navLink(rep.page, 'en', 'clients').waitFor();
    await navLink(rep.page, 'en', 'clients').click();
    await clientInList(rep.page, ROMASHKA.name).waitFor();
    await rep.page.getByRole('button', { name: LABELS.en.newClient }).waitFor();

    await chooseLanguage(rep.page, 'en', 'ru');
    await navLink(rep.page, 'ru', 'clients').waitFor();
    expect(await navLink(rep.page, 'en', 'clients').count()).toBe(0);
    await navLink(rep.page, 'ru', 'clients').click();
    await clientInList(rep.page, ROMASHKA.name).waitFor();
    expectNoPageErrors(rep);
  });
});
