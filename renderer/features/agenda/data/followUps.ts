/**
 * Follow-ups in the database: the rules' diff applied through the repository, and what the rep does
 * with an item (done, snooze, reschedule). Generation reads the whole book and writes the diff in
 * one read-write transaction, so two windows regenerating at once are serialised by IndexedDB
 * instead of both creating the same follow-up.
 */
import Dexie from 'dexie';
import { type FollowUp, type FollowUpKind, type Purchase } from '../../../../shared/domain';
import { currentProgram } from '../../../../shared/domain/program';
import { mergeTemplates } from '../../../../shared/domain/templates';
import {
  generateFollowUps,
  type FollowUpBook,
  type FollowUpDiff,
} from '../../../../shared/domain/followupRules';
import { addDays } from '../../../../shared/domain/followups/days';
import type { FieldbookDb } from '../../../data/db';
import type { Repository } from '../../../data/repository';
import { loadCadenceSettings } from '../../settings';
import { inRepsZone, localDay, localTimestamp } from '../../../data/localTime';
import { isLive } from '../../../../shared/domain/common';
import { CLIENT_CHILD_TABLES } from '../../../../shared/domain';
import { FOLLOW_UP_TALLY, tallied, tallyRows } from '../../../data/followUpTally';
import { hasKeptStore, keptTable } from '../../../data/keptStore';
import { currentSession, META, type Session } from '../../../data/device';
import { LOCAL_OWNER, ownFollowUpBook } from '../../../../shared/domain/followups/ownBook';

const BOOK_TABLES = ['clients', ...CLIENT_CHILD_TABLES, 'checklistTemplates'] as const;

export function bookTables(db: FieldbookDb) {
  return BOOK_TABLES.map((name) => db.table(name));
}

type BookRows = Omit<FollowUpBook, 'cadence'>;

/**
 * Reads the book's tables with `read` (the whole table, or the rows of some clients) with the
 * rep's cadence settings, and puts notes' and clients' UTC timestamps in the rep's zone.
 */
async function readFollowUpBook(
  db: FieldbookDb,
  read: <K extends keyof BookRows>(name: K) => Promise<BookRows[K]>,
): Promise<FollowUpBook> {
  const cadence = await loadCadenceSettings(db);
  const [clients, people, purchases, visits, notes, contacts, problems, retentionPlans, followUps] =
    await Promise.all([
      read('clients'),
      read('people'),
      read('purchases'),
      read('visits'),
      read('notes'),
      read('contacts'),
      read('problems'),
      read('retentionPlans'),
      read('followUps'),
    ]);
  return {
    clients: inRepsZone(clients),
    people,
    purchases,
    visits,
    notes: inRepsZone(notes),
    contacts,
    problems,
    retentionPlans,
    followUps,
    cadence,
  };
}

/**
 * Reads the part of the book whose follow-ups this device keeps (ownBook.ts: the signed-in rep's
 * own clients; all of them before a sign-in) and the rep's cadence settings; the transaction must
 * cover meta too.
 */
export async function loadFollowUpBook(db: FieldbookDb): Promise<FollowUpBook> {
  const [book, session] = await Promise.all([
    readFollowUpBook(db, (name) => db.table(name).toArray() as never),
    currentSession(db),
  ]);
  return ownFollowUpBook(book, session.repId);
}

/**
 * The part of the book that belongs to these clients, read through the `clientId` indexes: every
 * rule looks at one client at a time, so it is all that regenerating for them needs. The
 * transaction must cover meta too.
 */
export async function loadFollowUpBookOf(
  db: FieldbookDb,
  clientIds: readonly string[],
): Promise<FollowUpBook> {
  const ids = [...new Set(clientIds)];
  const [book, session] = await Promise.all([
    readFollowUpBook(
      db,
      (name) =>
        (name === 'clients'
          ? db.clients.bulkGet(ids).then((rows) => rows.filter((c) => c !== undefined))
          : db.table(name).where('clientId').anyOf(ids).toArray()) as never,
    ),
    currentSession(db),
  ]);
  return ownFollowUpBook(book, session.repId);
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
  // The fact each waited for was recorded: done now, as if the rep had ticked it.
  if (diff.close.length > 0) {
    const doneAt = localTimestamp();
    for (const c of diff.close)
      await repo.update('followUps', c.id, { status: 'done', doneAt, snoozedUntil: null });
  }
}

