import { describe, it, expect, beforeEach } from 'vitest';
import { screen, waitFor, within, cleanup } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/app/App';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { startVisit } from '../../../renderer/features/visits/data/visits';
import { VisitJournal } from '../../../renderer/features/visits/data/visitJournal';
import type { FieldbookDb } from '../../../renderer/data/db';
import type { Repository } from '../../../renderer/data/repository';
import { DataProvider } from '../../../renderer/data/DataContext';
import { I18nextProvider } from 'react-i18next';
import i18next from 'i18next';
import { render } from '@testing-library/react';
import { renderWithData } from '../renderApp';

beforeEach(() => {
  localStorage.clear();
});

async function openClosingVisit(language: 'ru' | 'en' = 'ru') {
  const view = await renderWithData(<App />, language);
  const client = await view.repo.create('clients', { ...emptyClientDraft(), name: 'ООО Ромашка' });
  await view.repo.create('people', {
    clientId: client.id,
    name: 'Анна Петрова',
    role: 'закупки',
    birthday: null,
    children: [],
    addressForm: 'formal',
    channels: [],
    interests: '',
    personalNotes: '',
    deletedAt: null,
  });
  const visitId = await startVisit(view.repo, { kind: 'closing', clientId: client.id });
  window.location.hash = `#/visits/${visitId}`;
  return { ...view, visitId, clientId: client.id };
}

/** The same database opened again, as after a restart of the app. */
function reopen(db: FieldbookDb, repo: Repository) {
  cleanup();
  return render(
    <I18nextProvider i18n={i18next}>
      <DataProvider db={db} repo={repo}>
        <App />
      </DataProvider>
    </I18nextProvider>,
  );
}

// Rendering the whole app in jsdom and typing into it is slow on a busy machine; this is a budget
// for the run, not a claim about speed.
describe('visit mode', { timeout: 30_000 }, () => {
  it('answers and notes are saved as they happen, and reopening resumes the same step and text', async () => {
    const user = userEvent.setup();
    const { db, repo, visitId } = await openClosingVisit();
    await user.click(
      await screen.findByRole('checkbox', { name: 'Спрашивает о цене' }, { timeout: 5000 }),
    );
    await user.click(screen.getByRole('button', { name: 'Следующий шаг →' }));
    await screen.findByRole('heading', { level: 2, name: 'Что делает клиент' });
    await user.type(screen.getByRole('textbox', { name: 'Заметки' }), 'Хочет рассрочку');

    // Nobody pressed a save button: the database has it all.
    await waitFor(async () =>
      expect((await db.visits.get(visitId))!.notes).toBe('Хочет рассрочку'),
    );
    const visit = (await db.visits.get(visitId))!;
    expect(visit.currentStep).toBe('nonverbal');
    const run = (await db.checklistRuns.where('visitId').equals(visitId).first())!;
    expect(run.answers.verbal_signals).toEqual(['asks_price']);
    expect(await screen.findByText('Все изменения сохранены')).toBeInTheDocument();

    reopen(db, repo);
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Что делает клиент' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Заметки' })).toHaveValue('Хочет рассрочку');
    await userEvent.setup().click(screen.getByRole('button', { name: /Что говорит клиент/ }));
    expect(screen.getByRole('checkbox', { name: 'Спрашивает о цене' })).toBeChecked();
  });

  it('what a closed page journalled but never wrote is replayed when the visit opens', async () => {
    const { db, repo, visitId } = await openClosingVisit();
    await screen.findByRole('heading', { level: 2, name: 'Что говорит клиент' });
    cleanup();
    // The page journalled these keystrokes, then died before its debounced write.
    new VisitJournal(visitId).record({ notes: 'Просит скидку на объё', currentStep: 'method' });
    expect((await db.visits.get(visitId))!.notes).toBe('');

    reopen(db, repo);
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Способ завершения' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Заметки' })).toHaveValue('Просит скидку на объё');
    await waitFor(async () =>
      expect((await db.visits.get(visitId))!.notes).toBe('Просит скидку на объё'),
    );
    expect(localStorage.getItem(`fieldbook.visitJournal.${visitId}`)).toBeNull();
  });

  it('keyboard shortcuts move between steps and are listed on screen', async () => {
    const user = userEvent.setup();
    await openClosingVisit('en');
    await screen.findByRole('heading', { level: 2, name: 'What the buyer says' });
    expect(screen.getByText(/Alt\+↓ next step/)).toBeInTheDocument();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(
      await screen.findByRole('heading', { level: 2, name: 'What the buyer does' }),
    ).toBeInTheDocument();
    await user.keyboard('{Alt>}4{/Alt}');
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Avoid the classic mistakes' }),
    ).toBeInTheDocument();
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Closing method' }),
    ).toBeInTheDocument();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Finish the visit' }),
    ).toBeInTheDocument();
  });

  it('finishing lists what is still required, each with a jump to its step, and stays disabled', async () => {
    const user = userEvent.setup();
    await openClosingVisit('en');
    await user.click(await screen.findByRole('button', { name: /^⏎?\s*Finish$/ }));
    const missing = (await screen.findByText('Still needed before finishing:')).parentElement!;
    expect(within(missing).getByText(/I am not rushing the buyer/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Finish visit' })).toBeDisabled();
    await user.click(
      within(missing).getByRole('button', { name: 'Go to “Avoid the classic mistakes”' }),
    );
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Avoid the classic mistakes' }),
    ).toBeInTheDocument();
    // The missing items are now marked on their step.
    expect(screen.getByRole('checkbox', { name: /I am not rushing the buyer/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('the readiness indicator follows the signals, and a suggested method is chosen in one click', async () => {
    const user = userEvent.setup();
    const { db, visitId } = await openClosingVisit('en');
    const meter = await screen.findByRole('meter', { name: 'Buyer readiness' });
    expect(meter).toHaveAttribute('aria-valuenow', '0');
    await user.click(screen.getByRole('checkbox', { name: 'Asks about delivery dates' }));
    await user.click(screen.getByRole('checkbox', { name: 'Asks about payment terms' }));
    await user.click(screen.getByRole('checkbox', { name: 'Speaks as an owner' }));
    expect(Number(meter.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(70);
    expect(meter).toHaveAttribute('aria-valuetext', expect.stringMatching(/^Ready to close/));
    await user.click(screen.getByRole('button', { name: /Closing method/ }));
    const choose = await screen.findByRole('button', { name: 'Choose: Assumptive close' });
    await user.click(choose);
    expect(choose).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('radio', { name: 'Assumptive close' })).toBeChecked();
    await waitFor(async () =>
      expect(
        (await db.checklistRuns.where('visitId').equals(visitId).first())!.answers.closing_method,
      ).toBe('assumptive'),
    );
  });

  it('the client’s people with their address form are always beside the checklist', async () => {
    await openClosingVisit('ru');
    const facts = await screen.findByRole('region', { name: 'Главное о клиенте' });
    expect(await within(facts).findByText('Анна Петрова')).toBeInTheDocument();
    expect(within(facts).getByText('на «вы»')).toBeInTheDocument();
  });
});
