import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { renderWithData } from '../renderApp';
import { LONG } from '../clients/testing';
import { addClient, resetListState } from '../clients/seed';

beforeEach(() => {
  window.location.hash = '#/clients';
  resetListState();
});

describe('bad input is stopped at the field', LONG, () => {
  it('a client name stops at the schema limit of 300, with the count shown near it', async () => {
    const user = userEvent.setup();
    await renderWithData(<App />, 'ru');
    await user.click(await screen.findByRole('button', { name: 'Новый клиент' }));
    const name = screen.getByLabelText('Название или имя клиента', { exact: true });
    expect(name).toHaveAttribute('maxLength', '300');
    fireEvent.change(name, { target: { value: 'Я'.repeat(260) } });
    expect(await screen.findByText('260 из 300 знаков')).toBeInTheDocument();
  });

  it('a purchase dated in the year 9999 asks for confirmation before it is saved', async () => {
    const user = userEvent.setup();
    const { repo, db } = await renderWithData(<App />, 'en');
    const c = await addClient(repo, 'Buttercup Ltd', { status: 'active' });
    window.location.hash = `#/clients/${c.id}`;
    await user.click(await screen.findByRole('button', { name: 'Add purchase' }));
    const form = screen.getByRole('form', { name: 'Purchase' });
    fireEvent.change(within(form).getByLabelText('Date of purchase'), {
      target: { value: '9999-05-01' },
    });
    await user.type(within(form).getByLabelText('Item 1'), 'Coffee machine');
    await user.type(within(form).getByLabelText('Amount'), '100');
    await user.click(within(form).getByRole('button', { name: 'Save purchase' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(/The year 9999 looks wrong/);
    expect(await db.purchases.count()).toBe(0);
    await user.click(within(form).getByRole('button', { name: 'Save purchase' }));
    await waitFor(async () => expect(await db.purchases.count()).toBe(1));
  });
});
