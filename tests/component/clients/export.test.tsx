import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DesktopApi } from '../../../shared/ipc';
import type * as PlatformModule from '../../../renderer/platform';
import { App } from '../../../renderer/app/App';
import { renderWithData } from '../renderApp';
import { LONG } from './testing';
import { addClient, resetListState } from './seed';

const saved = vi.hoisted(() => [] as { suggestedName: string; content: string }[]);
vi.mock('../../../renderer/platform', async (importOriginal) => {
  const real = await importOriginal<typeof PlatformModule>();
  const saveFile: DesktopApi['saveFile'] = async (request) => {
    saved.push(request);
    return { saved: true };
  };
  return { ...real, getDesktopApi: (): DesktopApi => ({ ...real.getDesktopApi(), saveFile }) };
});

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
  saved.length = 0;
});

describe('CSV export', LONG, () => {
  it('exports exactly the clients the filters show, in the UI’s language', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'ru');
    await addClient(repo, 'Ромашка', { status: 'at_risk', tags: ['опт'] });
    await addClient(repo, 'Лютик', { status: 'active' });
    const list = await screen.findByRole('listbox', { name: 'Список клиентов' });
    await within(list).findByText('Лютик');
    await user.click(screen.getByRole('button', { name: 'Фильтры' }));
    await user.click(screen.getByRole('checkbox', { name: 'Под угрозой ухода' }));
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Экспорт CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const lines = saved[0]!.content.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Название или имя клиента;Тип клиента;Статус;Метки;/);
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^Ромашка;Организация;Под угрозой ухода;опт;/);
    expect(saved[0]!.suggestedName).toMatch(/^клиенты-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
