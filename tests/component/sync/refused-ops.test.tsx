// The rep of issue 12 who ticked a manager switch, published a checklist and synced: the server
// refused every template op (read_only) and «Оставить с сервера» failed on a null key. One click
// gets such a device unstuck, whatever the table, and nothing the rep wrote is lost.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Conflict } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import {
  allTemplates,
  publishTemplateVersion,
  templateForPurpose,
} from '../../../renderer/features/program/data/checklistTemplates';
import { ConflictsList } from '../../../renderer/features/sync/ConflictsList';
import { readUnpublishedTemplates } from '../../../renderer/sync/refused';
import { SYNC_META } from '../../../renderer/sync/state';
import { renderWithData } from '../renderApp';

function legacyRefusal(table: string, rowId: string, field: string, value: unknown): Conflict {
  // What settle wrote for a refused op before refusals had their own kind: one per field, with
  // no server value (null) and no server stamp.
  return {
    id: uuidv7(),
    table,
    rowId,
    field,
    localValue: value,
    remoteValue: null,
    localStamp: null,
    remoteStamp: null,
    kind: 'field',
    createdAt: new Date().toISOString(),
    resolvedAt: null,
    resolution: null,
  };
}

describe('refused changes', { timeout: 30_000 }, () => {
  it('the stuck rep of issue 12 gets unstuck by one click: no open conflict, nothing left to refuse, the checklist kept as a draft', async () => {
    const { db, repo } = await renderWithData(<ConflictsList />, 'ru');
    const closing = templateForPurpose(await allTemplates(db), 'closing')!;
    const mine = await publishTemplateVersion(repo, closing, {
      title: closing.title,
      steps: closing.steps.map((s, i) =>
        i === 0
          ? {
              ...s,
              items: [
                ...s.items,
                { key: 'my_q', type: 'check', required: false, label: { ru: 'Мой', en: 'Mine' } },
              ],
            }
          : s,
      ),
    });
    // Someone else's client this rep changed (serverVersion > 0): refused as forbidden.
    const theirs = await repo.create('clients', { ...emptyClientDraft(), name: 'Чужой' });
    await db.clients.update(theirs.id, { serverVersion: 3 });
    await db.meta.put({ key: SYNC_META.pull, value: { epoch: 'e'.repeat(32), cursor: 'c42' } });
    await db.outbox.clear();
    const fields = ['key', 'version', 'purpose', 'title', 'steps', 'publishedAt', 'deletedAt'];
    await db.conflicts.bulkAdd([
      ...fields.map((f) =>
        legacyRefusal('checklistTemplates', mine.id, f, (mine as Record<string, unknown>)[f]),
      ),
      {
        ...legacyRefusal('clients', theirs.id, 'name', { name: 'Чужой' }),
        kind: 'refused',
        code: 'forbidden',
      },
    ]);

    const button = await screen.findByRole('button', {
      name: 'Оставить версию сервера для всех 8 непринятых изменений',
    });
    expect(
      screen.getAllByText(
        /публикует руководитель; вашей учётной записи они приходят только для чтения/,
      ),
    ).not.toHaveLength(0);
    await userEvent.setup().click(button);

    await screen.findByText('Готово: оставлена версия сервера, синхронизация продолжается.');
    expect(await db.conflicts.filter((c) => c.resolvedAt === null).count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    // The server never had the rep's version: the server's version is none, so the local copy goes…
    expect(await db.checklistTemplates.get(mine.id)).toBeUndefined();
    expect(templateForPurpose(await allTemplates(db), 'closing')!.id).toBe(closing.id);
    // …and what the rep wrote stays on this device as a draft.
    const unpublished = await readUnpublishedTemplates(db);
    expect(unpublished.map((d) => d.key)).toEqual([closing.key]);
    expect(JSON.stringify(unpublished[0]!.steps)).toContain('my_q');
    // A row the server has comes back whole with the next pull.
    expect((await db.meta.get(SYNC_META.pull))?.value).toEqual({
      epoch: 'e'.repeat(32),
      cursor: null,
    });
  });

  it("«keep the server's version» of one refusal works for a template row (it failed on a null key)", async () => {
    const { db, repo } = await renderWithData(<ConflictsList />, 'en');
    const closing = templateForPurpose(await allTemplates(db), 'closing')!;
    const mine = await publishTemplateVersion(repo, closing, {
      title: closing.title,
      steps: closing.steps,
    });
    await db.outbox.clear();
    await db.conflicts.add(legacyRefusal('checklistTemplates', mine.id, 'key', mine.key));
    await userEvent
      .setup()
      .click(await screen.findByRole('button', { name: 'Keep the server’s version' }));
    await waitFor(async () =>
      expect(await db.conflicts.filter((c) => c.resolvedAt === null).count()).toBe(0),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(await db.checklistTemplates.count()).toBe(0);
  });
});
