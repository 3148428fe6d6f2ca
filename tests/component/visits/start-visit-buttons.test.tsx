import { describe, it, expect, beforeEach } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StartVisitButtons } from '../../../renderer/features/visits/StartVisitButtons';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDatabase } from '../../../renderer/data/DataContext';
import { renderWithData } from '../renderApp';
import { newPurchase } from '../../../shared/domain';

/** The buttons for the first client in the book, as the client card would mount them. */
function FirstClientButtons() {
  const db = useDatabase();
  const client = useLiveQuery(() => db.clients.toCollection().first(), [db]);
  return client ? <StartVisitButtons clientId={client.id} /> : null;
}

beforeEach(() => {
  window.location.hash = '#/clients';
});

describe('starting a visit from a client', { timeout: 30_000 }, () => {
  it('a prospect is offered the closing visit; starting it opens visit mode, and a second start resumes it', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<FirstClientButtons />, 'en');
    await repo.create('clients', { ...emptyClientDraft(), name: 'Prospect Ltd' });
    const start = await screen.findByRole('button', { name: 'Start closing visit' });
    expect(screen.queryByRole('button', { name: 'Start post-sale visit' })).not.toBeInTheDocument();
    await user.click(start);
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/visits\/[0-9a-f-]{36}$/));
    const first = window.location.hash;
    expect(await db.visits.count()).toBe(1);

    const resume = await screen.findByRole('button', { name: 'Resume unfinished: Closing' });
    window.location.hash = '#/clients';
    await user.click(resume);
    await waitFor(() => expect(window.location.hash).toBe(first));
    expect(await db.visits.count()).toBe(1);
  });

  it('a client with a purchase is offered the post-sale visit first', async () => {
    const { repo } = await renderWithData(<FirstClientButtons />, 'ru');
    const client = await repo.create('clients', {
      ...emptyClientDraft(),
      name: 'ООО Ромашка',
      status: 'active',
    });
    await repo.create(
      'purchases',
      newPurchase({
        clientId: client.id,
        date: '2025-03-01',
      }),
    );
    await waitFor(() =>
      expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
        'Начать послепродажный визит',
        'Начать визит: завершение сделки',
      ]),
    );
  });
});
