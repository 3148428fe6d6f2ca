// The Sync screen and the top-bar badge as a rep uses them, over an engine whose server is the
// in-memory fake of the unit tests.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import userEvent from '@testing-library/user-event';
import { uuidv7 } from '../../../shared/ids';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import { DataProvider } from '../../../renderer/data/DataContext';
import { setLanguage } from '../../../renderer/i18n';
import { initI18n } from '../../../renderer/app/i18n';
import { provideSyncEngine } from '../../../renderer/sync/appEngine';
import { createSyncClock } from '../../../renderer/sync/clock';
import { SyncEngine } from '../../../renderer/sync/engine';
import { SyncHttpError } from '../../../renderer/sync/transport';
import { SyncPage } from '../../../renderer/features/sync/SyncPage';
import { SyncStatusBadge } from '../../../renderer/features/sync/SyncStatusBadge';
import type { Language } from '../../../renderer/i18n';
import { FakeServer } from '../../unit/sync-client/fakeServer';
import { ManualTimers } from '../../unit/sync-client/timers';

const engines: SyncEngine[] = [];
afterEach(() => engines.splice(0).forEach((e) => e.stop()));

async function renderSync(language: Language = 'en', server = new FakeServer()) {
  const db = createDb(`sync-page-${Math.random()}`);
  await db.open();
  const repo = new Repository(db, { now: () => server.nowMs });
  const engine = new SyncEngine({
    db,
    transport: server,
    clock: createSyncClock(() => server.nowMs),
    timers: new ManualTimers(),
    network: { isOnline: () => true, subscribe: () => () => undefined },
    yieldToMain: async () => undefined,
  });
  engines.push(engine);
  provideSyncEngine(db, engine);
  const i18n = initI18n(language);
  await setLanguage(language);
  const view = render(
    <I18nextProvider i18n={i18n}>
      <DataProvider db={db} repo={repo}>
        <SyncStatusBadge />
        <SyncPage />
      </DataProvider>
    </I18nextProvider>,
  );
  return { ...view, db, repo, server, engine };
}

async function signIn(user: ReturnType<typeof userEvent.setup>, labels = EN) {
  await user.type(await screen.findByLabelText(labels.server), 'https://sync.example.test');
  await user.type(screen.getByLabelText(labels.email), 'rep@example.test');
  await user.type(screen.getByLabelText(labels.password), 'a long password');
  await user.click(screen.getByRole('button', { name: labels.signIn }));
}

const EN = { server: 'Server address', email: 'E-mail', password: 'Password', signIn: 'Sign in' };
const RU = { server: 'Адрес сервера', email: 'Эл. почта', password: 'Пароль', signIn: 'Войти' };

describe('signing in', () => {
  it('a signed-out rep sees the sign-in form, and after signing in the account and an up-to-date state', async () => {
    const user = userEvent.setup();
    await renderSync('en');
    expect(
      await screen.findByRole('heading', { name: 'Sign in to your company’s server' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Not syncing/ })).toBeInTheDocument();
    await signIn(user);
    expect(await screen.findByText(/Signed in as Rep \(rep@example.test\)/)).toBeInTheDocument();
    expect(await screen.findByText('Up to date.')).toBeInTheDocument();
    expect(screen.getByText('Everything is sent.')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /Synced/ })).toBeInTheDocument();
  });

  it('a wrong password is told in Russian, and the form stays', async () => {
    const user = userEvent.setup();
    const server = new FakeServer();
    server.signIn = async () => {
      throw new SyncHttpError(401, 'invalid_credentials', 'Wrong e-mail or password');
    };
    await renderSync('ru', server);
    await screen.findByRole('heading', { name: 'Вход на сервер компании' });
    await signIn(user, RU);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Неверная эл. почта или пароль. Проверьте и попробуйте снова.',
    );
    expect(screen.getByRole('button', { name: 'Войти' })).toBeEnabled();
  });

  it('an address with a password in it is refused before anything is sent', async () => {
    const user = userEvent.setup();
    const { server } = await renderSync('en');
    await screen.findByLabelText(EN.server);
    await user.type(screen.getByLabelText(EN.server), 'https://rep:secret@sync.example.test');
    await user.type(screen.getByLabelText(EN.email), 'rep@example.test');
    await user.type(screen.getByLabelText(EN.password), 'a long password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/server address is not valid/);
    expect(server.pushes).toHaveLength(0);
  });
});

