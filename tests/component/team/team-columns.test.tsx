// What a manager reads in the team view beyond the figures: headings short enough to fit a
// laptop yet named in full for a screen reader and on paper, the 6-month trend under its
// months, and the checklist versions by their titles, never by internal keys.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { CLOSING_TEMPLATE, POST_SALE_TEMPLATE } from '../../../shared/domain/templates';
import type { ChecklistTemplate } from '../../../shared/domain';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { TeamPage } from '../../../renderer/features/team/TeamPage';
import { SYNC_META, type SyncAccount } from '../../../renderer/sync/state';
import { TEAM_KEY } from '../../../renderer/sync/team';
import type { TeamResponse } from '../../../shared/sync/protocol';
import { renderWithData } from '../renderApp';

const MANAGER = '01900000-0000-7000-8000-00000000000a';
const ANNA = '01900000-0000-7000-8000-00000000000b';
const TODAY = '2026-03-20';

const account: SyncAccount = {
  serverUrl: 'https://sync.example.test',
  userId: MANAGER,
  email: 'm@example.test',
  name: 'Мария Руководитель',
  role: 'manager',
  teamName: 'Урал',
  deviceName: 'laptop',
  signedInAt: '2026-03-01T10:00:00Z',
};
const team: TeamResponse = {
  team: { id: '01900000-0000-7000-8000-0000000000ff', name: 'Урал' },
  members: [
    { id: ANNA, name: 'Анна Петрова', role: 'rep', active: true, lastSyncAt: null },
    { id: MANAGER, name: 'Мария Руководитель', role: 'manager', active: true, lastSyncAt: null },
  ],
};

/** Anna's book: two closing visits in March, post-sale visits rated 4 in January and 5 in March. */
async function annasMonth(language: 'ru' | 'en') {
  const view = await renderWithData(<TeamPage today={TODAY} />, language);
  const { db, repo } = view;
  await db.meta.put({ key: SYNC_META.account, value: account });
  await db.meta.put({ key: TEAM_KEY, value: team });
  const client = await repo.create('clients', { ...emptyClientDraft(), name: 'ООО Анна-1' });
  await db.clients.update(client.id, { ownerId: ANNA });
  const visit = async (
    template: ChecklistTemplate,
    day: string,
    answers: Record<string, number> = {},
  ) => {
    const v = await repo.create('visits', {
      clientId: client.id,
      kind: template.purpose === 'closing' ? 'closing' : 'post_sale',
      status: 'finished',
      startedAt: `${day}T10:00:00+03:00`,
      finishedAt: `${day}T11:00:00+03:00`,
      purchaseId: null,
      outcome: { result: 'done' },
      currentStep: null,
      notes: '',
      deletedAt: null,
    });
    await repo.create('checklistRuns', {
      visitId: v.id,
      templateId: template.id,
      templateKey: template.key,
      templateVersion: template.version,
      answers,
      deletedAt: null,
    });
  };
  await visit(CLOSING_TEMPLATE, '2026-03-03');
  await visit(CLOSING_TEMPLATE, '2026-03-05');
  await visit(POST_SALE_TEMPLATE, '2026-01-15', { satisfaction: 4, would_recommend: 8 });
  await visit(POST_SALE_TEMPLATE, '2026-03-10', { satisfaction: 5, would_recommend: 9 });
  return view;
}

describe('the team view’s columns, trend and checklist versions', { timeout: 30_000 }, () => {
  it('the main table shows short headings under their groups, each named in full for a screen reader', async () => {
    await annasMonth('ru');
    const table = await screen.findByRole('table', { name: /Месяц каждого представителя/ });
    // The full wording is the heading's name; the short one is only drawn.
    for (const full of [
      'Представитель',
      'Синхронизация',
      'Действий по плану',
      'Визиты (продажа / после продажи)',
      'Готовность рекомендовать, 0–10',
      'Обещания не оправдались',
      'Проблемы с истёкшим сроком',
    ])
      expect(within(table).getByRole('columnheader', { name: full })).toBeInTheDocument();
    const recommend = within(table).getByRole('columnheader', {
      name: 'Готовность рекомендовать, 0–10',
    });
    const drawn = recommend.querySelector('[aria-hidden="true"]')!;
    expect(drawn.textContent).toBe('Рекоменд. 0\u2060–\u206010');
    expect(drawn).toHaveAttribute('title', 'Готовность рекомендовать, 0–10');
    const group = within(table).getByRole('columnheader', {
      name: 'Действия после продажи',
    });
    expect(group).toHaveAttribute('scope', 'colgroup');
    expect(group).toHaveAttribute('colspan', '4');
    // One cell per heading: the trend and the versions have tables of their own.
    const anna = await within(table).findByRole('row', { name: /Анна Петрова/ });
    expect(within(anna).getAllByRole('cell')).toHaveLength(13);
    expect(anna.querySelector('.trend')).toBeNull();
  });

  it('the 6-month trend names its months, and a month with no rated visit says so', async () => {
    await annasMonth('ru');
    const trend = await screen.findByRole('table', { name: /Средняя удовлетворённость, 1–5/ });
    const heads = within(trend)
      .getAllByRole('columnheader')
      .map((h) => h.querySelector('[aria-hidden="true"]')?.textContent ?? h.textContent);
    expect(heads).toEqual(['Представитель', 'окт.', 'нояб.', 'дек.', 'янв.', 'фев.', 'март']);
    expect(within(trend).getByRole('columnheader', { name: 'январь 2026' })).toBeInTheDocument();
    const anna = within(trend).getByRole('row', { name: /Анна Петрова/ });
    const cells = () => within(anna).getAllByRole('cell');
    await waitFor(() =>
      expect(cells().map((c) => c.textContent)).toEqual(['—', '—', '—', '4', '—', '5']),
    );
    expect(cells()[0]).toHaveAttribute('title', 'нет оценённых послепродажных визитов');
  });

  it('checklist versions are named by the template’s title and version in the manager’s language', async () => {
    await annasMonth('ru');
    const versions = await screen.findByRole('region', { name: 'Версии чек-листов' });
    expect(
      await within(versions).findByText(
        'Сигналы покупателя и завершение сделки, версия 1 — 2 визита; Послепродажный визит, версия 1 — 1 визит',
      ),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/closing_signals|post_sale_visit/);
  });

  it('in English too', async () => {
    await annasMonth('en');
    const versions = await screen.findByRole('region', { name: 'Checklist versions used' });
    expect(
      await within(versions).findByText(
        'Buyer signals and closing, version 1 — 2 visits; Post-sale visit, version 1 — 1 visit',
      ),
    ).toBeInTheDocument();
    const trend = screen.getByRole('table', { name: /Average satisfaction/ });
    expect(within(trend).getByRole('columnheader', { name: 'March 2026' })).toBeInTheDocument();
  });
});
