// One rule per fact, in the database: the keeper that runs while the app is open closes a
// follow-up the moment its fact is written, whoever writes it: the card (the repository), a
// contact log, or a sync from another device (rows written straight into the tables).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../../shared/domain/followups/days';
import { newPurchase } from '../../../shared/domain';
import { localDay } from '../../../renderer/data/localTime';
import { regenerateFollowUps } from '../../../renderer/features/agenda/data/followUps';
import { startFollowUpKeeper } from '../../../renderer/features/agenda/data/followUpKeeper';
import { logContact } from '../../../renderer/features/visits/data/contactLog';
import { addClient, freshBook, type Book } from './helpers';

const today = localDay();
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

async function purchase(book: Book, fields: Partial<Parameters<typeof newPurchase>[0]>) {
  const client = await addClient(book, 'Колесников и сыновья', 'active');
  const p = await book.repo.create(
    'purchases',
    newPurchase({
      clientId: client.id,
      date: addDays(today, -10),
      items: [{ name: 'Котёл Buderus', quantity: 1, unitPrice: null }],
      ...fields,
    }),
  );
  return { client, purchase: p };
}

async function followUpOf(book: Book, kind: string) {
  const rows = await book.db.followUps.where('kind').equals(kind).toArray();
  return rows.filter((f) => f.deletedAt === null);
}

describe('a follow-up closes itself when its fact is recorded, wherever', () => {
  it('installation recorded by a sync from another device closes the open installation check', async () => {
    const book = await freshBook();
    const { purchase: p } = await purchase(book, {
      installation: { due: addDays(today, -1), done: null },
    });
    await regenerateFollowUps(book.repo, today);
    const [check] = await followUpOf(book, 'installation_check');
    expect(check?.status).toBe('open');
    stop = startFollowUpKeeper(book.db, book.repo, { today: () => today });
    // As a pulled page writes it: the row itself, no repository, no refresh request.
    const row = (await book.db.purchases.get(p.id))!;
    await book.db.purchases.put({
      ...row,
      installation: { due: row.installation.due, done: today },
    });
    await vi.waitFor(
      async () => expect((await book.db.followUps.get(check!.id))?.status).toBe('done'),
      { timeout: 10_000, interval: 100 },
    );
    expect((await book.db.followUps.get(check!.id))?.doneAt).not.toBeNull();
  });

  it('a feedback call logged from the card closes the satisfaction check', async () => {
    const book = await freshBook();
    const { client } = await purchase(book, {
      delivery: { due: addDays(today, -40), done: addDays(today, -31) },
    });
    await regenerateFollowUps(book.repo, today);
    const [check] = await followUpOf(book, 'satisfaction_check');
    expect(check?.status).toBe('open');
    stop = startFollowUpKeeper(book.db, book.repo, { today: () => today });
    await logContact(book.repo, {
      clientId: client.id,
      personId: null,
      type: 'seller_initiated',
      subtype: 'none',
      channel: 'phone',
      summary: 'Всем доволен, просит прайс на сервис',
    });
    await vi.waitFor(
      async () => expect((await book.db.followUps.get(check!.id))?.status).toBe('done'),
      { timeout: 10_000, interval: 100 },
    );
  });

  it('an edit on the card that records the installation closes the check in the same regeneration', async () => {
    const book = await freshBook();
    const { purchase: p } = await purchase(book, {
      installation: { due: addDays(today, 2), done: null },
    });
    await regenerateFollowUps(book.repo, today);
    const [check] = await followUpOf(book, 'installation_check');
    await book.repo.update('purchases', p.id, {
      installation: { due: addDays(today, 2), done: today },
    });
    const diff = await regenerateFollowUps(book.repo, today, [p.clientId]);
    expect(diff.close.map((c) => c.id)).toEqual([check!.id]);
    expect((await book.db.followUps.get(check!.id))?.status).toBe('done');
  });
});
