// Search covers every text the rep typed about a client (issue 11, item 9): promised benefits,
// problems, a person's interests, retention plans, also when they are written after the list is
// up (the index follows the change feed).
import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { newPurchase } from '../../../shared/domain';
import { renderWithData } from '../renderApp';
import { LONG } from './testing';
import { addClient, addPerson, resetListState } from './seed';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

describe('search finds what the rep typed', LONG, () => {
  it('finds a client by a promised benefit, a problem, an interest and a retention plan', async () => {
    const user = userEvent.setup();
    const { repo } = await renderWithData(<App />, 'ru');
    const c = await addClient(repo, 'Колесников и сыновья', { status: 'at_risk' });
    await addClient(repo, 'Ромашка');
    const list = await screen.findByRole('listbox', { name: 'Список клиентов' });
    await within(list).findByText('Ромашка');

    // Written while the list is up: the index must follow these writes.
    await repo.create('purchases', {
      ...newPurchase({
        clientId: c.id,
        date: '2026-11-02',
        items: [{ name: 'Котёл', quantity: 1, unitPrice: null }],
      }),
      promisedBenefits: [{ id: crypto.randomUUID(), text: 'Экономия газа на треть' }],
    });
    await repo.create('problems', {
      clientId: c.id,
      visitId: null,
      purchaseId: null,
      description: 'Протекает теплообменник',
      owner: 'Сервисный отдел',
      due: null,
      status: 'open',
      sellersFault: false,
      deletedAt: null,
    });
    await addPerson(repo, c.id, { name: 'Фёдор', interests: 'Зимняя рыбалка' });
    await repo.create('retentionPlans', {
      clientId: c.id,
      cause: 'Переманивает конкурент Аристон',
      actions: [
        {
          id: crypto.randomUUID(),
          text: 'Предложить бесплатное сервисное обслуживание',
          responsible: '',
          due: null,
          done: false,
        },
      ],
      status: 'active',
      deletedAt: null,
    });

    const box = screen.getByLabelText('Поиск клиентов');
    for (const words of ['экономия газа', 'теплообменник', 'рыбалка', 'Аристон', 'сервисное']) {
      await user.clear(box);
      await user.type(box, words);
      await waitFor(
        () => {
          const rows = within(list).getAllByRole('option');
          expect(rows.map((r) => r.querySelector('.client-name')?.textContent)).toEqual([
            'Колесников и сыновья',
          ]);
        },
        { timeout: 10_000 },
      );
    }
  });
});
