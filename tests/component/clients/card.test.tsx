import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { renderWithData } from '../renderApp';
import { formatDate } from '../../../renderer/i18n/dates';
import { localToday } from '../../../renderer/features/clients/data/clientQueries';
import { LONG } from './testing';
import { addClient, addContact, addPerson, dayFromToday, resetListState } from './seed';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

describe('client card', LONG, () => {
  it('shows people with children, the map link, and a timeline newest first; last contact is derived', async () => {
    const { repo } = await renderWithData(<App />, 'en');
    const c = await repo.create('clients', {
      kind: 'company',
      name: 'Buttercup Ltd',
      status: 'active',
      tags: ['wholesale'],
      cadenceDays: null,
      address: 'Tverskaya 1, Moscow',
      notes: '',
      loyalty: 'high',
      churnReason: null,
      churnComment: '',
      referredBy: null,
      deletedAt: null,
    });
    await addPerson(repo, c.id, {
      name: 'Ann Smith',
      role: 'Director',
      addressForm: 'formal',
      children: [{ name: 'Kate', birthday: '--05-12' }],
      channels: [{ kind: 'telegram', value: '@ann' }],
    });
    await addContact(repo, c.id, '2025-03-01T10:00:00+03:00', 'Called about the invoice');
    await repo.create('notes', {
      clientId: c.id,
      visitId: null,
      text: 'Wants a second machine',
      deletedAt: null,
    });
    window.location.hash = `#/clients/${c.id}`;

    const card = await screen.findByRole('article', { name: 'Buttercup Ltd' });
    const people = within(card).getByRole('region', { name: 'People' });
    expect(within(people).getByText('Ann Smith')).toBeInTheDocument();
    expect(people).toHaveTextContent('Formal («вы»)');
    expect(people).toHaveTextContent('Kate (12 May)');
    expect(people).toHaveTextContent('Telegram: @ann');
    const maps = within(card).getByRole('link', { name: 'Open in maps' });
    expect(maps.getAttribute('href')).toContain(encodeURIComponent('Tverskaya 1, Moscow'));

    const timeline = within(card).getByRole('region', { name: 'Timeline' });
    // Other features may add follow-ups to the timeline; the order of these two is what counts.
    const texts = within(timeline)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    const note = texts.findIndex((t) => t.includes('Wants a second machine'));
    const call = texts.findIndex((t) => t.includes('Called about the invoice'));
    expect(note).toBeGreaterThanOrEqual(0);
    expect(call).toBeGreaterThan(note);
    // The note written just now is the last contact, not the call in March.
    expect(within(card).getByText('Last contact').nextElementSibling).toHaveTextContent(
      formatDate(localToday(), 'withMonth', 'en'),
    );
  });

  it('a child’s birthday edited on the card is saved, and a year left empty stays year-less', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'ru');
    const c = await addClient(repo, 'Ромашка');
    const anna = await addPerson(repo, c.id, {
      name: 'Анна',
      children: [{ name: 'Маша', birthday: null }],
    });
    window.location.hash = `#/clients/${c.id}`;
    await user.click(await screen.findByRole('button', { name: 'Изменить: Анна' }));
    const group = screen.getByRole('group', { name: 'День рождения: Маша' });
    const soon = dayFromToday(2);
    await user.type(within(group).getByLabelText('День'), String(Number(soon.slice(8))));
    await user.selectOptions(
      within(group).getByLabelText('Месяц'),
      String(Number(soon.slice(5, 7))),
    );
    await user.click(screen.getByRole('button', { name: 'Сохранить человека' }));
    await waitFor(async () =>
      expect((await db.people.get(anna.id))!.children).toEqual([
        { name: 'Маша', birthday: `--${soon.slice(5)}` },
      ]),
    );
    // The list knows at once: the client now has a birthday coming.
    const list = screen.getByRole('listbox', { name: 'Список клиентов' });
    await waitFor(() => expect(within(list).getByText('скоро день рождения')).toBeInTheDocument());
  });

  it('an impossible birthday is refused with a message and nothing is saved', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Daisy');
    const p = await addPerson(repo, c.id, { name: 'Bob' });
    window.location.hash = `#/clients/${c.id}`;
    await user.click(await screen.findByRole('button', { name: 'Edit Bob' }));
    const group = screen.getByRole('group', { name: 'Birthday' });
    await user.type(within(group).getByLabelText('Day'), '31');
    await user.selectOptions(within(group).getByLabelText('Month'), 'February');
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This is not a real date');
    expect((await db.people.get(p.id))!.birthday).toBeNull();
  });

  it('a second person can be added with a phone; a doubtful e-mail only warns', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Daisy');
    window.location.hash = `#/clients/${c.id}`;
    await user.click(await screen.findByRole('button', { name: 'Add person' }));
    await user.type(screen.getByLabelText('Name'), 'Carol');
    await user.click(screen.getByRole('button', { name: 'Add phone, e-mail or messenger' }));
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '8 (912) 000-11-22');
    await user.click(screen.getByRole('button', { name: 'Add phone, e-mail or messenger' }));
    await user.selectOptions(screen.getByLabelText('Kind of contact 2'), 'E-mail');
    await user.type(screen.getByRole('textbox', { name: 'E-mail' }), 'carol@');
    expect(screen.getByText(/does not look like an e-mail/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    await waitFor(async () =>
      expect(await db.people.where('clientId').equals(c.id).count()).toBe(1),
    );
    const [carol] = await db.people.where('clientId').equals(c.id).toArray();
    expect(carol!.channels).toEqual([
      { kind: 'phone', value: '8 (912) 000-11-22' },
      { kind: 'email', value: 'carol@' },
    ]);
  });
});
