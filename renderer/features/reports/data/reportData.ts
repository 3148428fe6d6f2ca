/**
 * Reads what the monthly report counts (shared/domain/report.ts does the counting).
 *
 * loadMonthBook reads only the rows that can change one month's report, through the indexes
 * (shared/domain/reportBounds.ts says which); loadReportBook reads the whole book, for tests and
 * anything that needs every row.
 */
import Dexie, { type Table } from 'dexie';
import {
  type ReportBook,
  type ReportClient,
  type ReportProblem,
} from '../../../../shared/domain/report';
import {
  contactInReport,
  followUpInReport,
  cadenceStart,
  clientsToAskNotes,
  lastContactsNeeded,
  lastContactWindow,
  problemInReport,
  purchaseClients,
  shortfallClients,
  reportProblemMarks,
  reportRange,
  visitInReport,
  type ReportRange,
} from '../../../../shared/domain/reportBounds';
import { lastContactDays } from '../../../../shared/domain/followups/contactGaps';
import type { Day } from '../../../../shared/domain/followups/days';
import type { CadenceSettings, ChecklistRun, Visit } from '../../../../shared/domain';
import type { FieldbookDb } from '../../../data/db';
import { hasKeptStore, keptStoreTrusted, keptTable, type KeptStore } from '../../../data/keptStore';
import { packRange, unpack, type Packed } from '../../../data/keptPacks';
import { REPORT_CLIENTS, REPORT_CLIENT_PACKS } from '../../../data/reportClients';
import { REPORT_FOLLOW_UPS, REPORT_FOLLOW_UP_PACKS } from '../../../data/reportFollowUps';
import {
  OTHER_RUNS,
  REPORT_MOOD_PACKS,
  REPORT_RUNS,
  REPORT_RUN_PACKS,
  type ReportRunRow,
} from '../../../data/reportRuns';
import { REPORT_PROBLEMS } from '../../../data/reportProblems';
import { loadCadenceSettings } from '../../settings';

/**
 * The kept stores the month's report reads when they are there and trusted (keptStore.ts), and
 * their packs (keptPacks.ts), read instead of the rows when those are trusted too.
 */
const KEPT = [REPORT_CLIENTS, REPORT_PROBLEMS, REPORT_RUNS, REPORT_FOLLOW_UPS] as const;
const PACKS = [
  REPORT_CLIENT_PACKS,
  REPORT_RUN_PACKS,
  REPORT_FOLLOW_UP_PACKS,
  REPORT_MOOD_PACKS,
] as const;

/** Whether the report may read the packs: they and the row store they pack are trusted. */
async function packsTrusted(
  db: FieldbookDb,
  p: Pick<KeptStore, 'name' | 'stale'> & { packs: Pick<KeptStore, 'name' | 'stale'> },
): Promise<boolean> {
  return (await keptStoreTrusted(db, p)) && keptStoreTrusted(db, p.packs);
}

/** The kept rows of the packs whose groups run from `from` up to, not with, `to` (all: none). */
async function packedRows<Row extends { id: string }, Slim extends { id: string }>(
  db: FieldbookDb,
  p: Packed<Row, Slim>,
  groups?: { from: string; to: string },
): Promise<Slim[]> {
  const packs = keptTable(db, p);
  if (!groups) return unpack(await packs.toArray());
  const [lower, upper] = packRange(groups.from, groups.to);
  return unpack(await packs.where('pack').between(lower, upper).toArray());
}

export async function loadReportBook(db: FieldbookDb): Promise<ReportBook> {
  const [clients, purchases, visits, checklistRuns, followUps, problems, contacts, notes, cadence] =
    await Promise.all([
      db.clients.toArray(),
      db.purchases.toArray(),
      db.visits.toArray(),
      db.checklistRuns.toArray(),
      db.followUps.toArray(),
      db.problems.toArray(),
      db.contacts.toArray(),
      db.notes.toArray(),
      loadCadenceSettings(db),
    ]);
  return {
    clients,
    purchases,
    visits,
    checklistRuns,
    followUps,
    problems,
    contacts,
    notes,
    cadence,
  };
}

/**
 * The rows of `month`'s report as seen on `today`, read through the indexes: the report over
 * them is the report over the whole book (boundReportBook in reportBounds.ts is the same choice
 * made over rows in memory; tests/data/reports/month-book.test.ts holds the two together). One
 * read transaction, so a write in between cannot split the book.
 */
