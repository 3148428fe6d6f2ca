/**
 * Whose follow-ups a device keeps (shared/domain/followups/ownBook.ts): a device signed in to a
 * team holds clients it does not own (a manager pulls the whole team, a rep holds a colleague's
 * shared client); its rules write follow-ups only for its own, and never change another's.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/followups/days';
import { newPurchase, SYNCED_TABLES, type FollowUp } from '../../../shared/domain';
import {
  refreshFollowUps,
  regenerateFollowUps,
} from '../../../renderer/features/agenda/data/followUps';
import { META } from '../../../renderer/data/device';
import { localDay } from '../../../renderer/data/localTime';
import { isEmptyDiff } from '../../../shared/domain/followupRules';
import { addClient, freshBook, type Book } from './helpers';

const today = localDay();

const signInAs = (book: Book, repId: string) =>
  book.db.meta.put({ key: META.session, value: { repId } });

/** A client with a purchase whose delivery is due in two days: the rules want a delivery check. */
async function buyer(book: Book, name: string) {
  const client = await addClient(book, name, 'active');
  const purchase = await book.repo.create(
    'purchases',
    newPurchase({
      clientId: client.id,
      date: addDays(today, -3),
      items: [{ name: 'Печь', quantity: 1, unitPrice: null }],
      delivery: { due: addDays(today, 2), done: null },
    }),
  );
  return { client, purchase };
}

/** Every outbox op since `from` (the outbox is what the device will push). */
async function opsSince(book: Book, from: number) {
  return (await book.db.outbox.toArray()).filter((o) => o.seq > from);
}

const lastSeq = async (book: Book) =>
  Math.max(0, ...(await book.db.outbox.toArray()).map((o) => o.seq));

const followUpsOf = async (book: Book, clientId: string): Promise<FollowUp[]> =>
  book.db.followUps.where('clientId').equals(clientId).toArray();

describe("a signed-in device keeps its own clients' follow-ups only", () => {
  it("a manager's device holding a rep's client writes no follow-up on it and changes none of the rep's", async () => {
    const book = await freshBook();
    // What the manager's device pulled: a rep's client whose purchase the rep's devices have not
    // yet made follow-ups for, and another rep's client with its open delivery check.
    await signInAs(book, 'rep-1');
    const fresh = await buyer(book, 'Клиент Анны');
    await signInAs(book, 'rep-2');
    const served = await buyer(book, 'Клиент Бориса');
    await regenerateFollowUps(book.repo, today);
    const hers = await followUpsOf(book, served.client.id);
    expect(hers.map((f) => f.kind)).toContain('delivery_check');
    // Then the manager signs in on this device, with a client of their own.
    await signInAs(book, 'manager');
    const own = await buyer(book, 'Клиент руководителя');
    // The rep records the delivery on her device; the pulled purchase says it is done.
    await book.db.purchases.update(served.purchase.id, {
      delivery: { due: addDays(today, 2), done: addDays(today, -1) },
    });
    const before = await lastSeq(book);

    const diff = await refreshFollowUps(book.repo, today);
    expect(new Set(diff.create.map((d) => d.clientId))).toEqual(new Set([own.client.id]));
    expect(diff.update).toEqual([]);
    expect(diff.close).toEqual([]);
    expect(diff.remove).toEqual([]);
    expect(isEmptyDiff(await regenerateFollowUps(book.repo, today))).toBe(true);
    expect(await followUpsOf(book, fresh.client.id)).toEqual([]);
    expect(await followUpsOf(book, served.client.id)).toEqual(hers);
    const ops = await opsSince(book, before);
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) expect(op.rowId).not.toBe(served.client.id);
    const touched = new Set(
      (
        await book.db.followUps.bulkGet(
          ops.filter((o) => o.table === 'followUps').map((o) => o.rowId),
        )
      )
        .filter((f) => f !== undefined)
        .map((f) => f!.clientId),
    );
    expect(touched).toEqual(new Set([own.client.id]));
  });

  it('a rep who signs in after working alone keeps every follow-up: none made twice, none removed', async () => {
    const book = await freshBook();
    await buyer(book, 'Клиент до входа');
    await regenerateFollowUps(book.repo, today);
    const alone = await book.db.followUps.toArray();
    expect(alone.length).toBeGreaterThan(0);
    // What signing in does to the book (sync/session.ts recordSignIn).
    await signInAs(book, 'rep-1');
    for (const table of SYNCED_TABLES) {
      await book.db
        .table(table)
        .filter((row: { ownerId?: string }) => row.ownerId === 'local')
        .modify({ ownerId: 'rep-1' });
    }
    expect(isEmptyDiff(await refreshFollowUps(book.repo, today))).toBe(true);
    expect(isEmptyDiff(await regenerateFollowUps(book.repo, today))).toBe(true);
    expect((await book.db.followUps.toArray()).map((f) => f.id).sort()).toEqual(
      alone.map((f) => f.id).sort(),
    );
  });

  it('a device that never signed in keeps follow-ups for every client it holds', async () => {
    const book = await freshBook();
    const { client } = await buyer(book, 'Один в поле');
    // A row that came from elsewhere (a restored backup of a team book) is still this rep's here.
    await book.db.clients.update(client.id, { ownerId: 'someone-else' });
    const diff = await regenerateFollowUps(book.repo, today);
    expect(diff.create.map((d) => d.clientId)).toContain(client.id);
  });
});
