import { describe, it, expect, beforeEach } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { renderWithData } from '../renderApp';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { LONG } from './testing';

beforeEach(() => {
  window.location.hash = '#/clients';
});

describe('client book slice', LONG, () => {
  it('a client typed into the form reaches the list through the repository and the outbox', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<App />, 'ru');
    await user.click(screen.getByRole('button', { name: 'Новый клиент' }));
    await user.type(screen.getByLabelText('Название или имя клиента'), 'ООО Ромашка');
    await user.type(
      screen.getByLabelText('Контактное лицо', { selector: 'input' }),
      'Анна Петрова',
    );
    await user.type(screen.getByLabelText('Телефон'), '+7 912 345-67-89');
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));

    const list = await screen.findByRole('listbox', { name: 'Список клиентов' });
    expect(await within(list).findByText('ООО Ромашка')).toBeInTheDocument();
    expect(within(list).getByText(/Анна Петрова/)).toBeInTheDocument();
    const ops = await db.outbox.toArray();
    expect(ops.map((o) => o.table)).toEqual(['clients', 'people']);
    expect((await db.people.toArray())[0]!.channels).toEqual([
      { kind: 'phone', value: '+7 912 345-67-89' },
    ]);
  });

  it('a missing name stops the save with a message; a doubtful e-mail only warns', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<App />, 'en');
    await user.click(screen.getByRole('button', { name: 'New client' }));
    await user.type(screen.getByLabelText('E-mail'), 'anna@');
    expect(screen.getByText(/does not look like an e-mail/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter the client’s name.')).toBeInTheDocument();
    expect(screen.getByLabelText('Client name')).toHaveAttribute('aria-invalid', 'true');
    expect(await db.clients.count()).toBe(0);

    await user.type(screen.getByLabelText('Client name'), 'Draft Co');
    await user.type(screen.getByLabelText('Contact person', { selector: 'input' }), 'Ann');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect(await db.clients.count()).toBe(1));
    expect((await db.people.toArray())[0]!.channels).toEqual([{ kind: 'email', value: 'anna@' }]);
  });

  it('arrow keys move through the list and Enter opens the client', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'en');
    for (const name of ['Alpha', 'Beta', 'Gamma'])
      await repo.create('clients', { ...emptyClientDraft(), name });
    const list = await screen.findByRole('listbox', { name: 'Client list' });
    await within(list).findByText('Gamma');
    list.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(window.location.hash).toMatch(/^#\/clients\/[0-9a-f-]{36}$/);
    expect(await screen.findByRole('heading', { name: 'Gamma' })).toBeInTheDocument();
  });

  it('moving a client to the trash takes it off the list but keeps the row', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'en');
    const c = await repo.create('clients', { ...emptyClientDraft(), name: 'Trashme' });
    window.location.hash = `#/clients/${c.id}`;
    await user.click(await screen.findByRole('button', { name: 'Move to trash' }));
    await waitFor(() =>
      expect(screen.queryByRole('option', { name: /Trashme/ })).not.toBeInTheDocument(),
    );
    expect(screen.queryByRole('heading', { name: 'Trashme' })).not.toBeInTheDocument();
    expect((await db.clients.get(c.id))!.deletedAt).not.toBeNull();
  });

  it('every navigation link has a name in both languages', async () => {
    await renderWithData(<App />, 'ru');
    const nav = screen.getByRole('navigation', { name: 'Основная навигация' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Клиенты', 'План', 'Визиты', 'Отчёты', 'Синхронизация', 'Настройки']);
  });
});
