/** Rows of the `records` table as the shared StoredRow shape, and the team's version counter. */
import type { StoredRow } from '../../shared/sync/apply';
import type { SyncedTable } from '../../shared/domain';
import type { Queryable } from '../db/db';

export interface RecordRow {
  id: string;
  table_name: string;
  owner_id: string;
  version: number;
  data: Record<string, unknown>;
  stamps: Record<string, string>;
  field_versions: Record<string, number>;
}

/**
 * A stored row's `field_versions` leaves out the fields that changed at the row's own version
 * (batch-sql.ts writes it so); they are put back here, so the merge sees every stamped field's version.
 */
export function toStoredRow(row: RecordRow): StoredRow {
  const version = Number(row.version);
  const fieldVersions: Record<string, number> = { ...row.field_versions };
  for (const field in row.stamps) fieldVersions[field] ??= version;
  return {
    table: row.table_name as SyncedTable,
    id: row.id,
    ownerId: row.owner_id,
    values: row.data,
    stamps: row.stamps,
    fieldVersions,
    version,
  };
}

/**
 * Takes `count` versions from the team's counter. The row lock this takes is held to commit, so
 * the next writer of the team gets higher versions and commits later: version order is commit order.
 */
export async function takeVersions(tx: Queryable, teamId: string, count: number): Promise<number> {
  const { rows } = await tx.query<{ v: number }>(
    'UPDATE team_counters SET v = v + $2 WHERE team_id = $1 RETURNING v',
    [teamId, count],
  );
  if (!rows[0]) throw new Error(`team ${teamId} has no version counter`);
  return Number(rows[0].v) - count + 1;
}
