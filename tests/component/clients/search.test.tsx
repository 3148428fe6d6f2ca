import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { renderWithData } from '../renderApp';
import { LONG } from './testing';
import { addClient, addPerson, resetListState } from './seed';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

const marked = (el: HTMLElement) => [...el.querySelectorAll('mark')].map((m) => m.textContent);

describe('client search', LONG, () => {
  it('typing the start of a name narrows the list and marks the matched letters', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'ru');
    await addClient(repo, 'ООО Ромашка');
    await addClient(repo, 'Лютик');
    const list = await screen.findByRole('listbox', { name: 'Список клиентов' });
    await within(list).findByText('Лютик');

    await user.type(screen.getByLabelText('Поиск клиентов'), 'ром');
    // The list may be drawn anew while the book finishes loading: find it again.
    const found = () => screen.getByRole('listbox', { name: 'Список клиентов' });
    await waitFor(() => expect(within(found()).getAllByRole('option')).toHaveLength(1));
    const row = within(found()).getByRole('option');
    expect(row.querySelector('.client-name')!.textContent).toBe('ООО Ромашка');
    expect(marked(row)).toEqual(['Ром']);
    expect(screen.getByText(/Найден 1/)).toBeInTheDocument();
  });

  it('a phone typed in another format finds the client and says it matched a phone', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Buttercup Ltd');
    await addPerson(repo, c.id, {
      name: 'Ann',
      channels: [{ kind: 'phone', value: '+7 912 345-67-89' }],
    });
    await addClient(repo, 'Daisy');
    const list = await screen.findByRole('listbox', { name: 'Client list' });
    await within(list).findByText('Daisy');
    await user.type(screen.getByLabelText('Search clients'), '89123456789');
    // The list may be drawn anew while the book finishes loading: find it again.
    const found = () => screen.getByRole('listbox', { name: 'Client list' });
    await waitFor(() => expect(within(found()).getAllByRole('option')).toHaveLength(1));
    const row = within(found()).getByRole('option');
    expect(row).toHaveTextContent('Buttercup Ltd');
    expect(within(row).getByText('phone:')).toBeInTheDocument();
    expect(marked(row).join('')).toMatch(/912/);
  });

  it('a word that is only in a note finds the client and shows the note with the word marked', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'ru');
    const c = await addClient(repo, 'Ромашка');
    await addClient(repo, 'Лютик');
    await repo.create('notes', {
      clientId: c.id,
      visitId: null,
      text: 'Директор просил привезти образцы кофемашины к пятнице',
      deletedAt: null,
    });
    const list = await screen.findByRole('listbox', { name: 'Список клиентов' });
    await within(list).findByText('Лютик');
    await user.type(screen.getByLabelText('Поиск клиентов'), 'кофемаш');
    // While the word is half typed nothing may match and the list is replaced: find it again.
    const rows = () =>
      within(screen.getByRole('listbox', { name: 'Список клиентов' })).getAllByRole('option');
    await waitFor(() =>
      expect(rows().map((o) => o.querySelector('.client-name')!.textContent)).toEqual(['Ромашка']),
    );
    const row = rows()[0]!;
    await waitFor(() => expect(marked(rows()[0]!)).toEqual(['кофемаш']));
    expect(within(row).getByText('заметка:')).toBeInTheDocument();
  });

  it('«/» puts the cursor in the search box and «N» opens a new client form', async () => {
    const user = userEvent.setup();
    await renderWithData(<App />, 'en');
    await screen.findByText(/No clients yet/);
    await user.keyboard('/');
    expect(screen.getByLabelText('Search clients')).toHaveFocus();
    await user.keyboard('{Escape}');
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('n');
    expect(await screen.findByRole('heading', { name: 'New client' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/clients/new');
  });
});
