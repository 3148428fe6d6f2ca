import { describe, it, expect, beforeEach } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { newFollowUp, type FollowUp } from '../../../shared/domain';
import { addDays } from '../../../shared/domain/followups/days';
import { App } from '../../../renderer/app/App';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { localDay } from '../../../renderer/data/localTime';
import type { Repository } from '../../../renderer/data/repository';
import { onToast, type Toast } from '../../../renderer/platform';
import { notifyDueToday } from '../../../renderer/features/agenda/data/dueTodayNotice';
import { AGENDA_PAGE } from '../../../renderer/features/agenda/agendaGroups';
import i18next from 'i18next';
import { renderWithData } from '../renderApp';
import { formatDate } from '../../../renderer/i18n/dates';

const today = localDay();

beforeEach(() => {
  localStorage.clear();
  window.location.hash = '#/agenda';
});

/** A follow-up the rep planned by hand (no rule key), so the rules engine leaves it as it is. */
function followUp(
  repo: Repository,
  clientId: string,
  kind: FollowUp['kind'],
  due: string,
  title: string,
) {
  return repo.create(
    'followUps',
    newFollowUp({
      clientId,
      kind,
      due,
      title,
    }),
  );
}

async function agendaWith(language: 'ru' | 'en' = 'en') {
  const view = await renderWithData(<App />, language);
  const client = await view.repo.create('clients', {
    ...emptyClientDraft(),
    name: 'Acme',
    status: 'active',
  });
  return { ...view, clientId: client.id };
}

function item(name: RegExp | string) {
  return screen.getAllByRole('listitem').find((li) => within(li).queryByText(name))!;
}

