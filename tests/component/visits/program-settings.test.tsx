import { describe, it, expect, beforeEach } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { currentProgram } from '../../../shared/domain/program';
import { ProgramSettings } from '../../../renderer/features/program/ProgramSettings';
import {
  allTemplates,
  templateForPurpose,
} from '../../../renderer/features/program/data/checklistTemplates';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { startVisit } from '../../../renderer/features/visits/data/visits';
import { SYNC_META, type SyncAccount } from '../../../renderer/sync/state';
import { renderWithData } from '../renderApp';

beforeEach(() => {
  localStorage.clear();
});

describe('program and checklist settings', { timeout: 30_000 }, () => {
  it('a rep working alone owns the program; signed in as a rep it is read-only with no control to change it; as a manager it is editable', async () => {
    const { db } = await renderWithData(<ProgramSettings />, 'en');
    const rules = await screen.findByRole('list', { name: 'Follow-up rules in force' });
    expect(within(rules).getByText(/Post-sale visit after delivery/)).toHaveTextContent('on, 7 d');
    expect(await screen.findByRole('button', { name: 'Publish the program' })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /Manager mode/ })).not.toBeInTheDocument();
    const account = (role: SyncAccount['role']): SyncAccount => ({
      serverUrl: 'https://sync.example.test',
      userId: '01900000-0000-7000-8000-000000000001',
      email: 'x@example.test',
      name: 'X',
      role,
      teamName: 'T',
      deviceName: 'laptop',
      signedInAt: new Date().toISOString(),
    });
    await db.meta.put({ key: SYNC_META.account, value: account('rep') });
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Publish the program' })).not.toBeInTheDocument(),
    );
    expect(screen.queryByRole('button', { name: /Publish/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(/read-only/);
    await db.meta.put({ key: SYNC_META.account, value: account('manager') });
    expect(await screen.findByRole('button', { name: 'Publish the program' })).toBeInTheDocument();
  });

  it('a manager publishes a program with a new N; the rules read the new version', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<ProgramSettings />, 'en');
    const days = await screen.findByRole('spinbutton', {
      name: 'Post-sale visit after delivery: Days',
    });
    await user.clear(days);
    await user.type(days, '10');
    await user.click(screen.getByRole('button', { name: 'Publish the program' }));
    await waitFor(async () => expect(await db.checklistTemplates.count()).toBe(1));
    const program = currentProgram(await allTemplates(db));
    expect(program.rules.post_sale_visit.days).toBe(10);
    const rules = screen.getByRole('list', { name: 'Follow-up rules in force' });
    await waitFor(() =>
      expect(within(rules).getByText(/Post-sale visit after delivery/)).toHaveTextContent(
        'on, 10 d',
      ),
    );
  });

  it('an edited checklist is published as the next version; a visit started before keeps the old one', async () => {
    const user = userEvent.setup();
    const { db, repo } = await renderWithData(<ProgramSettings />, 'en');
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Old visit' });
    const oldVisit = await startVisit(repo, { kind: 'closing', clientId: client.id });

    const step = (await screen.findAllByRole('group', { name: 'Step 4' }))[0]!;
    const question = within(step).getAllByRole('textbox', { name: 'Question (English)' })[0]!;
    await user.clear(question);
    await user.type(question, 'I let the buyer take their time');
    expect(within(step).getAllByText(/cannot be removed/).length).toBeGreaterThan(0);
    await user.selectOptions(
      within(step).getByRole('combobox', { name: 'Answer type' }),
      'short_text',
    );
    await user.click(within(step).getByRole('button', { name: '+ Add a question' }));
    await user.click(screen.getByRole('button', { name: 'Publish as version 2' }));

    await waitFor(async () => expect(await db.checklistTemplates.count()).toBe(1));
    const latest = templateForPurpose(await allTemplates(db), 'closing')!;
    expect(latest.version).toBe(2);
    const guard = latest.steps[3]!.items[0]!;
    expect(guard.label.en).toBe('I let the buyer take their time');
    expect(latest.steps[3]!.items.at(-1)!.type).toBe('short_text');
    const oldRun = (await db.checklistRuns.where('visitId').equals(oldVisit).first())!;
    expect(oldRun.templateVersion).toBe(1);
    const other = await repo.create('clients', { ...emptyClientDraft(), name: 'New visit' });
    const newVisit = await startVisit(repo, { kind: 'closing', clientId: other.id });
    expect(
      (await db.checklistRuns.where('visitId').equals(newVisit).first())!.templateVersion,
    ).toBe(2);
  });

  it('a question left without its wording in both languages is not published', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithData(<ProgramSettings />, 'ru');
    const step = (await screen.findAllByRole('group', { name: 'Шаг 1' }))[0]!;
    await user.clear(within(step).getAllByRole('textbox', { name: 'Вопрос (По-английски)' })[0]!);
    await user.click(screen.getByRole('button', { name: 'Опубликовать как версию 2' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Чек-лист нельзя опубликовать');
    expect(await db.checklistTemplates.count()).toBe(0);
  });
});