describe('the state in the rep’s words', () => {
  it('a failing server is explained with what happens next, and the changes wait', async () => {
    const user = userEvent.setup();
    const { repo, server } = await renderSync('en');
    await signIn(user);
    await screen.findByText('Up to date.');
    server.pushFaults.push({ kind: 'error', status: 503, code: 'unavailable' });
    await repo.create('clients', { ...emptyClientDraft(), name: 'ООО Ромашка' });
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(
      await screen.findByText(/The server had a problem and saved nothing/),
    ).toBeInTheDocument();
    expect(screen.getByText('1 change waiting to be sent')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Sync problem · 1 to send/ })).toBeInTheDocument();
  });

  it('a pull that would trash most clients waits for the rep, who can let it through', async () => {
    const user = userEvent.setup();
    const { repo, server, db } = await renderSync('en');
    await signIn(user);
    await screen.findByText('Up to date.');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await repo.create('clients', { ...emptyClientDraft(), name: `Клиент ${i}` })).id);
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(async () => expect(await db.outbox.count()).toBe(0));
    // The outbox empties before that sync's pull ends; until it ends "Sync now" is disabled and a
    // second click would be lost.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled());
    server.nowMs += 1000;
    for (const id of ids) {
      const row = server.row(id)!;
      const at = `${String(server.nowMs).padStart(15, '0')}-0000-00000000000000ff`;
      server.writeAsOtherDevice({
        ...row,
        values: { ...row.values, deletedAt: new Date(server.nowMs).toISOString() },
        stamps: { ...row.stamps, deletedAt: at },
      });
    }
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(
      await screen.findByText(/The server says 6 of your 6 clients were deleted/),
    ).toBeInTheDocument();
    expect(await db.clients.filter((c) => c.deletedAt !== null).count()).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Move them to the trash' }));
    await waitFor(async () =>
      expect(await db.clients.filter((c) => c.deletedAt !== null).count()).toBe(6),
    );
  });
});

describe('conflicts', () => {
  async function withConflict(db: FieldbookDb, clientId: string) {
    await db.conflicts.add({
      id: uuidv7(),
      table: 'clients',
      rowId: clientId,
      field: 'notes',
      localValue: 'Скидка 10%',
      remoteValue: 'Скидка 7%',
      localStamp: null,
      remoteStamp: null,
      kind: 'text_merge',
      createdAt: new Date().toISOString(),
      resolvedAt: null,
      resolution: null,
    });
  }

  it('shows both values with the record and field, and "keep theirs" makes theirs the value, sent to the server', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderSync('ru');
    const client = await repo.create('clients', {
      ...emptyClientDraft(),
      name: 'ООО Ромашка',
      notes: 'Скидка 10%',
    });
    await db.outbox.clear();
    await withConflict(db, client.id);
    const item = await screen.findByRole('article', { name: 'Клиент: ООО Ромашка — Заметки' });
    expect(
      within(item).getByText('Одни и те же строки изменены на двух устройствах'),
    ).toBeInTheDocument();
    expect(within(item).getByText('Скидка 7%')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /1 конфликт/ })).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: 'Оставить с сервера' }));
    expect(await screen.findByText('Конфликтов нет.')).toBeInTheDocument();
    expect((await db.clients.get(client.id))?.notes).toBe('Скидка 7%');
    const ops = await db.outbox.toArray();
    expect(ops).toHaveLength(1);
    expect(ops[0]!.fields).toMatchObject({ notes: 'Скидка 7%' });
  });

  it('"edit" keeps a value the rep writes', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderSync('en');
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Romashka' });
    await withConflict(db, client.id);
    const item = await screen.findByRole('article', { name: 'Client: Romashka — Notes' });
    await user.click(within(item).getByRole('button', { name: 'Edit' }));
    const box = within(item).getByLabelText('The value to keep');
    await user.clear(box);
    await user.type(box, 'Скидка 8%, договорились');
    await user.click(within(item).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('No conflicts.')).toBeInTheDocument();
    expect((await db.clients.get(client.id))?.notes).toBe('Скидка 8%, договорились');
    const resolved = await db.conflicts.toArray();
    expect(resolved[0]?.resolution).toBe('edited');
  });
});
