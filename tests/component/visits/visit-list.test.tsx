import { describe, it, expect } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { VisitsPage } from '../../../renderer/features/visits/VisitsPage';
import { startVisit } from '../../../renderer/features/visits';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { renderWithData } from '../renderApp';

describe('the visits list', { timeout: 30_000 }, () => {
  it('says each list is empty once loaded, then lists an unfinished visit under its heading with Resume', async () => {
    const { repo } = await renderWithData(<VisitsPage />, 'en');
    const unfinished = await screen.findByRole('region', { name: 'Unfinished visits' });
    const finished = screen.getByRole('region', { name: 'Finished visits' });
    expect(await within(unfinished).findByText('No unfinished visits.')).toBeInTheDocument();
    expect(within(finished).getByText('No finished visits yet.')).toBeInTheDocument();

    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Prospect Ltd' });
    await startVisit(repo, { clientId: client.id, kind: 'closing' });
    await waitFor(() =>
      expect(within(unfinished).getByRole('link', { name: /^Resume: Prospect Ltd/ })).toBeVisible(),
    );
    expect(within(unfinished).queryByText('No unfinished visits.')).not.toBeInTheDocument();
    expect(within(finished).getByText('No finished visits yet.')).toBeInTheDocument();
  });
});