export function loadMonthBook(
  db: FieldbookDb,
  month: string,
  today: Day,
  /** Told how long each read took (they overlap); the bench takes the read apart with it. */
  trace?: (step: string, ms: number) => void,
): Promise<ReportBook> {
  const r = reportRange(month);
  const timed = <T>(step: string, read: Promise<T>): Promise<T> => {
    if (!trace) return read;
    const begun = performance.now();
    return read.then((value) => {
      trace(step, performance.now() - begun);
      return value;
    });
  };
  const tables = [
    db.clients,
    db.purchases,
    db.visits,
    db.checklistRuns,
    db.followUps,
    db.problems,
    db.contacts,
    db.notes,
    db.meta,
    ...[...KEPT, ...PACKS].filter((k) => hasKeptStore(db, k)).map((k) => db.table(k.name)),
  ];
  return db.transaction('r', tables, async () => {
    const [keptClients, keptProblems, keptRuns, keptFollowUps] = await Promise.all(
      KEPT.map((k) => keptStoreTrusted(db, k)),
    );
    const [clientPacks, runPacks, followUpPacks, moodPacks] = await Promise.all(
      PACKS.map((p) => packsTrusted(db, p)),
    );
    // With the moods kept (reportRuns.ts: the trend's scores too), the post-sale runs are read
    // for the month only.
    const moodsKept = keptRuns && runPacks && moodPacks;
    const postSaleFrom = moodsKept ? month : '';
    const [book, cadence, followUps, contacts, monthVisits, history, problems, moods] =
      await Promise.all([
        keptClients
          ? timed('reportClients', readReportClients(db, clientPacks === true))
          : timed('clients', db.clients.toArray()).then((clients) => ({
              clients,
              lastContact: null,
              firstPurchase: null,
            })),
        loadCadenceSettings(db),
        followUpPacks
          ? timed(
              'followUps',
              packedRows(db, REPORT_FOLLOW_UP_PACKS, { from: r.from, to: r.next }).then((rows) =>
                rows.filter((f) => f.due >= r.from && f.due < r.next),
              ),
            )
          : keptFollowUps
            ? timed(
                'followUps',
                keptTable(db, REPORT_FOLLOW_UPS).where('due').between(r.from, r.next).toArray(),
              )
            : timed('followUps', db.followUps.where('due').between(r.from, r.next).toArray()),
        timed('contacts', db.contacts.where('at').between(r.from, r.next).toArray()),
        timed('visits', db.visits.where('finishedAt').between(r.from, r.next).toArray()),
        keptRuns && runPacks
          ? timed(
              'runs',
              Promise.all([
                packedRows(db, REPORT_RUN_PACKS, { from: postSaleFrom, to: r.next }),
                packedRows(db, REPORT_RUN_PACKS, {
                  from: OTHER_RUNS + r.from,
                  to: OTHER_RUNS + r.next,
                }),
              ]).then((packs) => packs.flat().filter((k) => keptRunInReport(k, r))),
            )
          : keptRuns
            ? timed(
                'runs',
                keptTable(db, REPORT_RUNS)
                  .where('finishedAt')
                  .below(r.next)
                  .toArray()
                  .then((rows) => rows.filter((k) => keptRunInReport(k, r))),
              )
            : timed(
                'postSaleVisits',
                db.visits
                  .where('[kind+finishedAt]')
                  .between(['post_sale', Dexie.minKey], ['post_sale', r.next])
                  .toArray(),
              ),
        keptProblems
          ? timed('problems', readMonthProblems(db, r))
          : timed('problems', db.problems.toArray()),
        moodsKept ? timed('moods', packedRows(db, REPORT_MOOD_PACKS)) : null,
      ]);
    const { clients } = book;
    // With the kept runs, the month's visits are read whole, the post-sale ones before it come as
    // what the trend and the mood read of them (with the moods kept too, none: every earlier one
    // speaks through its kept mood), and every run as what the report reads of it
    // (shared/domain/reportRuns.ts); without them, the runs of the visits read are read whole.
    const kept = keptRuns ? (history as ReportRunRow[]) : [];
    const postSale = keptRuns ? [] : (history as Visit[]);
    const visitById = new Map<string, Visit>();
    for (const v of [...monthVisits, ...postSale]) if (visitInReport(v, r)) visitById.set(v.id, v);
    const readWhole = keptRuns ? [] : [...visitById.keys()];
    for (const k of kept)
      if (!visitById.has(k.visit.id)) visitById.set(k.visit.id, k.visit as Visit);
    const visits = [...visitById.values()];
    const from = book.lastContact ? null : lastContactWindow(clients, today, cadence);
    const checklistRuns = await timed(
      'checklistRuns',
      byKeys(db.checklistRuns, 'visitId', readWhole),
    ).then((whole) => withKeptRuns(whole, kept));
    // With the first purchase days and the runs kept, only the month's shortfalls need purchases.
    const buyers =
      book.firstPurchase !== null && keptRuns
        ? shortfallClients(visits, checklistRuns, r)
        : purchaseClients(clients, visits, r, book.firstPurchase !== null);
    const [purchases, lastContact] = await Promise.all([
      timed('purchases', byKeys(db.purchases, 'clientId', [...buyers])),
      book.lastContact
        ? book.lastContact
        : from === null
          ? new Map<string, Day>()
          : timed('lastContacts', lastContactsFor(db, clients, from, today, cadence, timed)),
    ]);
    return {
      clients,
      purchases,
      visits,
      checklistRuns,
      followUps: followUps.filter((f) => followUpInReport(f, r)),
      problems: problems.filter((p) => problemInReport(p, r)),
      contacts: contacts.filter((c) => contactInReport(c, r)),
      notes: [],
      cadence,
      lastContact,
      ...(book.firstPurchase ? { firstPurchase: book.firstPurchase } : {}),
      ...(moods ? { moods } : {}),
    };
  });
}

