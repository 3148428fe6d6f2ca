// The client's history and "log a contact" (issue 11, items 1 and 3): the history is what
// happened, newest first, with follow-ups named by their kind; tasks ahead sit in their own list;
// any kind of contact, a complaint too, is logged from the card and from the search results.
import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { newPurchase } from '../../../shared/domain';
import { renderWithData } from '../renderApp';
import { LONG } from './testing';
import { addClient, addContact, dayFromToday, resetListState } from './seed';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

describe('client history and logging a contact', LONG, () => {
  it('history lists what happened newest first, follow-ups by kind; tasks ahead are a list of their own', async () => {
    const { repo } = await renderWithData(<App />, 'ru');
    const c = await addClient(repo, 'Колесников и сыновья', { status: 'active' });
    await repo.create(
      'purchases',
      newPurchase({
        clientId: c.id,
        date: dayFromToday(-20),
        items: [{ name: 'Котёл Buderus', quantity: 1, unitPrice: null }],
        installation: { due: dayFromToday(5), done: null },
        payment: { due: dayFromToday(-2), done: dayFromToday(-3) },
      }),
    );
    await addContact(repo, c.id, `${dayFromToday(-10)}T10:00:00+03:00`, 'Обсудили монтаж');
    await addContact(repo, c.id, `${dayFromToday(-1)}T10:00:00+03:00`, 'Подтвердили оплату');
    window.location.hash = `#/clients/${c.id}`;
    const card = await screen.findByRole('article', { name: 'Колесников и сыновья' });

    const ahead = await within(card).findByRole(
      'region',
      { name: 'Предстоящие задачи' },
      { timeout: 10_000 },
    );
    await within(ahead).findByText(/Проверить установку: Котёл Buderus/, {}, { timeout: 10_000 });
    const history = within(card).getByRole('list', { name: 'История' });
    const texts = within(history)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    // No task in the history, and nothing worded as a kind-less «Задача (открыта)».
    expect(texts.some((t) => t.includes('Проверить установку'))).toBe(false);
    expect(card.textContent).not.toMatch(/Задача \(открыта\) /);
    const paid = texts.findIndex((t) => t.includes('Подтвердили оплату'));
    const talked = texts.findIndex((t) => t.includes('Обсудили монтаж'));
    expect(paid).toBeGreaterThanOrEqual(0);
    expect(talked).toBeGreaterThan(paid);
  });

  it('a complaint is logged from the card by a client with no open task, and reads as a complaint', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'ru');
    const c = await addClient(repo, 'Ромашка', { status: 'active' });
    window.location.hash = `#/clients/${c.id}`;
    const card = await screen.findByRole('article', { name: 'Ромашка' });
    await user.click(within(card).getByRole('button', { name: 'Записать контакт' }));
    const kind = await within(card).findByRole('radio', { name: 'Клиент обратился сам' });
    // The form opens with the focus on its first control.
    await waitFor(() => expect(card.contains(document.activeElement)).toBe(true));
    expect(document.activeElement?.closest('form')).not.toBeNull();
    await user.click(kind);
    await user.click(within(card).getByRole('radio', { name: 'Жалоба' }));
    await user.type(
      within(card).getByRole('textbox', { name: /Коротко о разговоре/ }),
      'Шумит котёл после монтажа',
    );
    await user.click(within(card).getByRole('button', { name: 'Сохранить контакт' }));
    await waitFor(async () => expect(await db.contacts.count()).toBe(1));
    const [contact] = await db.contacts.toArray();
    expect([contact!.type, contact!.subtype, contact!.clientId]).toEqual([
      'customer_initiated',
      'complaint',
      c.id,
    ]);
    const history = within(card).getByRole('list', { name: 'История' });
    expect(await within(history).findByText(/Обращение клиента: жалоба · телефон/)).toBeVisible();
  });

  it.each([
    ['marketing', 'News, offers, new products'],
    ['proactive_notice', 'Told the client first'],
  ] as const)(
    'from the search results, by keyboard, a %s contact is logged for the client found',
    async (type, label) => {
      const user = userEvent.setup();
      const { repo, db } = await renderWithData(<App />, 'en');
      const c = await addClient(repo, 'Kolesnikov & Sons', { status: 'active' });
      await addClient(repo, 'Buttercup Ltd', { status: 'active' });
      const search = await screen.findByRole('searchbox');
      await user.type(search, 'Kolesnikov');
      await waitFor(() => expect(screen.queryByText('Buttercup Ltd')).not.toBeInTheDocument());
      const button = await screen.findByRole('button', {
        name: 'Log a contact: Kolesnikov & Sons',
      });
      // A real button outside the listbox, in the tab order, worked with the keyboard.
      expect(button.tagName).toBe('BUTTON');
      expect(button.closest('[role="listbox"]')).toBeNull();
      expect(button.tabIndex).toBe(0);
      button.focus();
      await user.keyboard('{Enter}');
      const card = await screen.findByRole('article', { name: 'Kolesnikov & Sons' });
      await waitFor(() =>
        expect(document.activeElement?.closest('form')?.closest('article')).toBe(card),
      );
      await user.click(within(card).getByRole('radio', { name: label }));
      if (type === 'proactive_notice')
        await user.click(within(card).getByRole('radio', { name: 'Price change' }));
      await user.type(
        within(card).getByRole('textbox', { name: /What was said/ }),
        'Told them before they asked',
      );
      await user.click(within(card).getByRole('button', { name: 'Save contact' }));
      await waitFor(async () => expect(await db.contacts.count()).toBe(1));
      const [contact] = await db.contacts.toArray();
      expect([contact!.type, contact!.clientId]).toEqual([type, c.id]);
    },
  );
});
