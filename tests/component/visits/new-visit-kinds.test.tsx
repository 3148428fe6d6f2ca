// The Visits page's picker offers a post-sale visit only for a client who has bought: for a
// prospect its choice stays in view, disabled, and says why and what to do instead.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NewVisitForm } from '../../../renderer/features/visits/NewVisitForm';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { newPurchase } from '../../../shared/domain';
import { renderWithData } from '../renderApp';

describe('choosing the kind of a new visit', { timeout: 30_000 }, () => {
  it('a prospect cannot be given a post-sale visit, and the picker says why', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<NewVisitForm />, 'en');
    await repo.create('clients', { ...emptyClientDraft(), name: 'Prospect Ltd' });
    await user.type(screen.getByRole('searchbox', { name: 'Client' }), 'Prosp');
    await user.click(await screen.findByRole('button', { name: 'Prospect Ltd' }));
    const postSale = await screen.findByRole('radio', { name: /^Post-sale visit/ });
    expect(postSale).toBeDisabled();
    expect(postSale).not.toBeChecked();
    expect(screen.getByRole('radio', { name: /^Closing/ })).toBeChecked();
    expect(screen.getByText(/Only after a purchase: this client has none yet/)).toBeInTheDocument();
    await user.click(postSale);
    expect(postSale).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Start visit' }));
    await waitFor(async () => expect(await db.visits.count()).toBe(1));
    expect((await db.visits.toArray())[0]!.kind).toBe('closing');
  });

  it('a client with a purchase is offered the post-sale visit first, the closing one beside it', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<NewVisitForm />, 'ru');
    const client = await repo.create('clients', {
      ...emptyClientDraft(),
      name: 'ООО Ромашка',
      status: 'active',
    });
    await repo.create('purchases', newPurchase({ clientId: client.id, date: '2026-10-20' }));
    await user.type(screen.getByRole('searchbox', { name: 'Клиент' }), 'Ромаш');
    await user.click(await screen.findByRole('button', { name: 'ООО Ромашка' }));
    const postSale = await screen.findByRole('radio', { name: /^Послепродажный визит/ });
    await waitFor(() => expect(postSale).toBeChecked());
    expect(postSale).toBeEnabled();
    expect(screen.getByRole('radio', { name: /^Завершение сделки/ })).toBeEnabled();
    expect(screen.queryByText(/Только после покупки/)).not.toBeInTheDocument();
  });
});