/**
 * The kept clients (renderer/data/reportClients.ts): each client's report fields, and each one's
 * real last contact and first purchase days, from one small row per client, read in packs when
 * they are trusted.
 */
async function readReportClients(db: FieldbookDb, packed: boolean) {
  const rows = packed
    ? await packedRows(db, REPORT_CLIENT_PACKS)
    : await keptTable(db, REPORT_CLIENTS).toArray();
  const clients: ReportClient[] = [];
  const lastContact = new Map<string, Day>();
  const firstPurchase = new Map<string, Day>();
  for (const row of rows) {
    if (row.client) clients.push(row.client);
    if (row.lastContact !== null) lastContact.set(row.id, row.lastContact);
    if (row.firstPurchase) firstPurchase.set(row.id, row.firstPurchase);
  }
  return { clients, lastContact, firstPurchase };
}

/**
 * The problems the month's report reads, by their kept marks (renderer/data/reportProblems.ts):
 * one read per mark (an index read by one key is one request; by several, a cursor that pays a
 * round trip per row), each problem once, in the order of their ids.
 */
async function readMonthProblems(db: FieldbookDb, r: ReportRange): Promise<ReportProblem[]> {
  const byMark = await Promise.all(
    reportProblemMarks(r).map((mark) =>
      keptTable(db, REPORT_PROBLEMS).where('marks').equals(mark).toArray(),
    ),
  );
  const byId = new Map<string, ReportProblem>();
  for (const rows of byMark) for (const row of rows) byId.set(row.id, row.problem);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A kept run the month's report reads: a post-sale one up to its end, any other of the month. */
const keptRunInReport = (k: ReportRunRow, r: ReportRange) =>
  k.finishedAt < r.next && (k.visit.kind === 'post_sale' || k.finishedAt >= r.from);

/**
 * The runs read whole and the kept ones, each once, in the order of their ids (the whole book's
 * order: the latest mood takes the first of a tie).
 */
function withKeptRuns(whole: ChecklistRun[], kept: readonly ReportRunRow[]): ChecklistRun[] {
  if (kept.length === 0) return whole;
  const byId = new Map<string, ChecklistRun>();
  for (const k of kept) byId.set(k.run.id, k.run as ChecklistRun);
  for (const w of whole) byId.set(w.id, w);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The rows whose `index` holds one of `keys`: one request per key, all in flight at once. */
async function byKeys<T>(table: Table<T, string>, index: string, keys: string[]): Promise<T[]> {
  const pages = await Promise.all(keys.map((k) => table.where(index).equals(k).toArray()));
  return pages.flat();
}

/**
 * Each client's last contact as reportLastContacts (shared/domain/reportBounds.ts) gives it from
 * the whole book, in its steps: the logged contacts since `from`; for the clients those leave
 * beyond their cadence, whether they have a live visit or note within it (from the visits and
 * notes since `from`: their cadence starts on or after it); for the clients still without a day that were added within
 * their cadence, all their rows.
 */
async function lastContactsFor(
  db: FieldbookDb,
  clients: readonly ReportClient[],
  from: Day,
  today: Day,
  cadence: CadenceSettings,
  timed: <T>(step: string, read: Promise<T>) => Promise<T>,
): Promise<Map<string, Day>> {
  const [contacts, visits, notes] = await Promise.all([
    timed('windowContacts', db.contacts.where('[at+clientId]').aboveOrEqual([from, '']).toArray()),
    timed(
      'windowVisits',
      db.visits.where('[startedAt+clientId]').aboveOrEqual([from, '']).toArray(),
    ),
    timed('windowNotes', db.notes.where('[createdAt+clientId]').aboveOrEqual([from, '']).toArray()),
  ]);
  const known = lastContactDays(contacts, [], []);
  const ask = new Map(
    clientsToAskNotes(clients, known, today, cadence).map((c) => [
      c.id,
      cadenceStart(c, today, cadence),
    ]),
  );
  const within = (clientId: string, stamp: string, deletedAt: string | null) => {
    const start = ask.get(clientId);
    if (start !== undefined && deletedAt === null && stamp >= start) known.set(clientId, start);
  };
  for (const v of visits) within(v.clientId, v.startedAt, v.deletedAt);
  for (const n of notes) within(n.clientId, n.createdAt, n.deletedAt);
  const needed = lastContactsNeeded(clients, known, today, cadence);
  if (needed.length > 0) {
    const [c, v, n] = await timed(
      `olderContacts(${needed.length} clients)`,
      Promise.all([
        byKeys(db.contacts, 'clientId', needed),
        byKeys(db.visits, 'clientId', needed),
        byKeys(db.notes, 'clientId', needed),
      ]),
    );
    for (const [id, day] of lastContactDays(c, v, n)) known.set(id, day);
  }
  return known;
}
