import { describe, it, expect } from 'vitest';
import { addDays } from '../../../shared/domain/followups/days';
import {
  markFollowUpDone,
  refreshFollowUps,
  regenerateFollowUps,
  rescheduleFollowUp,
  snoozeFollowUp,
} from '../../../renderer/features/agenda/data/followUps';
import { localDay } from '../../../renderer/data/localTime';
import { loadAgenda } from '../../../renderer/features/agenda/data/loadAgenda';
import { isEmptyDiff } from '../../../shared/domain/followupRules';
import { addClient, freshBook, type Book } from './helpers';
import { newFollowUp, newPurchase } from '../../../shared/domain';

const today = localDay();

async function purchaseWithDelivery(book: Book, due: string) {
  const client = await addClient(book, 'Delta', 'active');
  const purchase = await book.repo.create(
    'purchases',
    newPurchase({
      clientId: client.id,
      date: addDays(today, -3),
      items: [{ name: 'Печь', quantity: 1, unitPrice: null }],
      delivery: { due, done: null },
    }),
  );
  return { client, purchase };
}

describe('follow-ups in the database', () => {
  it('regenerating twice writes the diff once: the second run changes nothing and adds no outbox row', async () => {
    const book = await freshBook();
    await purchaseWithDelivery(book, addDays(today, 2));
    const first = await regenerateFollowUps(book.repo, today);
    expect(first.create.length).toBeGreaterThan(0);
    const outbox = await book.db.outbox.count();
    const second = await regenerateFollowUps(book.repo, today);
    expect(isEmptyDiff(second)).toBe(true);
    expect(await book.db.outbox.count()).toBe(outbox);
  });

  it('the background refresh writes the same follow-ups as a full regeneration', async () => {
    const book = await freshBook();
    await purchaseWithDelivery(book, addDays(today, 2));
    const first = await refreshFollowUps(book.repo, today);
    expect(first.create.map((d) => d.kind)).toContain('delivery_check');
    expect(isEmptyDiff(await regenerateFollowUps(book.repo, today))).toBe(true);
    expect(isEmptyDiff(await refreshFollowUps(book.repo, today))).toBe(true);
  });

  it('moving the delivery date moves its open check instead of adding a second one', async () => {
    const book = await freshBook();
    const { purchase } = await purchaseWithDelivery(book, addDays(today, 2));
    await regenerateFollowUps(book.repo, today);
    await book.repo.update('purchases', purchase.id, {
      delivery: { due: addDays(today, 6), done: null },
    });
    await regenerateFollowUps(book.repo, today);
    const checks = (
      await book.db.followUps.where('kind').equals('delivery_check').toArray()
    ).filter((f) => f.deletedAt === null);
    expect(checks.map((f) => f.due)).toEqual([addDays(today, 6)]);
  });

  it('“Delivered” marks the check done and records the delivery day on the purchase', async () => {
    const book = await freshBook();
    const { purchase } = await purchaseWithDelivery(book, today);
    await regenerateFollowUps(book.repo, today);
    const [check] = await book.db.followUps.where('kind').equals('delivery_check').toArray();
    await markFollowUpDone(book.repo, check!.id, today);
    expect((await book.db.followUps.get(check!.id))!.status).toBe('done');
    expect((await book.db.purchases.get(purchase.id))!.delivery.done).toBe(today);
    // The rules now plan the post-sale visit from that day and never reopen the check.
    await regenerateFollowUps(book.repo, today);
    expect((await book.db.followUps.get(check!.id))!.status).toBe('done');
    expect(await book.db.followUps.where('kind').equals('post_sale_visit').count()).toBe(1);
  });

  it('a snoozed follow-up leaves the agenda until its day and regeneration keeps it held', async () => {
    const book = await freshBook();
    await purchaseWithDelivery(book, today);
    await regenerateFollowUps(book.repo, today);
    const [check] = await book.db.followUps.where('kind').equals('delivery_check').toArray();
    await snoozeFollowUp(book.repo, check!.id, addDays(today, 7));
    await regenerateFollowUps(book.repo, today);
    const shown = async (day: string) =>
      (await loadAgenda(book.db, day, 'en')).today.flatMap((g) =>
        g.entries.map((e) => e.followUp.id),
      );
    expect(await shown(addDays(today, 6))).not.toContain(check!.id);
    expect(await shown(addDays(today, 7))).toContain(check!.id);
    const held = (await book.db.followUps.get(check!.id))!;
    expect([held.status, held.due, held.snoozedUntil]).toEqual([
      'snoozed',
      today,
      addDays(today, 7),
    ]);
  });

  it('rescheduling a follow-up the rep added moves its date; a generated one is held instead', async () => {
    const book = await freshBook();
    const { client } = await purchaseWithDelivery(book, today);
    await regenerateFollowUps(book.repo, today);
    const own = await book.repo.create(
      'followUps',
      newFollowUp({
        clientId: client.id,
        due: today,
        title: 'Call back',
      }),
    );
    await rescheduleFollowUp(book.repo, own.id, addDays(today, 3));
    const moved = (await book.db.followUps.get(own.id))!;
    expect([moved.due, moved.status]).toEqual([addDays(today, 3), 'open']);

    const [check] = await book.db.followUps.where('kind').equals('delivery_check').toArray();
    await rescheduleFollowUp(book.repo, check!.id, addDays(today, 3));
    await regenerateFollowUps(book.repo, today);
    const held = (await book.db.followUps.get(check!.id))!;
    expect([held.due, held.status, held.snoozedUntil]).toEqual([
      today,
      'snoozed',
      addDays(today, 3),
    ]);
  });
});

