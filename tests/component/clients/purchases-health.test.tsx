import { beforeEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor, fireEvent } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { renderWithData } from '../renderApp';
import { LONG } from './testing';
import { addClient, addContact, dayFromToday, resetListState } from './seed';
import { newPurchase } from '../../../shared/domain';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

describe('purchase editor', LONG, () => {
  it('a purchase with items, promises, follow-through dates and cross-sell ticks is saved whole', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Buttercup Ltd', { status: 'active' });
    window.location.hash = `#/clients/${c.id}`;
    await user.click(await screen.findByRole('button', { name: 'Add purchase' }));
    const form = screen.getByRole('form', { name: 'Purchase' });
    const date = within(form).getByLabelText('Date of purchase');
    await user.clear(date);
    await user.type(date, '2025-05-01');
    await user.type(within(form).getByLabelText('Item 1'), 'Coffee machine X200');
    await user.clear(within(form).getByLabelText('Quantity of item 1'));
    await user.type(within(form).getByLabelText('Quantity of item 1'), '2');
    await user.type(within(form).getByLabelText('Unit price of item 1'), '1 250,50');
    await user.type(within(form).getByLabelText('Amount'), '2501');
    await user.selectOptions(within(form).getByLabelText('Currency'), 'EUR');
    await user.click(within(form).getByRole('button', { name: 'Add promised benefit' }));
    await user.type(within(form).getByLabelText('Promised benefit 1'), 'Pays back in a year');
    await user.type(within(form).getByLabelText('Delivery: due'), '2025-05-10');
    await user.type(within(form).getByLabelText('Payment: due'), '2025-05-20');
    await user.type(within(form).getByLabelText('Payment: done'), '2025-05-18');
    await user.type(within(form).getByLabelText('Warranty ends'), '2027-05-01');
    await user.click(within(form).getByRole('checkbox', { name: 'Service contract active' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Consumables' }));
    await user.click(within(form).getByRole('button', { name: 'Save purchase' }));

    await waitFor(async () => expect(await db.purchases.count()).toBe(1));
    const [p] = await db.purchases.toArray();
    expect(p).toMatchObject({
      clientId: c.id,
      date: '2025-05-01',
      items: [{ name: 'Coffee machine X200', quantity: 2, unitPrice: 1250.5 }],
      total: { amount: 2501, currency: 'EUR' },
      delivery: { due: '2025-05-10', done: null },
      payment: { due: '2025-05-20', done: '2025-05-18' },
      warrantyEnd: '2027-05-01',
      serviceContract: { active: true, until: null, note: '' },
      crossSell: ['consumables'],
    });
    expect(p!.promisedBenefits.map((b) => b.text)).toEqual(['Pays back in a year']);
    const list = await screen.findByRole('region', { name: 'Purchases' });
    expect(
      await within(list).findByText(/Delivery: overdue since 10 May 2025/),
    ).toBeInTheDocument();
    expect(within(list).getByText(/Payment: done 18 May 2025/)).toBeInTheDocument();
  });

  it('an amount that is not a number is refused with a message, nothing is saved', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'ru');
    const c = await addClient(repo, 'Ромашка');
    window.location.hash = `#/clients/${c.id}`;
    await user.click(await screen.findByRole('button', { name: 'Добавить покупку' }));
    await user.type(screen.getByLabelText('Сумма'), 'десять');
    await user.click(screen.getByRole('button', { name: 'Сохранить покупку' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Суммы вводятся числами');
    expect(await db.purchases.count()).toBe(0);
  });
});

describe('health badge', LONG, () => {
  async function clientWithOverdueDelivery(lang: 'ru' | 'en') {
    const rendered = await renderWithData(<App />, lang);
    const c = await addClient(rendered.repo, lang === 'ru' ? 'Ромашка' : 'Buttercup', {
      status: 'active',
    });
    await addContact(rendered.repo, c.id, `${dayFromToday(-1)}T10:00:00+03:00`);
    await rendered.repo.create(
      'purchases',
      newPurchase({
        clientId: c.id,
        date: dayFromToday(-40),
        total: { amount: 100, currency: 'RUB' },
        delivery: { due: dayFromToday(-12), done: null },
      }),
    );
    window.location.hash = `#/clients/${c.id}`;
    return rendered;
  }

  it('the reasons show when the badge gets keyboard focus, and hide when it loses it', async () => {
    const user = userEvent.setup();
    await clientWithOverdueDelivery('en');
    const badge = await screen.findByRole('button', { name: /^Health:/ });
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
    await user.tab();
    while (document.activeElement !== badge) await user.tab();
    const tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('Delivery 12 days overdue');
    expect(badge).toHaveAccessibleDescription(/Delivery 12 days overdue/);
    await user.tab();
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  it('the reasons show on hover, in Russian with the right plural', async () => {
    await clientWithOverdueDelivery('ru');
    const badge = await screen.findByRole('button', { name: /^Здоровье:/ });
    fireEvent.mouseEnter(badge.parentElement!);
    expect(screen.getByRole('tooltip')).toHaveTextContent('Доставка просрочена на 12 дней');
    fireEvent.mouseLeave(badge.parentElement!);
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  it('an at-risk client gets the churn reason and a retention plan with a responsible person', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Leaving Co', { status: 'at_risk' });
    window.location.hash = `#/clients/${c.id}`;
    const section = await screen.findByRole('region', { name: 'Churn and retention plan' });
    await user.selectOptions(
      within(section).getByLabelText('Why the client is leaving'),
      'The rep did not listen',
    );
    await user.type(within(section).getByLabelText(/What we found/), 'Calls went unanswered');
    await user.click(within(section).getByRole('button', { name: 'Add action' }));
    await user.type(within(section).getByLabelText('Action 1'), 'Visit with the regional manager');
    await user.type(within(section).getByLabelText('Responsible for action 1'), 'Regional manager');
    await user.type(within(section).getByLabelText('Due date of action 1'), '2025-07-01');
    await user.click(within(section).getByRole('button', { name: 'Save reason and plan' }));
    await waitFor(async () => expect(await db.retentionPlans.count()).toBe(1));
    expect((await db.clients.get(c.id))!.churnReason).toBe('not_listened');
    const [plan] = await db.retentionPlans.toArray();
    expect(plan).toMatchObject({ cause: 'Calls went unanswered', status: 'active' });
    expect(plan!.actions).toMatchObject([
      {
        text: 'Visit with the regional manager',
        responsible: 'Regional manager',
        due: '2025-07-01',
        done: false,
      },
    ]);
    // The churn reason now lowers health and says why.
    const badge = await screen.findByRole('button', { name: /^Health:/ });
    await waitFor(() =>
      expect(badge).toHaveAccessibleDescription(/Churn reason recorded: The rep did not listen/),
    );
  });
  it('a double click on save makes one retention plan, not two', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Hasty Co', { status: 'at_risk' });
    window.location.hash = `#/clients/${c.id}`;
    const section = await screen.findByRole('region', { name: 'Churn and retention plan' });
    await user.type(within(section).getByLabelText(/What we found/), 'Prices went up');
    await user.dblClick(within(section).getByRole('button', { name: 'Save reason and plan' }));
    await screen.findByText('Churn reason and retention plan saved.');
    expect(await db.retentionPlans.count()).toBe(1);
  });
});
