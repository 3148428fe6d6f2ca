/**
 * Follow-ups in the database: the rules' diff applied through the repository, and what the rep does
 * with an item (done, snooze, reschedule). Generation reads the whole book and writes the diff in
 * one read-write transaction, so two windows regenerating at once are serialised by IndexedDB
 * instead of both creating the same follow-up.
 */
import Dexie from 'dexie';
import type { FollowUp, Purchase } from '../../shared/domain';
import { currentProgram } from '../../shared/domain/program';
import {
  generateFollowUps,
  type FollowUpBook,
  type FollowUpDiff,
} from '../../shared/domain/followupRules';
import { addDays } from '../../shared/domain/followups/days';
import type { FieldbookDb } from './db';
import type { Repository } from './repository';
import { mergeTemplates } from './checklistTemplates';
import { localDay, localTimestamp } from './localTime';

const BOOK_TABLES = [
  'clients',
  'people',
  'purchases',
  'visits',
  'notes',
  'contacts',
  'problems',
  'retentionPlans',
  'followUps',
  'checklistTemplates',
] as const;

export function bookTables(db: FieldbookDb) {
  return BOOK_TABLES.map((name) => db.table(name));
}

export async function loadFollowUpBook(db: FieldbookDb): Promise<FollowUpBook> {
  const [clients, people, purchases, visits, notes, contacts, problems, retentionPlans, followUps] =
    await Promise.all([
      db.clients.toArray(),
      db.people.toArray(),
      db.purchases.toArray(),
      db.visits.toArray(),
      db.notes.toArray(),
      db.contacts.toArray(),
      db.problems.toArray(),
      db.retentionPlans.toArray(),
      db.followUps.toArray(),
    ]);
  return {
    clients,
    people,
    purchases,
    visits,
    notes,
    contacts,
    problems,
    retentionPlans,
    followUps,
  };
}

/** Writes a diff; call inside a transaction that covers followUps, outbox and meta. */
export async function applyDiff(repo: Repository, diff: FollowUpDiff): Promise<void> {
  // The first run over a big book creates thousands at once: one batch, one clock stamp.
  if (diff.create.length > 0)
    await repo.createMany(
      'followUps',
      diff.create.map((draft) => ({ ...draft, deletedAt: null })),
    );
  for (const u of diff.update) await repo.update('followUps', u.id, u.changes);
  for (const r of diff.remove) await repo.trash('followUps', r.id);
}

/**
 * Brings the follow-ups in line with the management program for `today`. Idempotent: a second run
 * finds nothing to change. Called inside an outer transaction that covers bookTables + outbox +
 * meta, it joins it (finishing a visit does, so its outcome and its follow-ups land together).
 */
export async function regenerateFollowUps(
  repo: Repository,
  today: string = localDay(),
): Promise<FollowUpDiff> {
  const db = repo.db;
  return db.transaction('rw', [...bookTables(db), db.outbox, db.meta], async () => {
    const book = await loadFollowUpBook(db);
    const program = currentProgram(mergeTemplates(await db.checklistTemplates.toArray()));
    const diff = generateFollowUps(book, program, today);
    await applyDiff(repo, diff);
    return diff;
  });
}

/**
 * The same as regenerateFollowUps for the background keeper, without holding the whole book in a
 * read-write transaction: the book is read in a read-only one (so a visit's autosave never waits
 * behind a big read), and only the follow-ups are re-read, diffed and written in a short read-write
 * one, so two windows still cannot create the same follow-up twice. A book edited in between is
 * caught by the next pass, which that edit itself triggers.
 */
export async function refreshFollowUps(
  repo: Repository,
  today: string = localDay(),
): Promise<FollowUpDiff> {
  const db = repo.db;
  const { book, program } = await db.transaction('r', bookTables(db), async () => ({
    book: await loadFollowUpBook(db),
    program: currentProgram(mergeTemplates(await db.checklistTemplates.toArray())),
  }));
  return db.transaction('rw', [db.followUps, db.outbox, db.meta], async () => {
    const diff = generateFollowUps(
      { ...book, followUps: await db.followUps.toArray() },
      program,
      today,
    );
    await applyDiff(repo, diff);
    return diff;
  });
}

/** The day a follow-up shows in the agenda: a snoozed one comes back on its snooze day. */
export function agendaDay(f: Pick<FollowUp, 'status' | 'due' | 'snoozedUntil'>): string {
  return f.status === 'snoozed' && f.snoozedUntil ? f.snoozedUntil : f.due;
}

/** Open and snoozed follow-ups that show up to `lastDay` (overdue ones included). */
export async function agendaFollowUps(db: FieldbookDb, lastDay: string): Promise<FollowUp[]> {
  const [open, snoozed] = await Promise.all([
    db.followUps
      .where('[status+due]')
      .between(['open', Dexie.minKey], ['open', lastDay], true, true)
      .toArray(),
    db.followUps.where('status').equals('snoozed').toArray(),
  ]);
  return [...open, ...snoozed].filter((f) => f.deletedAt === null && agendaDay(f) <= lastDay);
}

/** What the navigation counts: follow-ups due today or overdue. */
export async function dueCount(db: FieldbookDb, today: string): Promise<number> {
  return (await agendaFollowUps(db, today)).length;
}

export const MILESTONE_OF: Partial<
  Record<FollowUp['kind'], 'delivery' | 'installation' | 'training' | 'payment'>
> = {
  delivery_check: 'delivery',
  installation_check: 'installation',
  training_check: 'training',
  payment_check: 'payment',
};

/**
 * Marks a follow-up done. For a delivery, installation, training or payment check the rep's
 * "done" says the step happened, so the purchase records it (only if no date is there yet); the
 * rules then settle the check and plan the post-sale visit from that day.
 */
export async function markFollowUpDone(
  repo: Repository,
  id: string,
  today: string = localDay(),
): Promise<void> {
  const db = repo.db;
  await db.transaction('rw', [db.followUps, db.purchases, db.outbox, db.meta], async () => {
    const f = await db.followUps.get(id);
    if (!f) return;
    await repo.update('followUps', id, { status: 'done', doneAt: localTimestamp() });
    const milestone = MILESTONE_OF[f.kind];
    if (!milestone || !f.subjectId) return;
    const purchase: Purchase | undefined = await db.purchases.get(f.subjectId);
    if (!purchase || purchase[milestone].done !== null) return;
    await repo.update('purchases', purchase.id, {
      [milestone]: { ...purchase[milestone], done: today },
    });
  });
}

export async function snoozeFollowUp(repo: Repository, id: string, until: string): Promise<void> {
  await repo.update('followUps', id, { status: 'snoozed', snoozedUntil: until });
}

export function snoozeDay(today: string, option: '1d' | '1w'): string {
  return addDays(today, option === '1d' ? 1 : 7);
}

/**
 * Moves a follow-up to another day. A generated one keeps its rule's due date (the rules would
 * move it back) and is held until that day instead; one the rep added by hand simply moves.
 */
export async function rescheduleFollowUp(repo: Repository, id: string, day: string): Promise<void> {
  const f = await repo.db.followUps.get(id);
  if (!f) return;
  if (f.ruleKey === null)
    await repo.update('followUps', id, { due: day, status: 'open', snoozedUntil: null });
  else await snoozeFollowUp(repo, id, day);
}
