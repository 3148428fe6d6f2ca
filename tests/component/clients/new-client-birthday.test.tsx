// A birthday in the new-client form needs no year (issue 11, item 10): many reps know the day and
// month only, and the person editor and shared/domain ('--MM-DD') already allow it.
import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { renderWithData } from '../renderApp';
import { LONG } from './testing';
import { resetListState } from './seed';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

describe('new client form', LONG, () => {
  it('saves a contact person’s birthday given as day and month, without a year', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<App />, 'en');
    await user.click(await screen.findByRole('button', { name: 'New client' }));
    await user.type(screen.getByLabelText('Client name'), 'Kolesnikov & Sons');
    await user.type(screen.getByLabelText('Contact person', { selector: 'input' }), 'Fyodor');
    const birthday = screen.getByRole('group', { name: 'Birthday' });
    await user.type(within(birthday).getByLabelText('Day'), '11');
    await user.selectOptions(within(birthday).getByLabelText('Month'), 'December');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect(await db.people.count()).toBe(1));
    expect((await db.people.toArray())[0]!.birthday).toBe('--12-11');
  });

  it('refuses 31 February with a message and saves nothing', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<App />, 'ru');
    await user.click(await screen.findByRole('button', { name: 'Новый клиент' }));
    await user.type(screen.getByLabelText('Название или имя клиента'), 'Ромашка');
    await user.type(screen.getByLabelText('Контактное лицо', { selector: 'input' }), 'Анна');
    const birthday = screen.getByRole('group', { name: 'День рождения' });
    await user.type(within(birthday).getByLabelText('День'), '31');
    await user.selectOptions(within(birthday).getByLabelText('Месяц'), 'февраля');
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findAllByText(/Такой даты нет/)).not.toHaveLength(0);
    expect(await db.clients.count()).toBe(0);
  });
});