describe('agenda', { timeout: 30_000 }, () => {
  it('shows overdue, today and the next 7 days, grouped by kind, and counts today + overdue in the navigation', async () => {
    const { repo, clientId } = await agendaWith('en');
    await followUp(repo, clientId, 'birthday', addDays(today, -2), 'Anna');
    await followUp(repo, clientId, 'payment_check', today, 'Oven');
    await followUp(repo, clientId, 'custom', addDays(today, 3), 'Send the offer');
    await followUp(repo, clientId, 'custom', addDays(today, 9), 'Too far ahead');

    const overdue = await screen.findByRole('region', { name: /^Overdue/ });
    expect(within(overdue).getByRole('heading', { name: 'Birthdays' })).toBeInTheDocument();
    expect(
      within(overdue).getByText(
        `${formatDate(addDays(today, -2), 'weekdayDay', 'en')} — birthday: Anna. Congratulate`,
      ),
    ).toBeInTheDocument();
    // A greeting is not "overdue": it was missed, and lapses after a short grace.
    expect(within(overdue).getByText(/the day was 2 days ago/)).toBeInTheDocument();
    const todayRegion = screen.getByRole('region', { name: /^Today/ });
    expect(
      within(todayRegion).getByRole('heading', { name: 'Payment checks' }),
    ).toBeInTheDocument();
    const week = screen.getByRole('region', { name: /^Next 7 days/ });
    expect(within(week).getByText('Send the offer')).toBeInTheDocument();
    expect(screen.queryByText('Too far ahead')).not.toBeInTheDocument();

    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    await waitFor(() =>
      expect(within(nav).getByRole('link', { name: /^Agenda/ })).toHaveAccessibleName(
        'Agenda 2 follow-ups due today or overdue',
      ),
    );
  });

  it('a big group shows its first page and a button that reads the next page of that group', async () => {
    const user = userEvent.setup();
    const { repo, clientId } = await agendaWith('ru');
    const total = AGENDA_PAGE + 3;
    for (let i = 0; i < total; i++)
      await followUp(repo, clientId, 'custom', addDays(today, -30 + i), `Шаг ${i}`);
    await followUp(repo, clientId, 'birthday', addDays(today, -1), 'Анна');

    const overdue = await screen.findByRole('region', { name: /^Просрочено/ });
    const steps = await within(overdue).findByRole('group', { name: /^Следующие шаги/ });
    await waitFor(() => expect(within(steps).getAllByRole('listitem')).toHaveLength(AGENDA_PAGE));
    expect(within(steps).getByText('Шаг 0')).toBeInTheDocument();
    expect(within(steps).queryByText(`Шаг ${AGENDA_PAGE}`)).not.toBeInTheDocument();
    await waitFor(() =>
      expect(within(overdue).getByRole('heading', { name: /^Просрочено/ })).toHaveTextContent(
        `Просрочено ${total + 1}`,
      ),
    );
    await user.click(within(steps).getByRole('button', { name: `Показать ещё 3 из ${total}` }));
    await waitFor(() => expect(within(steps).getAllByRole('listitem')).toHaveLength(total));
    expect(within(steps).getByText(`Шаг ${total - 1}`)).toBeInTheDocument();
    expect(within(steps).queryByRole('button', { name: /Показать ещё/ })).not.toBeInTheDocument();
    // The other group keeps its own page.
    const birthdays = within(overdue).getByRole('group', { name: /^Дни рождения/ });
    expect(within(birthdays).getAllByRole('listitem')).toHaveLength(1);
  });

  it('done takes an item off the agenda and records it as done', async () => {
    const user = userEvent.setup();
    const { repo, db, clientId } = await agendaWith('en');
    const f = await followUp(repo, clientId, 'custom', today, 'Call about the quote');
    await screen.findByText('Call about the quote');
    await user.click(within(item('Call about the quote')).getByRole('button', { name: '✓ Done' }));
    await waitFor(() => expect(screen.queryByText('Call about the quote')).not.toBeInTheDocument());
    const stored = (await db.followUps.get(f.id))!;
    expect(stored.status).toBe('done');
    expect(stored.doneAt).not.toBeNull();
  });

  it('snooze by a day or a week, or to a picked date, moves the item to that day', async () => {
    const user = userEvent.setup();
    const { repo, db, clientId } = await agendaWith('en');
    const a = await followUp(repo, clientId, 'custom', today, 'Alpha step');
    const b = await followUp(repo, clientId, 'custom', today, 'Beta step');
    const c = await followUp(repo, clientId, 'custom', today, 'Gamma step');
    await screen.findByText('Gamma step');

    await user.click(within(item('Alpha step')).getByRole('button', { name: 'Snooze' }));
    await user.click(within(item('Alpha step')).getByRole('button', { name: '1 day' }));
    await user.click(within(item('Beta step')).getByRole('button', { name: 'Snooze' }));
    await user.click(within(item('Beta step')).getByRole('button', { name: '1 week' }));
    await user.click(within(item('Gamma step')).getByRole('button', { name: 'Snooze' }));
    const picker = within(item('Gamma step')).getByLabelText('Pick a date');
    await user.clear(picker);
    await user.type(picker, addDays(today, 4));
    await user.click(within(item('Gamma step')).getByRole('button', { name: 'Apply' }));

    await waitFor(async () =>
      expect((await db.followUps.get(c.id))!.snoozedUntil).toBe(addDays(today, 4)),
    );
    expect((await db.followUps.get(a.id))!.snoozedUntil).toBe(addDays(today, 1));
    expect((await db.followUps.get(b.id))!.snoozedUntil).toBe(addDays(today, 7));
    const week = await screen.findByRole('region', { name: /^Next 7 days/ });
    await waitFor(() => expect(within(week).getByText('Alpha step')).toBeInTheDocument());
    await waitFor(() => expect(within(week).getAllByText(/held from/)).toHaveLength(3));
  });

  it('reschedule gives a planned step a new date', async () => {
    const user = userEvent.setup();
    const { repo, db, clientId } = await agendaWith('en');
    const f = await followUp(repo, clientId, 'custom', addDays(today, -1), 'Late step');
    await screen.findByText('Late step');
    await user.click(within(item('Late step')).getByRole('button', { name: 'Reschedule' }));
    const date = within(item('Late step')).getByLabelText('New date');
    await user.clear(date);
    await user.type(date, addDays(today, 2));
    await user.click(within(item('Late step')).getByRole('button', { name: 'Apply' }));
    await waitFor(async () => expect((await db.followUps.get(f.id))!.due).toBe(addDays(today, 2)));
    expect((await db.followUps.get(f.id))!.status).toBe('open');
  });

  it('a birthday greeting is logged as a friendly contact from the agenda, which completes it', async () => {
    const user = userEvent.setup();
    const { repo, db, clientId } = await agendaWith('ru');
    const f = await followUp(repo, clientId, 'birthday', today, 'Анна');
    const greeting = `${formatDate(today, 'weekdayDay', 'ru')} — день рождения: Анна. Поздравить`;
    await screen.findByText(greeting);
    const row = item(greeting);
    await user.click(within(row).getByRole('button', { name: 'Записать контакт' }));
    expect(await within(row).findByRole('radio', { name: 'Дружеский повод' })).toBeChecked();
    await user.click(within(row).getByRole('radio', { name: 'Телефон' }));
    await user.type(
      within(row).getByRole('textbox', { name: /Коротко о разговоре/ }),
      'Поздравил, передал привет',
    );
    await user.click(within(row).getByRole('button', { name: 'Сохранить контакт' }));

    await waitFor(async () => expect(await db.contacts.count()).toBe(1));
    const [contact] = await db.contacts.toArray();
    expect([contact!.type, contact!.channel, contact!.summary, contact!.clientId]).toEqual([
      'friendly',
      'phone',
      'Поздравил, передал привет',
      clientId,
    ]);
    await waitFor(async () => expect((await db.followUps.get(f.id))!.status).toBe('done'));
  });

  it('a contact needs its kind, channel and summary before it is saved', async () => {
    const user = userEvent.setup();
    const { repo, db, clientId } = await agendaWith('en');
    await followUp(repo, clientId, 'no_contact', today, 'Acme');
    const title = await screen.findByText('No contact for too long: Acme');
    const row = title.closest('li')!;
    await user.click(within(row).getByRole('button', { name: 'Log a contact' }));
    await user.click(await within(row).findByRole('radio', { name: 'The client got in touch' }));
    await user.click(within(row).getByRole('button', { name: 'Save contact' }));
    expect(within(row).getByRole('alert')).toHaveTextContent('Fill in the kind of contact');
    expect(within(row).getByRole('group', { name: /What it was/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(await db.contacts.count()).toBe(0);
  });

  it('items due today raise one notification a day through the desktop API', async () => {
    const toasts: Toast[] = [];
    const stop = onToast((t) => toasts.push(t));
    try {
      const { repo, db, clientId } = await agendaWith('en');
      await followUp(repo, clientId, 'payment_check', today, 'Oven');
      // The keeper regenerates after writes; its pass notifies what is due today.
      await waitFor(() => expect(toasts).toHaveLength(1), { timeout: 5000 });
      expect(toasts[0]).toMatchObject({
        title: 'Due today in Fieldbook',
        body: '1 follow-up: Check the payment: Oven',
      });
      // Later passes the same day stay silent.
      await followUp(repo, clientId, 'custom', today, 'Another');
      await notifyDueToday(db, today, i18next.t);
      expect(toasts).toHaveLength(1);
      expect(localStorage.getItem('fieldbook.agenda.notifiedOn')).toBe(today);
    } finally {
      stop();
    }
  });
});
