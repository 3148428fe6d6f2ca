// A manager signed in to the company's server reads a rep's client but may not change it (the
// server refuses a manager's change to a rep's rows): the card says whose it is and offers no
// control that would be refused. The manager's own clients, and a rep's, stay editable.
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { ClientCard } from '../../../renderer/features/clients/ClientCard';
import { saveRetention } from '../../../renderer/features/clients/data/retention';
import { trashClient } from '../../../renderer/features/clients/data/trash';
import type { Language } from '../../../renderer/i18n';
import { newPurchase } from '../../../shared/domain';
import { renderWithData } from '../renderApp';
import { ANNA, AS_MANAGER, MANAGER, signIn, type SignedIn } from '../managerDevice';
import { LONG } from './testing';
import { addClient, addPerson, resetListState } from './seed';

/** The card of a client of `owner`, seen on a device signed in as `as`. */
async function cardOf(as: SignedIn, owner: string, lang: Language) {
  // Rendered first: the card waits for its client, as it does when opened from the list.
  let open: (clientId: string) => void = () => {};
  const Card = () => {
    const [clientId, setClientId] = useState('');
    open = setClientId;
    return clientId ? <ClientCard clientId={clientId} /> : null;
  };
  const view = await renderWithData(<Card />, lang);
  const { db, repo } = view;
  await signIn(db, as);
  const c = await addClient(repo, 'ООО Ромашка', { status: 'at_risk' });
  await addPerson(repo, c.id, { name: 'Ирина Смирнова' });
  await repo.create('purchases', newPurchase({ clientId: c.id, date: '2026-02-10' }));
  await saveRetention(repo, c.id, undefined, {
    churnReason: 'not_listened',
    churnComment: '',
    cause: 'Звонки без ответа',
    status: 'active',
    actions: [
      {
        id: crypto.randomUUID(),
        text: 'Визит с руководителем',
        responsible: 'Анна',
        due: null,
        done: false,
      },
    ],
  });
  await repo.create('notes', {
    clientId: c.id,
    visitId: null,
    text: 'Хотят вторую машину',
    deletedAt: null,
  });
  await db.clients.update(c.id, { ownerId: owner });
  act(() => open(c.id));
  return { ...view, card: await screen.findByRole('article', { name: 'ООО Ромашка' }) };
}

/** Every control on the card a person can use to change something. */
const changeControls = (card: HTMLElement) => [
  ...within(card)
    .queryAllByRole('button')
    // The health badge opens its reasons: it reads, it changes nothing.
    .filter((b) => !b.classList.contains('health-badge')),
  ...within(card).queryAllByRole('textbox'),
  ...within(card).queryAllByRole('combobox'),
  ...within(card).queryAllByRole('checkbox'),
  ...within(card).queryAllByRole('spinbutton'),
];

describe("a rep's client on a manager's device", LONG, () => {
  it('opens read-only: a line names the rep, the records show, and nothing on it can be changed', async () => {
    const { card } = await cardOf(AS_MANAGER, ANNA, 'ru');
    expect(
      await within(card).findByText(
        'Клиент представителя Анна Петрова: только просмотр — изменения вносит представитель.',
      ),
    ).toBeInTheDocument();
    // What the rep recorded is all there to read.
    expect(card).toHaveTextContent('Ирина Смирнова');
    expect(card).toHaveTextContent('Звонки без ответа');
    expect(card).toHaveTextContent('Визит с руководителем');
    expect(card).toHaveTextContent('Хотят вторую машину');
    expect(within(card).getByRole('region', { name: 'Покупки' })).toHaveTextContent('2026');
    expect(changeControls(card).map((c) => c.textContent || c.getAttribute('aria-label'))).toEqual(
      [],
    );
  });
  it('in English, the line names the rep too', async () => {
    const { card } = await cardOf(AS_MANAGER, ANNA, 'en');
    expect(
      await within(card).findByText(
        'Анна Петрова’s client: view only — changes are made by the rep.',
      ),
    ).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Edit details' })).toBeNull();
  });
});

