import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { saveCadenceSettings } from '../../../renderer/features/settings/data/cadenceSettings';
import { DEFAULT_CADENCE_SETTINGS } from '../../../shared/domain/cadence';
import { renderWithData } from '../renderApp';
import { clientNames, LONG } from './testing';
import { addClient, addContact, dayFromToday, resetListState } from './seed';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

describe('contact cadence on the card', LONG, () => {
  it('says where the cadence comes from, takes an override, refuses bad input and goes back to the default', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'ru');
    await saveCadenceSettings(db, { ...DEFAULT_CADENCE_SETTINGS, byTag: { опт: 14 } });
    const c = await addClient(repo, 'Ромашка', { status: 'active', tags: ['Опт'] });
    window.location.hash = `#/clients/${c.id}`;

    const card = await screen.findByRole('article', { name: 'Ромашка' });
    const cadence = () => within(card).getByText('Связываться').nextElementSibling!;
    await waitFor(() => expect(cadence()).toHaveTextContent('раз в 14 дней (по метке «опт»)'));

    const own = within(card).getByRole('textbox', { name: 'Свой срок, дней' });
    await user.type(own, '4,5');
    expect(
      within(card).getByText('Введите целое число дней от 1 до 3650 или оставьте поле пустым.'),
    ).toBeInTheDocument();
    expect(own).toHaveValue('4,5');
    expect(within(card).getByRole('button', { name: 'Задать срок' })).toBeDisabled();
    expect((await db.clients.get(c.id))?.cadenceDays).toBeNull();

    await user.clear(own);
    await user.type(own, '45');
    await user.click(within(card).getByRole('button', { name: 'Задать срок' }));
    await waitFor(() => expect(cadence()).toHaveTextContent('раз в 45 дней (задано для клиента)'));
    expect((await db.clients.get(c.id))?.cadenceDays).toBe(45);

    await user.click(within(card).getByRole('button', { name: 'Срок по умолчанию' }));
    await waitFor(() => expect(cadence()).toHaveTextContent('раз в 14 дней (по метке «опт»)'));
    expect((await db.clients.get(c.id))?.cadenceDays).toBeNull();
  });

  it('follows the settings: a new status default shows on the card at once', async () => {
    const { repo, db } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Buttercup', { status: 'prospect' });
    window.location.hash = `#/clients/${c.id}`;
    const card = await screen.findByRole('article', { name: 'Buttercup' });
    const cadence = () => within(card).getByText('Contact cadence').nextElementSibling!;
    await waitFor(() =>
      expect(cadence()).toHaveTextContent('every 14 days (default for “Prospect”)'),
    );
    await saveCadenceSettings(db, { defaultDays: 21, byStatus: {}, byTag: {} });
    await waitFor(() => expect(cadence()).toHaveTextContent('every 21 days (general default)'));
  });
});

describe('contact cadence in the list', LONG, () => {
  it('«no contact beyond cadence» is re-evaluated when the settings change', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'en');
    const wholesale = await addClient(repo, 'Wholesale Co', { status: 'active', tags: ['opt'] });
    const retail = await addClient(repo, 'Retail Co', { status: 'active' });
    await addContact(repo, wholesale.id, `${dayFromToday(-12)}T10:00:00+03:00`);
    await addContact(repo, retail.id, `${dayFromToday(-12)}T10:00:00+03:00`);
    const list = await screen.findByRole('listbox', { name: 'Client list' });
    await waitFor(() => expect(clientNames(list)).toEqual(['Retail Co', 'Wholesale Co']));

    await user.click(screen.getByRole('button', { name: 'Filters' }));
    await user.click(screen.getByRole('checkbox', { name: 'No contact beyond cadence' }));
    // Twelve days of silence is within the active default (30 days): nobody is overdue yet.
    expect(await screen.findByText(/^No client matches/)).toBeInTheDocument();

    await saveCadenceSettings(db, { ...DEFAULT_CADENCE_SETTINGS, byTag: { OPT: 10 } });
    const overdue = await screen.findByRole('listbox', { name: 'Client list' });
    await waitFor(() => expect(clientNames(overdue)).toEqual(['Wholesale Co']));
  });
});
