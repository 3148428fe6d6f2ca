// Issue 11 item 5: the card of a prospect a client referred says who referred it, by name and as
// a link to that client; a referrer moved to the trash is named as gone, never by its id.
import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { App } from '../../../renderer/app/App';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { renderWithData } from '../renderApp';
import { resetListState } from '../clients/seed';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

describe('who referred a prospect', () => {
  it('the referred prospect’s card names the referrer and links to it; a referrer in the trash is named as gone', async () => {
    const { repo } = await renderWithData(<App />, 'ru');
    const referrer = await repo.create('clients', { ...emptyClientDraft(), name: 'ООО Ромашка' });
    const prospect = await repo.create('clients', {
      ...emptyClientDraft(),
      name: 'ИП Лютиков',
      referredBy: referrer.id,
    });
    window.location.hash = `#/clients/${prospect.id}`;
    const card = await screen.findByRole('article', { name: 'ИП Лютиков' });
    expect(within(card).getByText('По рекомендации')).toBeTruthy();
    const link = await within(card).findByRole('link', { name: 'ООО Ромашка' });
    expect(link.getAttribute('href')).toBe(`#/clients/${referrer.id}`);
    expect(card.textContent).not.toContain(referrer.id);

    await repo.update('clients', referrer.id, { deletedAt: new Date().toISOString() });
    await within(card).findByText('клиент, которого уже нет в базе');
    expect(card.textContent).not.toContain(referrer.id);
  });
});
