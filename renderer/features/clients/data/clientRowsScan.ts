/**
 * Each live client's list row (clientFactsCache.ts) made by the search index's pass over the book
 * (searchIndexScan.ts) from the rows it reads anyway, plus the two tables only the facts need
 * (follow-ups, checklist runs). At a start with stored rows on screen, the client book takes its
 * facts from here instead of reading the whole book a second time on the main thread: one read of
 * 1.2M records at 50k clients instead of two competing for the same cores.
 *
 * The pass reads live rows only; every derivation in clientSummary.ts leaves trashed rows out, so
 * the facts are the same as from all of a client's records.
 */
import {
  clientFacts,
  listedClient,
  listedPeople,
  type ClientRecords,
  type ListedClient,
} from './clientSummary';
import type { StoredClientRow } from './clientFactsCache';
import { repsZone } from '../../../data/localTime';

/** Receives the rows in batches, then once with `done` (after the last batch). */
export type RowsSink = (rows: StoredClientRow[], done: boolean) => void | Promise<void>;

/** Rows per batch: small enough that the page takes each in well under a long task. */
export const ROWS_BATCH = 500;

type Row = Record<string, unknown> & { id: string };

/** A client's records as the pass grouped them (live rows only). */
export interface ScannedSources {
  people?: Row[];
  purchases?: Row[];
  notes?: Row[];
  visits?: Row[];
  contacts?: Row[];
  problems?: Row[];
  retentionPlans?: Row[];
}

/** What of a note the facts read (besides what the search document reads). */
export function noteForRows(row: Row): Row {
  return {
    id: row.id,
    text: row.text,
    clientId: row.clientId,
    createdAt: row.createdAt,
    deletedAt: null,
  };
}

/** The list row of one live client from its records. */
export function clientRow(
  client: Row,
  sources: ScannedSources,
  followUps: readonly Row[],
  runsByVisit: ReadonlyMap<string, Row[]>,
  zone = repsZone(),
): StoredClientRow {
  const visits = sources.visits ?? [];
  const records = {
    client,
    people: sources.people ?? [],
    purchases: sources.purchases ?? [],
    visits,
    notes: sources.notes ?? [],
    contacts: sources.contacts ?? [],
    followUps,
    problems: sources.problems ?? [],
    retentionPlans: sources.retentionPlans ?? [],
    checklistRuns: visits.flatMap((v) => runsByVisit.get(v.id) ?? []),
  } as unknown as ClientRecords;
  return {
    id: client.id,
    client: listedClient(client as unknown as ListedClient),
    people: listedPeople(records.people),
    facts: clientFacts(records, zone),
  };
}