describe('the rep’s day of a note or a new client', () => {
  /** Runs with the device in `zone`; Node reads TZ afresh when it changes. */
  async function inZone(zone: string, run: () => Promise<void>) {
    const before = process.env.TZ;
    process.env.TZ = zone;
    try {
      await run();
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  }

  async function silenceAfterNote(noteAt: string, day: string) {
    const book = await freshBook();
    const client = await addClient(book, 'Ночной звонок', 'active');
    await book.db.clients.update(client.id, { createdAt: '2025-01-01T09:00:00.000Z' });
    const note = await book.repo.create('notes', {
      clientId: client.id,
      visitId: null,
      text: 'Договорились созвониться',
      deletedAt: null,
    });
    // The repository stamps createdAt in UTC, as a note synced from elsewhere arrives too.
    await book.db.notes.update(note.id, { createdAt: noteAt });
    await regenerateFollowUps(book.repo, day);
    return (await book.db.followUps.where('kind').equals('no_contact').toArray()).map((f) => [
      f.ruleKey,
      f.due,
    ]);
  }

  it('a note written after midnight in Moscow counts for that Moscow day, not the UTC day before', async () => {
    await inZone('Europe/Moscow', async () => {
      const found = await silenceAfterNote('2025-03-09T21:30:00.000Z', '2025-04-08');
      expect(found.map(([key, due]) => [key!.split(':')[2], due])).toEqual([
        ['2025-03-10', '2025-04-09'],
      ]);
    });
  });

  it('a note written in a New York evening counts for that evening, not the UTC day after', async () => {
    await inZone('America/New_York', async () => {
      const found = await silenceAfterNote('2025-03-10T02:00:00.000Z', '2025-04-08');
      expect(found.map(([key, due]) => [key!.split(':')[2], due])).toEqual([
        ['2025-03-09', '2025-04-08'],
      ]);
    });
  });

  it('a client added after midnight in Moscow starts its silence that Moscow day', async () => {
    await inZone('Europe/Moscow', async () => {
      const book = await freshBook();
      const client = await addClient(book, 'Новый клиент', 'active');
      await book.db.clients.update(client.id, { createdAt: '2025-03-09T22:15:00.000Z' });
      await regenerateFollowUps(book.repo, '2025-04-08');
      const [silence] = await book.db.followUps.where('kind').equals('no_contact').toArray();
      expect([silence!.ruleKey, silence!.due]).toEqual([
        `no_contact:${client.id}:2025-03-10`,
        '2025-04-09',
      ]);
    });
  });
});
