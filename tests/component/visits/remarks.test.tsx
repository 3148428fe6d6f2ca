// Issue 11 item 5: a follow-through marked «С замечаниями» (with issues) in a post-sale visit asks
// for the remarks and keeps them with the visit's answers.
import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { startVisit } from '../../../renderer/features/visits/data/visits';
import { newPurchase } from '../../../shared/domain';
import { POST_SALE_ITEMS } from '../../../shared/domain/templates';
import { renderWithData } from '../renderApp';

beforeEach(() => {
  localStorage.clear();
});

describe('remarks of a follow-through «with issues»', { timeout: 30_000 }, () => {
  it('«С замечаниями» opens a remarks box whose text is saved with the visit', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'ru');
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'ООО Ромашка' });
    await repo.create('purchases', {
      ...newPurchase({ clientId: client.id, date: '2025-06-01' }),
      deletedAt: null,
    });
    const visitId = await startVisit(repo, { kind: 'post_sale', clientId: client.id });
    window.location.hash = `#/visits/${visitId}`;
    await user.click(await screen.findByRole('button', { name: /Исполнение договора/ }));
    const installation = await screen.findByRole('group', { name: /^Установка, монтаж/ });
    expect(screen.queryByRole('textbox', { name: /какие замечания/ })).toBeNull();
    await user.click(within(installation).getByRole('radio', { name: 'С замечаниями' }));
    const box = await screen.findByRole('textbox', {
      name: 'Установка, монтаж: какие замечания?',
    });
    await user.type(box, 'Не подключён датчик');
    await waitFor(async () => {
      const [run] = await db.checklistRuns.where('visitId').equals(visitId).toArray();
      expect([run?.answers[POST_SALE_ITEMS.installation]].flat()).toEqual(['with_issues']);
      expect(run?.answers[`${POST_SALE_ITEMS.installation}_remarks`]).toBe('Не подключён датчик');
    });
  });
});