describe('clients that stay editable', LONG, () => {
  it("the manager's own client", async () => {
    const { card } = await cardOf(AS_MANAGER, MANAGER, 'en');
    await within(card).findByRole('button', { name: 'Edit details' });
    expect(within(card).getByRole('button', { name: 'Add person' })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Add note' })).toBeInTheDocument();
    // The purchase's and the client's own.
    expect(within(card).getAllByRole('button', { name: 'Move to trash' })).toHaveLength(2);
    expect(card).not.toHaveTextContent('view only');
  });
  it("a rep's device: a client shared with them by its owner", async () => {
    const { card } = await cardOf({ userId: ANNA, role: 'rep' }, MANAGER, 'en');
    await within(card).findByRole('button', { name: 'Edit details' });
    expect(within(card).getByRole('button', { name: 'Save reason and plan' })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Log a contact' })).toBeInTheDocument();
    await waitFor(() => expect(card).not.toHaveTextContent('view only'));
  });
});

describe("the client list on a manager's device", LONG, () => {
  it("offers no contact to log for a rep's client, and does for the manager's own", async () => {
    window.location.hash = '#/clients';
    resetListState();
    const user = userEvent.setup();
    const { db, repo } = await renderWithData(<App />, 'en');
    await signIn(db, AS_MANAGER);
    const own = await addClient(repo, 'Aster Ltd');
    const annas = await addClient(repo, 'Birch Ltd');
    await db.clients.update(annas.id, { ownerId: ANNA });
    await screen.findByRole('option', { name: /Birch Ltd/ });
    await screen.findByRole('button', { name: 'Log a contact: Aster Ltd' });
    expect(own.ownerId).toBe(MANAGER);
    // The arrows move to Anna's client: the button goes rather than log a contact she owns.
    screen.getByRole('listbox').focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: /^Log a contact: / })).toBeNull(),
    );
    // The owner filter names the people, never their ids.
    await user.click(screen.getByRole('button', { name: 'Filters' }));
    const owners = await screen.findByRole('group', { name: 'Owner' });
    await within(owners).findByRole('checkbox', { name: 'Анна Петрова' });
    expect(within(owners).getByRole('checkbox', { name: 'me' })).toBeInTheDocument();
    expect(owners.textContent).not.toContain(ANNA);
  });
});

describe("the trash on a manager's device", LONG, () => {
  it("restores the manager's own client, and says a rep's is the rep's to restore", async () => {
    window.location.hash = '#/trash';
    const { db, repo } = await renderWithData(<App />, 'en');
    await signIn(db, AS_MANAGER);
    const own = await addClient(repo, 'Aster Ltd');
    const annas = await addClient(repo, 'Birch Ltd');
    await trashClient(repo, own.id);
    await trashClient(repo, annas.id);
    await db.clients.update(annas.id, { ownerId: ANNA });
    const list = await screen.findByRole('list', { name: 'Deleted clients' });
    await within(list).findByText('Анна Петрова’s client: restored by its owner');
    expect(within(list).getByRole('button', { name: 'Restore Aster Ltd' })).toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: 'Restore Birch Ltd' })).toBeNull();
  });

  it("restores a person the manager deleted, and says one a rep deleted is the rep's to restore", async () => {
    window.location.hash = '#/trash';
    const { db, repo } = await renderWithData(<App />, 'en');
    await signIn(db, AS_MANAGER);
    const client = await addClient(repo, 'Cedar Ltd');
    const mine = await addPerson(repo, client.id, { name: 'Olga Mine' });
    const hers = await addPerson(repo, client.id, { name: 'Irina Hers' });
    await repo.trash('people', mine.id);
    await repo.trash('people', hers.id);
    await db.people.update(hers.id, { ownerId: ANNA });
    const list = await screen.findByRole('list', {
      name: 'Deleted people, purchases, notes and other records',
    });
    await within(list).findByText('Анна Петрова deleted it: restored by them');
    expect(
      within(list).getByRole('button', { name: 'Restore Person Olga Mine' }),
    ).toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: 'Restore Person Irina Hers' })).toBeNull();
  });
});
