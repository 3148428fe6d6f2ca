/**
 * The edit-base copies every local write needs: the server's three-way line merge of a text field
 * needs the text the rep's edit started from (protocol §4 `base`), so the repository keeps it in
 * the edit's own transaction (keepEditBase) and a pull refreshes it (sync/pullApply.ts).
 */
import type { SyncedRecord, SyncedTable } from '../../shared/domain';
import { LINE_MERGED_FIELDS } from '../../shared/sync/merge';
import type { OutboxOp } from '../../shared/sync/outbox';
import type { FieldbookDb } from './db';

/**
 * The row as this device last pulled it, for the line-merged text fields only: the server's
 * three-way merge of a note needs the text the rep's edit started from (protocol §4 `base`).
 */
export interface BaseCopy {
  v: number;
  f: Record<string, string>;
}
export const BASE_PREFIX = 'sync.base:';
export const baseKey = (table: string, id: string): string => `${BASE_PREFIX}${table}:${id}`;

/** An outbox row; a repair op also carries the stamps its fields already had. */
export type OutboxRow = OutboxOp & { stamps?: Record<string, string> };

type Row = SyncedRecord & Record<string, unknown>;

/** The line-merged text of a record as a base copy at `version` (empty when it has none). */
export function baseCopyOf(table: SyncedTable, record: Row, version: number): BaseCopy | null {
  const textFields = LINE_MERGED_FIELDS[table];
  if (!textFields) return null;
  const f: Record<string, string> = {};
  for (const field of textFields) {
    const text = record[field];
    if (typeof text === 'string') f[field] = text;
  }
  return { v: version, f };
}

/**
 * Call inside a local edit's transaction (with outbox and meta), before the row changes. The
 * server's line merge of a text edit needs the text the edit started from (protocol §4 `base`).
 * A pull writes none for a row it simply replaces, so it is taken here, from the row itself, when
 * none is stored for the row's `serverVersion` and no unpushed text edit of the row waits: then
 * the row's text is what the server had (or has acknowledged) at that version.
 */
export async function keepEditBase(
  db: FieldbookDb,
  table: SyncedTable,
  row: SyncedRecord & Record<string, unknown>,
  changedFields: readonly string[],
): Promise<void> {
  const textFields = LINE_MERGED_FIELDS[table];
  if (!textFields || row.serverVersion <= 0) return;
  if (!changedFields.some((f) => textFields.includes(f))) return;
  const key = baseKey(table, row.id);
  const stored = (await db.meta.get(key))?.value as BaseCopy | undefined;
  if (stored?.v === row.serverVersion) return;
  const waiting = (await db.outbox
    .where('[table+rowId]')
    .equals([table, row.id])
    .toArray()) as OutboxRow[];
  if (waiting.some((op) => textFields.some((f) => f in op.fields))) return;
  const copy = baseCopyOf(table, row, row.serverVersion);
  if (copy) await db.meta.put({ key, value: copy });
}
