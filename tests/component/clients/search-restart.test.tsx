/**
 * The clients page after a restart of the app: search answers from the index the last session
 * stored (renderer/features/clients/data/searchIndexCache.ts), including a word written in a note after the
 * last save, which the start catches up.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { App } from '../../../renderer/app/App';
import { DataProvider } from '../../../renderer/data/DataContext';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import { getClientBook } from '../../../renderer/features/clients/data/clientBook';
import { searchIndexDbName } from '../../../renderer/features/clients/data/searchIndexCache';
import { setLanguage } from '../../../renderer/i18n';
import { initI18n } from '../../../renderer/app/i18n';
import { LONG } from './testing';
import { addClient, resetListState } from './seed';

let name: string;
const opened: FieldbookDb[] = [];

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
  name = `component-restart-${Math.random()}`;
});
afterEach(async () => {
  for (const db of opened.splice(0)) {
    getClientBook(db).dispose();
    db.close();
  }
  await Dexie.delete(name);
  await Dexie.delete(searchIndexDbName(name));
});

/** One session of the app over the database `name`, as a start after a restart opens it. */
async function session() {
  const db = createDb(name);
  await db.open();
  opened.push(db);
  const repo = new Repository(db);
  const i18n = initI18n('ru');
  await setLanguage('ru');
  const view = render(
    <I18nextProvider i18n={i18n}>
      <DataProvider db={db} repo={repo}>
        <App />
      </DataProvider>
    </I18nextProvider>,
  );
  return { db, repo, view };
}

const names = () =>
  within(screen.getByRole('listbox', { name: 'Список клиентов' }))
    .getAllByRole('option')
    .map((o) => o.querySelector('.client-name')!.textContent);

describe('search after a restart', LONG, () => {
  it('finds a client by a note word from the stored index, and one written after the save', async () => {
    const first = await session();
    const romashka = await addClient(first.repo, 'Ромашка');
    const lutik = await addClient(first.repo, 'Лютик');
    await first.repo.create('notes', {
      clientId: romashka.id,
      visitId: null,
      text: 'Директор просил образцы кофемашины',
      deletedAt: null,
    });
    await screen.findByText('Лютик');
    const book = getClientBook(first.db);
    await waitFor(() => expect(book.search('кофемаш').ranked).toEqual([romashka.id]));
    expect(await book.flushIndex()).toBe(true);
    // Written after the save, then the window closes before the next one.
    await first.repo.create('notes', {
      clientId: lutik.id,
      visitId: null,
      text: 'Хотят пылесосы для офиса',
      deletedAt: null,
    });
    await waitFor(() => expect(book.search('пылесос').ranked).toEqual([lutik.id]));
    first.view.unmount();
    book.dispose();

    const second = await session();
    await screen.findByText('Лютик');
    const user = userEvent.setup();
    const box = screen.getByLabelText('Поиск клиентов');
    await user.type(box, 'кофемаш');
    await waitFor(() => expect(names()).toEqual(['Ромашка']));
    await user.clear(box);
    await user.type(box, 'пылесос');
    await waitFor(() => expect(names()).toEqual(['Лютик']));
    expect(getClientBook(second.db).indexStats).toEqual({
      restored: true,
      reindexed: 1,
      removed: 0,
    });
    expect(screen.queryByText(/Готовим полный поиск/)).not.toBeInTheDocument();
  });
});
