import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { encodeCp1251 } from '../../../shared/importing';
import { App } from '../../../renderer/app/App';
import { renderWithData } from '../renderApp';
import { files, resetFiles } from './fileDialogs';
import { LONG } from './testing';
import { addClient, addPerson, resetListState } from './seed';

vi.mock('../../../renderer/platform', async (importOriginal) =>
  (await import('./fileDialogs')).withFileDialogs(await importOriginal()),
);

const CSV_1251 = [
  'Название;Контактное лицо;Телефон;E-mail;Метки',
  'ООО Ромашка;Анна Петрова;+7 912 345-67-89;anna@romashka.ru;опт',
  'ИП Лютиков;Борис Лютиков;8 (912) 000-11-22;boris@lutik.ru;розница',
  ';;+7 912 000-00-00;;',
  'АО Василёк;Вера Васильева;не помню;vera@vasilek.ru;опт',
  'Ландыш;Глеб;89120001133;gleb@landysh.ru;',
].join('\r\n');

beforeEach(() => {
  window.location.hash = '#/import';
  resetListState();
  resetFiles();
});
afterEach(() => vi.clearAllMocks());

describe('import', LONG, () => {
  it('a Windows-1251 CSV with two bad rows: report saved, import blocked until they are skipped', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<App />, 'ru');
    files.next = { name: 'клиенты.csv', bytes: encodeCp1251(CSV_1251)! };
    await user.click(await screen.findByRole('button', { name: 'Выбрать файл…' }));

    expect(
      await screen.findByText(/Прочитан как WINDOWS-1251, разделитель — точка с запятой/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('В столбце «Название»')).toHaveValue('name');
    expect(screen.getByLabelText('В столбце «Телефон»')).toHaveValue('phone');
    expect(screen.getByRole('cell', { name: 'ООО Ромашка' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Проверить все строки' }));

    expect(await screen.findByText('5 строк в файле')).toBeInTheDocument();
    expect(screen.getByText('2 строки с ошибками')).toBeInTheDocument();
    const errors = screen.getByRole('table');
    expect(within(errors).getByText('Не указано название.')).toBeInTheDocument();
    expect(within(errors).getByText('«не помню» — не номер телефона.')).toBeInTheDocument();
    const importButton = screen.getByRole('button', { name: 'Загрузить 3 строки' });
    expect(importButton).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Сохранить отчёт об ошибках' }));
    expect(files.saved).toHaveLength(1);
    expect(files.saved[0]!.suggestedName).toBe('клиенты-ошибки.csv');
    expect(files.saved[0]!.content).toContain('Строка;Столбец;Проблема');
    expect(files.saved[0]!.content).toMatch(/5;Телефон;«не помню» — не номер телефона\./);
    expect(await db.clients.count()).toBe(0);

    await user.click(screen.getByRole('checkbox', { name: /Пропустить 2 строки с ошибками/ }));
    await user.click(importButton);
    expect(await screen.findByText(/Импорт завершён: новых клиентов — 3/)).toBeInTheDocument();
    const names = (await db.clients.toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['ИП Лютиков', 'Ландыш', 'ООО Ромашка']);
    const anna = (await db.people.toArray()).find((p) => p.name === 'Анна Петрова')!;
    expect(anna.channels).toContainEqual({ kind: 'phone', value: '+7 912 345-67-89' });
    expect(await db.outbox.count()).toBe(6); // three clients and their three people
  });

  it('a client already in the book is merged: its new phone is added, no twin is created', async () => {
    const user = userEvent.setup();
    const { db, repo } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Buttercup Ltd');
    await addPerson(repo, c.id, {
      name: 'Ann',
      channels: [{ kind: 'email', value: 'ann@buttercup.test' }],
    });
    files.next = {
      name: 'clients.csv',
      bytes: new TextEncoder().encode(
        'Name,Contact person,Phone,Email\nButtercup Ltd,Ann,+7 912 111-22-33,ann@buttercup.test\nDaisy,Dan,+7 912 444-55-66,\n',
      ),
    };
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await user.click(await screen.findByRole('button', { name: 'Check all rows' }));
    expect(await screen.findByText('1 client is already in the book')).toBeInTheDocument();
    expect(
      await screen.findByText(/Row 2: Buttercup Ltd — same name, e-mail as Buttercup Ltd/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import 2 rows' }));
    expect(await screen.findByText(/1 new clients, 1 merged/)).toBeInTheDocument();
    expect(await db.clients.count()).toBe(2);
    const ann = (await db.people.where('clientId').equals(c.id).toArray())[0]!;
    expect(ann.channels).toEqual([
      { kind: 'email', value: 'ann@buttercup.test' },
      { kind: 'phone', value: '+7 912 111-22-33' },
    ]);
  });

  it('duplicates are chosen row by row with the keyboard, and "skip all" / "merge all" reset every row', async () => {
    const user = userEvent.setup();
    const { db, repo } = await renderWithData(<App />, 'en');
    const butter = await addClient(repo, 'Buttercup Ltd');
    const daisy = await addClient(repo, 'Daisy');
    await addPerson(repo, daisy.id, {
      name: 'Dan',
      channels: [{ kind: 'phone', value: '+7 912 444-55-66' }],
    });
    files.next = {
      name: 'clients.csv',
      bytes: new TextEncoder().encode(
        [
          'Name,Contact person,Phone,Email,Tags',
          'Buttercup Ltd,Ann,+7 912 111-22-33,,wholesale',
          'Daisy Flowers,Dora,8 (912) 444-55-66,dora@daisy.test,',
          'Tulip,Tom,+7 912 777-00-11,,',
        ].join('\n'),
      ),
    };
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await user.click(await screen.findByRole('button', { name: 'Check all rows' }));
    expect(await screen.findByText('2 clients are already in the book')).toBeInTheDocument();

    // Each duplicate row says what it matched and which client it is.
    const butterRow = await screen.findByRole('group', {
      name: 'Row 2: Buttercup Ltd — same name as Buttercup Ltd',
    });
    const daisyRow = screen.getByRole('group', {
      name: 'Row 3: Daisy Flowers — same phone as Daisy',
    });
    expect(within(butterRow).getByRole('radio', { name: 'Merge' })).toBeChecked();
    expect(within(daisyRow).getByRole('radio', { name: 'Merge' })).toBeChecked();
    expect(screen.getByText('To merge: 2; to skip: 0.')).toBeInTheDocument();

    // All at once, then back, then one row by the keyboard alone.
    await user.click(screen.getByRole('button', { name: 'Skip all' }));
    expect(within(daisyRow).getByRole('radio', { name: 'Skip' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Import 1 row' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Merge all' }));
    expect(screen.getByRole('button', { name: 'Import 3 rows' })).toBeEnabled();
    within(daisyRow).getByRole('radio', { name: 'Merge' }).focus();
    await user.keyboard('{ArrowDown}');
    expect(within(daisyRow).getByRole('radio', { name: 'Skip' })).toBeChecked();
    expect(within(butterRow).getByRole('radio', { name: 'Merge' })).toBeChecked();
    expect(screen.getByText('To merge: 1; to skip: 1.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Import 2 rows' }));
    expect(
      await screen.findByText(/1 new clients, 1 merged into existing ones, 1 rows skipped/),
    ).toBeInTheDocument();
    // Buttercup got its tag and Ann; Daisy is untouched; Tulip is new.
    expect((await db.clients.get(butter.id))!.tags).toEqual(['wholesale']);
    expect(
      (await db.people.where('clientId').equals(butter.id).toArray()).map((p) => p.name),
    ).toEqual(['Ann']);
    expect(
      (await db.people.where('clientId').equals(daisy.id).toArray()).map((p) => p.name),
    ).toEqual(['Dan']);
    const names = (await db.clients.toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['Buttercup Ltd', 'Daisy', 'Tulip']);
  });

  it('Russian: per-row choice texts, and many duplicates are shown a page at a time', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'ru');
    const lines = ['Название;Телефон'];
    for (let i = 1; i <= 55; i++) {
      await addClient(repo, `Клиент ${i}`);
      lines.push(`Клиент ${i};`);
    }
    files.next = { name: 'клиенты.csv', bytes: encodeCp1251(lines.join('\r\n'))! };
    await user.click(await screen.findByRole('button', { name: 'Выбрать файл…' }));
    await user.click(await screen.findByRole('button', { name: 'Проверить все строки' }));
    expect(await screen.findByText('55 клиентов уже есть в базе')).toBeInTheDocument();
    expect(screen.getAllByRole('radio', { name: 'Объединить' })).toHaveLength(50);
    const row7 = await screen.findByRole('group', {
      name: 'Строка 8: Клиент 7 — совпадает (название) с «Клиент 7»',
    });
    await user.click(within(row7).getByRole('radio', { name: 'Пропустить' }));
    expect(screen.getByText('Объединить — 54, пропустить — 1.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Показать ещё 5 строк' }));
    expect(screen.getAllByRole('radio', { name: 'Объединить' })).toHaveLength(55);
    await user.click(screen.getByRole('button', { name: 'Пропустить все' }));
    expect(screen.getByText('Объединить — 0, пропустить — 55.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Загрузить 0 строк' })).toBeDisabled();
  });

  it('a file with a quote that never closes is refused with the row, and nothing is written', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<App />, 'en');
    files.next = {
      name: 'broken.csv',
      bytes: new TextEncoder().encode('Name;Phone\nAlpha;1\n"Beta;2\nGamma;3\n'),
    };
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/row 3 is never closed/);
    expect(screen.queryByRole('button', { name: 'Check all rows' })).not.toBeInTheDocument();
    expect(await db.clients.count()).toBe(0);
  });

  it('a binary file and an empty file are refused with a clear message', async () => {
    const user = userEvent.setup();
    await renderWithData(<App />, 'en');
    files.next = {
      name: 'photo.csv',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2]),
    };
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This is not a text file');
    files.next = { name: 'empty.csv', bytes: new Uint8Array() };
    await user.click(screen.getByRole('button', { name: 'Choose a file…' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The file is empty'));
  });

  it('people from a vCard join the client named by their company', async () => {
    const user = userEvent.setup();
    const { db, repo } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Buttercup Ltd');
    files.next = {
      name: 'contacts.vcf',
      bytes: new TextEncoder().encode(
        'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Carol Jones\r\nORG:Buttercup Ltd\r\nTEL;TYPE=CELL:+7 912 777-88-99\r\nBDAY:1985-03-15\r\nEND:VCARD\r\n',
      ),
    };
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await user.click(await screen.findByRole('button', { name: 'Import 1 row' }));
    expect(await screen.findByText(/0 new clients, 1 merged/)).toBeInTheDocument();
    const [carol] = await db.people.where('clientId').equals(c.id).toArray();
    expect(carol).toMatchObject({ name: 'Carol Jones', birthday: '1985-03-15' });
  });
});
