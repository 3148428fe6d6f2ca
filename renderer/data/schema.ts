/**
 * Every schema version of the local database, oldest first. A new version adds an entry with its
 * stores and an upgrade step; tests/data/migrations.test.ts opens a database created by every
 * earlier version and checks the upgrade keeps every row.
 */
import type { Transaction } from 'dexie';
import { FOLLOW_UP_TALLY, FOLLOW_UP_TALLY_V4 } from './followUpTally';
import { fillKeptStore, type KeptStore } from './keptStore';
import { REPORT_CLIENTS, REPORT_CLIENT_PACKS, addFirstPurchases } from './reportClients';
import { REPORT_PROBLEMS } from './reportProblems';
import { REPORT_MOOD_PACKS, REPORT_RUNS, REPORT_RUN_PACKS } from './reportRuns';
import { REPORT_FOLLOW_UPS, REPORT_FOLLOW_UP_PACKS } from './reportFollowUps';

/** The kept stores (keptStore.ts), each added by one version below that fills it. */
export const KEPT_STORES: readonly KeptStore[] = [
  FOLLOW_UP_TALLY,
  REPORT_CLIENTS,
  REPORT_PROBLEMS,
  REPORT_RUNS,
  REPORT_FOLLOW_UPS,
  REPORT_CLIENT_PACKS,
  REPORT_FOLLOW_UP_PACKS,
  REPORT_RUN_PACKS,
  REPORT_MOOD_PACKS,
];

/** The stores entry and upgrade step of a version that adds kept stores. */
const adding = (...kept: KeptStore[]) => ({
  stores: Object.fromEntries(kept.map((k) => [k.name, k.schema])),
  upgrade: async (tx: Transaction) => {
    for (const k of kept) await fillKeptStore(k, tx);
  },
});

