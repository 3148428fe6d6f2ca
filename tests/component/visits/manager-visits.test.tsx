// Visits on a manager's device: the reps' unfinished visits are theirs to finish (the server
// refuses a manager's change to a rep's rows), so the list does not offer them, a rep's draft
// opens to read with a line naming the rep, and a new visit is started only for the manager's
// own clients. A rep's device and a device not signed in are unchanged.
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import { VisitsPage } from '../../../renderer/features/visits/VisitsPage';
import { startVisit } from '../../../renderer/features/visits';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { renderWithData } from '../renderApp';
import { ANNA, MANAGER, signIn, type SignedIn } from '../managerDevice';

/** Anna's client with her unfinished visit, and one of the manager's own, on a device signed in as `as`. */
async function book(as: SignedIn | null) {
  // The list first; `open` turns the page to a visit, as its link does.
  let open: (visitId: string) => void = () => {};
  const Page = () => {
    const [visitId, setVisitId] = useState<string | undefined>();
    open = setVisitId;
    return <VisitsPage visitId={visitId} />;
  };
  const view = await renderWithData(<Page />, 'ru');
  const { db, repo } = view;
  if (as) await signIn(db, as);
  const hers = await repo.create('clients', { ...emptyClientDraft(), name: 'Клиент Анны' });
  const draft = await startVisit(repo, { clientId: hers.id, kind: 'closing' });
  await db.clients.update(hers.id, { ownerId: ANNA });
  await db.visits.update(draft, { ownerId: ANNA, notes: 'Ждут счёт\nпозвонить в пятницу' });
  const own = await repo.create('clients', { ...emptyClientDraft(), name: 'Клиент руководителя' });
  return { ...view, draft, own, open: (id: string) => act(() => open(id)) };
}

describe("visits on a manager's device", { timeout: 30_000 }, () => {
  it('do not offer a rep’s unfinished visit, and find only the manager’s own clients for a new one', async () => {
    const user = userEvent.setup();
    await book({ userId: MANAGER, role: 'manager' });
    const unfinished = await screen.findByRole('region', { name: 'Незавершённые визиты' });
    expect(await within(unfinished).findByText('Незавершённых визитов нет.')).toBeInTheDocument();
    const field = screen.getByLabelText('Клиент', { exact: true });
    expect(field).toHaveAccessibleDescription(/Здесь находятся только ваши собственные клиенты/);
    await user.type(field, 'Клиент');
    expect(await screen.findByRole('button', { name: 'Клиент руководителя' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Клиент Анны' })).toBeNull();
  });

  it('open a rep’s unfinished visit to read: a line names the rep, her notes show, nothing to fill in', async () => {
    const { draft, open } = await book({ userId: MANAGER, role: 'manager' });
    open(draft);
    expect(
      await screen.findByText(
        'Незавершённый визит представителя Анна Петрова: только просмотр — визит завершает представитель.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Ждут счёт/)).toBeInTheDocument();
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    expect(screen.queryAllByRole('radio')).toEqual([]);
    expect(screen.queryByRole('button', { name: /Следующий шаг/ })).toBeNull();
  });

  it('a rep signed in, and a device not signed in, still resume the unfinished visit', async () => {
    for (const as of [{ userId: ANNA, role: 'rep' as const }, null]) {
      const { unmount } = await book(as);
      const unfinished = await screen.findByRole('region', { name: 'Незавершённые визиты' });
      await waitFor(() =>
        expect(
          within(unfinished).getByRole('link', { name: /^Продолжить: Клиент Анны/ }),
        ).toBeVisible(),
      );
      unmount();
    }
  });
});
