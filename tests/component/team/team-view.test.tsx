// The manager's team view over a book of two reps: each rep's row is that rep's own report, the
// team's row the same computation over the whole book; names, never ids; only for a manager.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { TeamPage } from '../../../renderer/features/team/TeamPage';
import { SYNC_META, type SyncAccount } from '../../../renderer/sync/state';
import { TEAM_KEY } from '../../../renderer/sync/team';
import type { TeamResponse } from '../../../shared/sync/protocol';
import { renderWithData } from '../renderApp';

const MANAGER = '01900000-0000-7000-8000-00000000000a';
const ANNA = '01900000-0000-7000-8000-00000000000b';
const BORIS = '01900000-0000-7000-8000-00000000000c';
const TODAY = '2026-03-20';

function account(role: SyncAccount['role']): SyncAccount {
  return {
    serverUrl: 'https://sync.example.test',
    userId: MANAGER,
    email: 'm@example.test',
    name: 'Мария Руководитель',
    role,
    teamName: 'Урал',
    deviceName: 'laptop',
    signedInAt: '2026-03-01T10:00:00Z',
  };
}

const team: TeamResponse = {
  team: { id: '01900000-0000-7000-8000-0000000000ff', name: 'Урал' },
  members: [
    {
      id: ANNA,
      name: 'Анна Петрова',
      role: 'rep',
      active: true,
      lastSyncAt: '2026-03-19T08:00:00Z',
    },
    { id: BORIS, name: 'Борис Иванов', role: 'rep', active: true, lastSyncAt: null },
    { id: MANAGER, name: 'Мария Руководитель', role: 'manager', active: true, lastSyncAt: null },
  ],
};

describe('the team view', { timeout: 30_000 }, () => {
  it("shows each rep's row by name with the team's totals, and is not shown to a rep", async () => {
    const { db, repo, unmount } = await renderWithData(<TeamPage today={TODAY} />, 'ru');
    await db.meta.put({ key: SYNC_META.account, value: account('manager') });
    await db.meta.put({ key: TEAM_KEY, value: team });
    const a = await repo.create('clients', { ...emptyClientDraft(), name: 'ООО Анна-1' });
    const b = await repo.create('clients', { ...emptyClientDraft(), name: 'ООО Борис-1' });
    await db.clients.update(a.id, { ownerId: ANNA });
    await db.clients.update(b.id, { ownerId: BORIS });
    const fu = (clientId: string, due: string, status: 'open' | 'done') =>
      repo.create('followUps', {
        clientId,
        kind: 'delivery_check',
        ruleKey: null,
        due,
        status,
        snoozedUntil: null,
        doneAt: status === 'done' ? `${due}T12:00:00+03:00` : null,
        title: 'Проверить доставку',
        subjectId: null,
        deletedAt: null,
      });
    await fu(a.id, '2026-03-05', 'done');
    await fu(a.id, '2026-03-10', 'open');
    await fu(b.id, '2026-03-12', 'open');

    const table = await screen.findByRole('table', { name: /Месяц каждого представителя/ });
    const anna = await within(table).findByRole('row', { name: /Анна Петрова/ });
    const boris = within(table).getByRole('row', { name: /Борис Иванов/ });
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    // last sync, due, done, on time, overdue; the live figures catch up with the last write.
    await waitFor(() => expect(cells(boris).slice(0, 5)).toEqual(['ни разу', '1', '0', '0', '1']));
    expect(cells(anna).slice(1, 5)).toEqual(['2', '1', '1', '1']);
    const total = within(table).getByRole('row', { name: /Вся команда/ });
    expect(cells(total).slice(1, 5)).toEqual(['3', '1', '1', '2']);
    expect(within(anna).getByRole('link', { name: 'Анна Петрова' })).toHaveAttribute(
      'href',
      `#/team/${ANNA}`,
    );
    expect(document.body.textContent).not.toContain(ANNA);
    unmount();

    const asRep = await renderWithData(<TeamPage today={TODAY} />, 'en');
    await asRep.db.meta.put({ key: SYNC_META.account, value: account('rep') });
    expect(
      await screen.findByText('The team view is for a manager signed in to the company’s server.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