export interface SchemaVersion {
  version: number;
  /** Dexie store definitions: primary key first, then indexes. */
  stores: Record<string, string | null>;
  /** Rewrites rows written by the previous version; absent when only indexes changed. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      clients: 'id, name, status, ownerId, updatedAt, deletedAt, referredBy, *tags',
      people: 'id, clientId, name, deletedAt',
      purchases: 'id, clientId, date, deletedAt',
      visits: 'id, clientId, status, kind, startedAt, deletedAt, [clientId+startedAt]',
      notes: 'id, clientId, visitId, deletedAt',
      checklistTemplates: 'id, key, [key+version], purpose, deletedAt',
      checklistRuns: 'id, visitId, templateId, deletedAt',
      followUps: 'id, clientId, due, status, kind, ruleKey, [status+due], deletedAt',
      contacts: 'id, clientId, at, type, [clientId+at], deletedAt',
      problems: 'id, clientId, visitId, status, due, deletedAt',
      retentionPlans: 'id, clientId, status, deletedAt',
      conflicts: 'id, [table+rowId], resolvedAt',
      outbox: 'seq, &opId, [table+rowId]',
      meta: 'key',
    },
  },
  {
    // The agenda counts open follow-ups per kind and due range on the index and reads only the
    // first page of each group. Trashed ones keep their status, so a second index that holds only
    // them (a null deletedAt keeps a row out of it) counts them off.
    version: 2,
    stores: {
      followUps:
        'id, clientId, due, status, kind, ruleKey, [status+due], [status+kind+due], [status+kind+due+deletedAt], deletedAt',
    },
  },
  {
    // The month's report reads only what can change it (shared/domain/reportBounds.ts): visits
    // by the day they were finished (post-sale ones on their own, up to the month's end), and
    // each client's last contact from the keys alone of the last cadence's days (stamp + client)
    // of contacts, visits and notes, instead of every row.
    version: 3,
    stores: {
      visits:
        'id, clientId, status, kind, startedAt, deletedAt, [clientId+startedAt], finishedAt, [kind+finishedAt], [startedAt+clientId]',
      notes: 'id, clientId, visitId, deletedAt, [createdAt+clientId]',
      contacts: 'id, clientId, at, type, [clientId+at], deletedAt, [at+clientId]',
    },
  },
  {
    // The agenda's counts (issue 13): live open follow-ups per kind and due day, kept by the
    // followUpTally middleware in the same transaction as every follow-up write, so the first
    // screen sums ~2k tiny rows instead of counting 76k index keys at 50k clients (an index count
    // in Chromium reads the record behind every key).
    // (Keyed by kind and day only; version 6 replaced it with one keyed by owner too, and filled
    // that one from the rows, so this version's own fill is not repeated on the way up.)
    version: 4,
    stores: { [FOLLOW_UP_TALLY_V4]: '[kind+due]' },
  },
  {
    // The team view's month (issue 12): each client's report fields and last contact day kept in
    // one small row, and each problem's marks (open, month opened, month closed) on an index,
    // moved with every write by the reportClients and reportProblems middlewares, so the view
    // reads 50k small rows and its month's problems instead of whole clients, the last cadence's
    // notes and every problem (9.4 s at 50k clients).
    version: 5,
    ...adding(REPORT_CLIENTS, REPORT_PROBLEMS),
  },
  {
    // The agenda shows the signed-in rep's own follow-ups (issue 12): a manager's device holds the
    // whole team's, which are the reps' work. The tally is kept per owner too (a new store: a
    // store's key cannot change), and the agenda pages by owner on the two indexes it reads.
    version: 6,
    ...adding(FOLLOW_UP_TALLY),
    stores: {
      followUps:
        'id, clientId, due, status, kind, ruleKey, [status+due], [status+kind+due], [status+kind+due+deletedAt], deletedAt, [ownerId+status+kind+due], [ownerId+status+kind+due+deletedAt]',
      [FOLLOW_UP_TALLY_V4]: null,
      [FOLLOW_UP_TALLY.name]: FOLLOW_UP_TALLY.schema,
    },
  },
  {
    // The team view's month (issue 12): what the six months' trend and each client's latest
    // mood read of every finished post-sale visit's checklist run, one small row per run on the
    // visit's finish stamp, moved with every visit and run write by the reportRuns middleware, so
    // the view reads ~37k small rows instead of ~38k whole visits and each one's run by key at 50k
    // clients.
    version: 7,
    ...adding(REPORT_RUNS),
  },
  {
    // The team view's month (issue 12): the seven fields the report counts of each follow-up, on
    // the due day, moved with every follow-up write by the reportFollowUps middleware, so the view
    // reads the month's small rows instead of ~60k whole follow-ups at 50k clients.
    version: 8,
    ...adding(REPORT_FOLLOW_UPS),
  },
  {
    // The team view's month (issue 12): the kept clients, follow-ups and post-sale runs again, a
    // few hundred rows to a record (keptPacks.ts), moved with every write to their row stores, so
    // the view reads ~100 records where it read 50k client rows, ~60k follow-up rows and ~37k run
    // rows (in Chromium a read pays per record). Filled from the row stores, not the book.
    version: 9,
    ...adding(REPORT_CLIENT_PACKS, REPORT_FOLLOW_UP_PACKS, REPORT_RUN_PACKS),
  },
  {
    // The team view's month (issue 12): the kept clients also keep each one's first purchase day,
    // so the view no longer reads the purchases of every referred client (~0.6 s at 50k clients).
    // Added from the purchases alone; the packs move with the rows.
    version: 10,
    stores: {},
    upgrade: addFirstPurchases,
  },
  {
    // The team view's month (issue 12): the kept problems also hold the fields the report reads
    // of each, so the view reads the month's rows by their marks and no problem by key after.
    version: 11,
    ...adding(REPORT_PROBLEMS),
  },
  {
    // The team view's month (issue 12): the kept runs cover every finished visit (the month's
    // program versions) and keep a post-sale run's promises and referrals too, so the view reads
    // no run whole (it asked for the month's 6.5k runs one visit at a time at 50k clients).
    version: 12,
    ...adding(REPORT_RUNS, REPORT_RUN_PACKS),
  },
  {
    // The team view's month (issue 12): what each post-sale run says of its client's mood, kept
    // apart in small flat rows (reportRuns.ts), so the view reads the post-sale runs of the
    // trend's six months instead of every month's (~37k runs at 50k clients, ~280 ms).
    // (Version 14 fills the store again with more in each row, so this version only adds it.)
    version: 13,
    stores: { [REPORT_MOOD_PACKS.name]: REPORT_MOOD_PACKS.schema },
  },
  {
    // The team view's month (issue 12): the kept moods hold the run's two scores instead of
    // whether they were low, so the six months' trend is summed from them too and the view reads
    // the post-sale runs of its own month only (~31k kept runs fewer at 50k clients).
    version: 14,
    ...adding(REPORT_MOOD_PACKS),
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
