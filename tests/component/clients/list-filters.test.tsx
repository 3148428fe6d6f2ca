import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { renderWithData } from '../renderApp';
import { NO_FILTERS, useClientList } from '../../../renderer/store/clientList';
import { clientNames, LONG } from './testing';
import { addClient, addContact, addPerson, dayFromToday, resetListState } from './seed';
import { newFollowUp } from '../../../shared/domain';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

describe('client list filters and sort', LONG, () => {
  it('a status filter narrows the list and is still on after a restart', async () => {
    const user = userEvent.setup();
    const first = await renderWithData(<App />, 'en');
    await addClient(first.repo, 'Alpha', { status: 'active' });
    await addClient(first.repo, 'Beta', { status: 'at_risk' });
    const list = await screen.findByRole('listbox', { name: 'Client list' });
    await waitFor(() => expect(clientNames(list)).toEqual(['Alpha', 'Beta']));

    await user.click(screen.getByRole('button', { name: 'Filters' }));
    await user.click(screen.getByRole('checkbox', { name: 'At risk' }));
    await waitFor(() => expect(clientNames(list)).toEqual(['Beta']));
    expect(screen.getByRole('button', { name: 'Filters (1)' })).toBeInTheDocument();
    expect(localStorage.getItem('fieldbook.clientList')).toContain('at_risk');

    // A restart: the store reads what was persisted, a new window renders the same book.
    first.unmount();
    await restartStore();
    const second = await renderWithData(<App />, 'en');
    await addClient(second.repo, 'Gamma', { status: 'at_risk' });
    await addClient(second.repo, 'Delta', { status: 'active' });
    const again = await screen.findByRole('listbox', { name: 'Client list' });
    await waitFor(() => expect(clientNames(again)).toEqual(['Gamma']));
  });

  it('«birthday in the next 7 days» finds a child’s birthday given without a year', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'ru');
    const soon = await addClient(repo, 'Ромашка');
    const later = await addClient(repo, 'Лютик');
    const inThreeDays = dayFromToday(3);
    await addPerson(repo, soon.id, {
      name: 'Анна',
      children: [{ name: 'Маша', birthday: `--${inThreeDays.slice(5)}` }],
    });
    await addPerson(repo, later.id, { name: 'Борис', birthday: dayFromToday(20) });
    const list = await screen.findByRole('listbox', { name: 'Список клиентов' });
    await waitFor(() => expect(clientNames(list)).toEqual(['Лютик', 'Ромашка']));

    await user.click(screen.getByRole('button', { name: 'Фильтры' }));
    await user.click(screen.getByRole('checkbox', { name: 'День рождения в ближайшие 7 дней' }));
    await waitFor(() => expect(clientNames(list)).toEqual(['Ромашка']));
    expect(within(list).getByText('скоро день рождения')).toBeInTheDocument();
  });

  it('«no contact beyond cadence» keeps the clients whose silence is longer than their cadence', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'en');
    const quiet = await addClient(repo, 'Quiet', { cadenceDays: 7 });
    const recent = await addClient(repo, 'Recent', { cadenceDays: 7 });
    await addContact(repo, quiet.id, `${dayFromToday(-30)}T10:00:00+03:00`);
    await addContact(repo, recent.id, `${dayFromToday(-2)}T10:00:00+03:00`);
    const list = await screen.findByRole('listbox', { name: 'Client list' });
    await waitFor(() => expect(clientNames(list)).toEqual(['Quiet', 'Recent']));

    await user.click(screen.getByRole('button', { name: 'Filters' }));
    await user.click(screen.getByRole('checkbox', { name: 'No contact beyond cadence' }));
    // Read the list afresh: while the facts load it may be empty for a moment and come back anew.
    await waitFor(() =>
      expect(clientNames(screen.getByRole('listbox', { name: 'Client list' }))).toEqual(['Quiet']),
    );
  });

  it('«open problem» and «follow-up overdue» each keep only the clients that have one', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'en');
    const troubled = await addClient(repo, 'Troubled');
    const late = await addClient(repo, 'Late');
    await addClient(repo, 'Calm');
    await repo.create('problems', {
      clientId: troubled.id,
      visitId: null,
      purchaseId: null,
      description: 'Scratched panel',
      owner: 'me',
      due: null,
      status: 'open',
      sellersFault: false,
      deletedAt: null,
    });
    await repo.create(
      'followUps',
      newFollowUp({
        clientId: late.id,
        due: dayFromToday(-2),
        title: 'Call back',
      }),
    );
    const list = await screen.findByRole('listbox', { name: 'Client list' });
    await waitFor(() => expect(clientNames(list)).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: 'Filters' }));
    await user.click(screen.getByRole('checkbox', { name: 'Open problem' }));
    await waitFor(() => expect(clientNames(list)).toEqual(['Troubled']));
    await user.click(screen.getByRole('checkbox', { name: 'Open problem' }));
    await user.click(screen.getByRole('checkbox', { name: 'Follow-up overdue' }));
    await waitFor(() => expect(clientNames(list)).toEqual(['Late']));
  });

  it('sorting by last contact puts the longest silence first', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'en');
    const a = await addClient(repo, 'Aardvark');
    const b = await addClient(repo, 'Badger');
    await addClient(repo, 'Cat');
    await addContact(repo, a.id, `${dayFromToday(-1)}T10:00:00+03:00`);
    await addContact(repo, b.id, `${dayFromToday(-40)}T10:00:00+03:00`);
    const list = await screen.findByRole('listbox', { name: 'Client list' });
    await waitFor(() => expect(clientNames(list)).toEqual(['Aardvark', 'Badger', 'Cat']));
    await user.selectOptions(screen.getByLabelText('Sort'), 'Longest without contact');
    await waitFor(() => expect(clientNames(list)).toEqual(['Cat', 'Badger', 'Aardvark']));
  });
});

/** A restart: the in-memory store starts from defaults, then reads what was persisted. */
async function restartStore() {
  const saved = localStorage.getItem('fieldbook.clientList');
  useClientList.setState({ sort: 'name', filters: NO_FILTERS });
  if (saved !== null) localStorage.setItem('fieldbook.clientList', saved);
  expect(useClientList.getState().filters.statuses).toEqual([]);
  await useClientList.persist.rehydrate();
}
