import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { exportBackup } from '../../../renderer/features/backup/data/backup';
import { renderWithData } from '../renderApp';
import { files, resetFiles } from './fileDialogs';
import { LONG } from './testing';
import { addClient, addPerson, resetListState } from './seed';

vi.mock('../../../renderer/platform', async (importOriginal) =>
  (await import('./fileDialogs')).withFileDialogs(await importOriginal()),
);

beforeEach(() => {
  resetListState();
  resetFiles();
});

describe('trash page', LONG, () => {
  it('a deleted client is listed with what went with it and comes back with its people', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/clients';
    const { repo, db } = await renderWithData(<App />, 'ru');
    const c = await addClient(repo, 'Ромашка');
    const anna = await addPerson(repo, c.id, { name: 'Анна' });
    window.location.hash = `#/clients/${c.id}`;
    await user.click(await screen.findByRole('button', { name: 'В корзину' }));
    await waitFor(async () => expect((await db.people.get(anna.id))!.deletedAt).not.toBeNull());

    window.location.hash = '#/trash';
    const deleted = await screen.findByRole('list', { name: 'Удалённые клиенты' });
    expect(await within(deleted).findByText('Ромашка')).toBeInTheDocument();
    expect(deleted).toHaveTextContent('вместе с: 1 человек');
    await user.click(within(deleted).getByRole('button', { name: 'Восстановить: Ромашка' }));
    await waitFor(() => expect(within(deleted).queryByText('Ромашка')).not.toBeInTheDocument());
    expect((await db.clients.get(c.id))!.deletedAt).toBeNull();
    expect((await db.people.get(anna.id))!.deletedAt).toBeNull();

    window.location.hash = '#/clients';
    const list = await screen.findByRole('listbox', { name: 'Список клиентов' });
    expect(await within(list).findByText('Ромашка')).toBeInTheDocument();
  });
});

describe('backup in settings', LONG, () => {
  it('saves the whole book as a file, and refuses a damaged one without touching the data', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/settings';
    const { repo, db } = await renderWithData(<App />, 'en');
    await addClient(repo, 'Buttercup Ltd');
    await user.click(await screen.findByRole('button', { name: 'Save a backup…' }));
    await waitFor(() => expect(files.saved).toHaveLength(1));
    expect(files.saved[0]!.suggestedName).toMatch(/^fieldbook-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(files.saved[0]!.content).toContain('Buttercup Ltd');

    const damaged = files.saved[0]!.content.replace('Buttercup Ltd', 'Buttercup Plc');
    files.next = { name: 'backup.json', bytes: new TextEncoder().encode(damaged) };
    await user.click(screen.getByRole('button', { name: 'Restore from a backup…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The backup file is damaged');
    expect((await db.clients.toArray()).map((c) => c.name)).toEqual(['Buttercup Ltd']);
  });

  it('restoring asks first, then puts back exactly the saved book', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/settings';
    const { repo, db } = await renderWithData(<App />, 'ru');
    await addClient(repo, 'Ромашка');
    const file = await exportBackup(db);
    await addClient(repo, 'Добавлен позже');
    files.next = { name: 'копия.json', bytes: new TextEncoder().encode(file) };
    await user.click(await screen.findByRole('button', { name: 'Восстановить из копии…' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm).toHaveTextContent(/копия\.json — исправная копия от .* в ней 1 клиент\./);
    expect(await db.clients.count()).toBe(2);
    await user.click(
      within(confirm).getByRole('button', { name: 'Заменить мои данные этой копией' }),
    );
    await waitFor(async () =>
      expect((await db.clients.toArray()).map((c) => c.name)).toEqual(['Ромашка']),
    );
  });
});
