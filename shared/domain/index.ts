import type { z } from 'zod';
import { ClientSchema } from './client';
import { ContactPersonSchema } from './person';
import { PurchaseSchema } from './purchase';
import { VisitSchema, NoteSchema } from './visit';
import { ChecklistTemplateSchema, ChecklistRunSchema } from './checklist';
import { FollowUpSchema } from './followup';
import { ContactLogEntrySchema } from './contact';
import { ProblemSchema, RetentionPlanSchema } from './problem';

export * from './common';
export * from './client';
export * from './cadence';
export * from './person';
export * from './purchase';
export * from './visit';
export * from './checklist';
export * from './followup';
export * from './contact';
export * from './problem';
export * from './retention';
export * from './conflict';

/**
 * Every synced table and the schema of its records: the one list that the local database, the
 * outbox, the sync protocol and the server all read.
 */
export const SYNCED_SCHEMAS = {
  clients: ClientSchema,
  people: ContactPersonSchema,
  purchases: PurchaseSchema,
  visits: VisitSchema,
  notes: NoteSchema,
  checklistTemplates: ChecklistTemplateSchema,
  checklistRuns: ChecklistRunSchema,
  followUps: FollowUpSchema,
  contacts: ContactLogEntrySchema,
  problems: ProblemSchema,
  retentionPlans: RetentionPlanSchema,
} as const;

export type SyncedTable = keyof typeof SYNCED_SCHEMAS;
export const SYNCED_TABLES = Object.keys(SYNCED_SCHEMAS) as SyncedTable[];
export type RecordOf<T extends SyncedTable> = z.infer<(typeof SYNCED_SCHEMAS)[T]>;

/**
 * Every table whose records hang off a client through `clientId`, in the order the trash lists
 * them: the one list the trash, the change feed and the follow-up book read.
 */
export const CLIENT_CHILD_TABLES = [
  'people',
  'purchases',
  'visits',
  'notes',
  'contacts',
  'problems',
  'followUps',
  'retentionPlans',
] as const satisfies readonly SyncedTable[];
export type ClientChildTable = (typeof CLIENT_CHILD_TABLES)[number];

/** The tables whose schema carries `clientId`; the list above must name exactly these. */
type TableWithClientId = {
  [T in SyncedTable]: 'clientId' extends keyof RecordOf<T> ? T : never;
}[SyncedTable];
const CLIENT_CHILD_TABLES_ARE_EXACT: [TableWithClientId] extends [ClientChildTable]
  ? [ClientChildTable] extends [TableWithClientId]
    ? true
    : never
  : never = true;
void CLIENT_CHILD_TABLES_ARE_EXACT;

export function isSyncedTable(name: string): name is SyncedTable {
  return Object.prototype.hasOwnProperty.call(SYNCED_SCHEMAS, name);
}
