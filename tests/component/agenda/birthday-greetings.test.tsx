// Birthday greetings (issue 11, item 2): due on the day, worded with the day and whose birthday
// it is, shown as missed (not "overdue") for a short grace and gone after it. The clock is moved
// (only Date is faked, so the app's timers run) and the same days are checked in two zones.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { App } from '../../../renderer/app/App';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { requestFollowUpRefresh } from '../../../renderer/features/agenda/data/followUpKeeper';
import { renderWithData } from '../renderApp';

const savedTz = process.env.TZ;
afterEach(() => {
  vi.useRealTimers();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
  localStorage.clear();
});

/** Moves the clock to 10:00 on a day in the device's zone, and lets the keeper see it. */
function moveTo(year: number, month: number, day: number) {
  vi.setSystemTime(new Date(year, month - 1, day, 10, 0));
  requestFollowUpRefresh();
}

function section(name: RegExp) {
  return screen.getByRole('region', { name });
}

describe.each(['Europe/Moscow', 'America/New_York'])('birthday greetings in %s', (zone) => {
  it('a reminder before the day, the greeting on the day, missed for a short grace, then gone', async () => {
    process.env.TZ = zone;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 8, 10, 0));
    window.location.hash = '#/agenda';
    const { repo } = await renderWithData(<App />, 'ru');
    const client = await repo.create('clients', {
      ...emptyClientDraft(),
      name: 'ООО «Колесников и сыновья»',
      status: 'active',
    });
    await repo.create('people', {
      clientId: client.id,
      name: 'Фёдор Колесников',
      role: '',
      birthday: null,
      children: [{ name: 'Алёна', birthday: '--12-11' }],
      addressForm: 'formal',
      channels: [],
      interests: '',
      personalNotes: '',
      deletedAt: null,
    });

    // Tuesday 8 December: three days ahead, a reminder that names the day, not "today".
    const reminder = 'пт, 11 дек. — скоро день рождения: Алёна, ребёнок (Фёдор Колесников)';
    expect(await screen.findByText(reminder, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(within(section(/^Сегодня/)).getByText(reminder)).toBeInTheDocument();
    expect(screen.queryByText(/Сегодня день рождения/)).not.toBeInTheDocument();
    // The greeting itself is due on Friday, in the week ahead, not today.
    const greeting =
      'пт, 11 дек. — день рождения: Алёна, ребёнок (Фёдор Колесников). Поздравить семью';
    expect(within(section(/^Ближайшие 7 дней/)).getByText(greeting)).toBeInTheDocument();
    expect(within(section(/^Сегодня/)).queryByText(greeting)).not.toBeInTheDocument();

    // Friday 11 December: the greeting is due today, worded with the day and the family.
    moveTo(2026, 12, 11);
    await waitFor(() => expect(within(section(/^Сегодня/)).getByText(greeting)).toBeVisible(), {
      timeout: 10_000,
    });
    expect(screen.queryByText(reminder)).not.toBeInTheDocument();

    // Sunday 13 December: missed two days ago, still kind to greet; never "просрочено".
    moveTo(2026, 12, 13);
    await waitFor(
      () => expect(screen.getByText(/день рождения был 2 дня назад/)).toBeInTheDocument(),
      { timeout: 10_000 },
    );
    const row = screen.getByText(greeting).closest('li')!;
    expect(row).not.toHaveTextContent(/просрочено на/);

    // 25 January: the greeting lapsed; nothing says "overdue by 45 days".
    moveTo(2027, 1, 25);
    await waitFor(() => expect(screen.queryByText(greeting)).not.toBeInTheDocument(), {
      timeout: 10_000,
    });
    for (const li of screen.queryAllByRole('listitem'))
      if (/день рождения/.test(li.textContent ?? ''))
        expect(li).not.toHaveTextContent(/просрочено/);
  });
});