/**
 * Brings the follow-ups in line with the management program for `today`: the whole book's, or
 * only the given clients' (after a write that touched only them). Idempotent: a second run finds
 * nothing to change. Called inside an outer transaction that covers bookTables + outbox + meta, it
 * joins it (finishing a visit does, so its outcome and its follow-ups land together).
 */
export async function regenerateFollowUps(
  repo: Repository,
  today: string = localDay(),
  clientIds?: readonly string[],
): Promise<FollowUpDiff> {
  const db = repo.db;
  return db.transaction('rw', [...bookTables(db), db.outbox, db.meta], async () => {
    const book = clientIds ? await loadFollowUpBookOf(db, clientIds) : await loadFollowUpBook(db);
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
  const { book, program, session } = await db.transaction(
    'r',
    [...bookTables(db), db.meta],
    async () => ({
      book: await loadFollowUpBook(db),
      program: currentProgram(mergeTemplates(await db.checklistTemplates.toArray())),
      session: await currentSession(db),
    }),
  );
  return db.transaction('rw', [db.followUps, db.outbox, db.meta], async () => {
    const followUps = await db.followUps.toArray();
    const diff = generateFollowUps(
      ownFollowUpBook({ ...book, followUps }, session.repId),
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

/** Agenda days from `from` to `to`, both included; `from: null` reaches back to the oldest. */
export interface DayRange {
  from: string | null;
  to: string;
}

/**
 * Whose follow-ups the agenda shows: the signed-in rep's own (a device signed in to a team holds
 * others' too: a manager's holds the whole team's, whose follow-ups are the reps' work, not the
 * manager's), or null, every one, on a device never signed in. A book of a schema older than the
 * owner indexes (tests of old books; the app always upgrades) shows every one. The transaction
 * must cover meta.
 */
export function agendaOwner(db: FieldbookDb): Promise<string | null> {
  // Dexie's own promise, not an async function: a live query (the navigation's count) loses track
  // of the reads after a native await inside an async caller, and would never run again.
  if (!hasKeptStore(db, FOLLOW_UP_TALLY)) return Dexie.Promise.resolve(null);
  return db.meta.get(META.session).then((row) => {
    const repId = (row?.value as Session | undefined)?.repId ?? LOCAL_OWNER;
    return repId === LOCAL_OWNER ? null : repId;
  });
}

/** The owner's follow-up, or any when `owner` is null. */
const ownedBy = (owner: string | null) => (f: FollowUp) => owner === null || f.ownerId === owner;

/**
 * Open follow-ups of a kind due in the range (the owner's, or everyone's when null), live and
 * trashed, in the index's order (day, then id).
 */
export function openOfKind(
  db: FieldbookDb,
  kind: FollowUpKind,
  range: DayRange,
  owner: string | null,
) {
  const from = range.from ?? Dexie.minKey;
  if (owner === null)
    return db.followUps
      .where('[status+kind+due]')
      .between(['open', kind, from], ['open', kind, range.to], true, true);
  return db.followUps
    .where('[ownerId+status+kind+due]')
    .between([owner, 'open', kind, from], [owner, 'open', kind, range.to], true, true);
}

/** A trashed follow-up that is still open, as the index of trashed ones keys it. */
export interface TrashedOpen {
  kind: FollowUpKind;
  due: string;
}

/**
 * The trashed ones among the open follow-ups: the rules remove a follow-up by trashing it as it
 * is, still open. Live rows have no deletedAt, so `[status+kind+due+deletedAt]` holds trashed ones
 * only, and its keys alone say how many to take off each count: one read, no records.
 */
export async function trashedOpen(db: FieldbookDb, owner: string | null): Promise<TrashedOpen[]> {
  if (owner === null) {
    const keys = await db.followUps
      .where('[status+kind+due+deletedAt]')
      .between(['open', Dexie.minKey], ['open', Dexie.maxKey], true, true)
      .keys();
    return keys.map((key) => {
      const [, kind, due] = key as unknown as [string, FollowUpKind, string, string];
      return { kind, due };
    });
  }
  const keys = await db.followUps
    .where('[ownerId+status+kind+due+deletedAt]')
    .between([owner, 'open', Dexie.minKey], [owner, 'open', Dexie.maxKey], true, true)
    .keys();
  return keys.map((key) => {
    const [, , kind, due] = key as unknown as [string, string, FollowUpKind, string, string];
    return { kind, due };
  });
}

/** How many of `trashed` are of this kind (any kind when null) and fall in the range. */
export function trashedIn(
  trashed: readonly TrashedOpen[],
  kind: FollowUpKind | null,
  range: DayRange,
): number {
  let n = 0;
  for (const t of trashed) if ((kind === null || t.kind === kind) && inRange(t.due, range)) n++;
  return n;
}

export function inRange(day: string, range: DayRange): boolean {
  return (range.from === null || day >= range.from) && day <= range.to;
}

/**
 * The first `limit` live open follow-ups of a kind due in the range, in the index's order (oldest
 * day first, then by id), read with their records in one request: `trashed` is how many trashed
 * ones lie in that range, so that many more rows are sure to hold `limit` live ones.
 */
export async function openFollowUpsOfKind(
  db: FieldbookDb,
  kind: FollowUpKind,
  range: DayRange,
  limit: number,
  trashed: number,
  owner: string | null,
): Promise<FollowUp[]> {
  const rows = await openOfKind(db, kind, range, owner)
    .limit(limit + trashed)
    .toArray();
  return rows.filter(isLive).slice(0, limit);
}

/** Live snoozed follow-ups (the owner's, or everyone's): only a rep snoozes, so there are few. */
export async function snoozedFollowUps(db: FieldbookDb, owner: string | null): Promise<FollowUp[]> {
  const snoozed = await db.followUps.where('status').equals('snoozed').toArray();
  return snoozed.filter((f) => isLive(f) && ownedBy(owner)(f));
}

/**
 * What the navigation counts: follow-ups due today or overdue. The open ones summed from the
 * tally where the schema keeps one, else one count on `[status+due]` less the trashed ones among
 * them; plus the snoozed ones back by today; all read at once.
 */
export async function dueCount(db: FieldbookDb, today: string): Promise<number> {
  const upToToday = { from: null, to: today };
  if (hasKeptStore(db, FOLLOW_UP_TALLY))
    return db.transaction(
      'r',
      [db.followUps, keptTable(db, FOLLOW_UP_TALLY), db.meta],
      async () => {
        const owner = await agendaOwner(db);
        const [rows, snoozed] = await Promise.all([
          tallyRows(db, owner),
          snoozedFollowUps(db, owner),
        ]);
        return tallied(rows, null, upToToday) + snoozed.filter((f) => agendaDay(f) <= today).length;
      },
    );
  return db.transaction('r', db.followUps, async () => {
    const [open, trashed, snoozed] = await Promise.all([
      db.followUps
        .where('[status+due]')
        .between(['open', Dexie.minKey], ['open', today], true, true)
        .count(),
      trashedOpen(db, null),
      snoozedFollowUps(db, null),
    ]);
    const held = snoozed.filter((f) => agendaDay(f) <= today).length;
    return open - trashedIn(trashed, null, upToToday) + held;
  });
}

/** Follow-ups that show on `day` itself (not the overdue ones): what the day's notice lists. */
export async function followUpsOn(db: FieldbookDb, day: string): Promise<FollowUp[]> {
  return db.transaction('r', [db.followUps, db.meta], async () => {
    const owner = await agendaOwner(db);
    const [open, snoozed] = await Promise.all([
      db.followUps.where('[status+due]').equals(['open', day]).toArray(),
      snoozedFollowUps(db, owner),
    ]);
    return [
      ...open.filter((f) => isLive(f) && ownedBy(owner)(f)),
      ...snoozed.filter((f) => agendaDay(f) === day),
    ];
  });
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
