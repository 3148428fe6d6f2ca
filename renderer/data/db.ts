import Dexie from 'dexie';
import type { FieldbookDb } from './dbTypes';
import { followUpTallyMiddleware } from './followUpTally';
import { journalMiddleware } from './journal';
import { reportClientsMiddleware } from './reportClients';
import { reportProblemsMiddleware } from './reportProblems';
import { reportRunsMiddleware } from './reportRuns';
import { reportFollowUpsMiddleware } from './reportFollowUps';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export type { FieldbookDb } from './dbTypes';

export const DB_NAME = 'fieldbook';

/** Opens (lazily) the database with the given schema versions; tests pass fewer to build old ones. */
export function createDb(name = DB_NAME, versions: SchemaVersion[] = SCHEMA_VERSIONS): FieldbookDb {
  const db = new Dexie(name) as FieldbookDb;
  for (const v of versions) {
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
  // Every committed outbox row also goes to the durable journal, when one is attached.
  db.use(journalMiddleware(db));
  // The follow-ups' tally moves with every follow-up write, in its transaction (followUpTally.ts).
  db.use(followUpTallyMiddleware());
  // The report's clients, problems, post-sale runs and follow-ups move with their rows, in the
  // same transaction.
  db.use(reportClientsMiddleware());
  db.use(reportProblemsMiddleware());
  db.use(reportRunsMiddleware());
  db.use(reportFollowUpsMiddleware());
  return db;
}
