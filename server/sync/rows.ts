/** Rows of the `records` table to and from the shared StoredRow shape. */
import type { StoredRow } from '../../shared/sync/apply';
import type { SyncedTable } from '../../shared/domain';
import type { Queryable } from '../db/db';
import { clientIdOf } from './scope';

export interface RecordRow {
  id: string;
  table_name: string;
  owner_id: string;
  version: number;
  data: Record<string, unknown>;
  stamps: Record<string, string>;
  field_versions: Record<string, number>;
}

export function toStoredRow(row: RecordRow): StoredRow {
  return {
    table: row.table_name as SyncedTable,
    id: row.id,
    ownerId: row.owner_id,
    values: row.data,
    stamps: row.stamps,
    fieldVersions: row.field_versions,
    version: Number(row.version),
  };
}

/** Locks and loads rows in id order, so two batches touching the same rows cannot deadlock. */
export async function loadRowsForUpdate(
  tx: Queryable,
  teamId: string,
  ids: readonly string[],
): Promise<Map<string, StoredRow>> {
  const { rows } = await tx.query<RecordRow & { [k: string]: unknown }>(
    `SELECT id, table_name, owner_id, version, data, stamps, field_versions FROM records
      WHERE team_id = $1 AND id = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)::uuid))
      ORDER BY id FOR UPDATE`,
    [teamId, JSON.stringify(ids)],
  );
  return new Map(rows.map((r) => [r.id, toStoredRow(r)]));
}

/** Writes rows with their new versions in one statement. */
export async function upsertRows(
  tx: Queryable,
  teamId: string,
  rows: readonly StoredRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const payload = rows.map((r) => ({
    id: r.id,
    table_name: r.table,
    owner_id: r.ownerId,
    client_id: clientIdOf(r.table, r.id, r.values),
    version: r.version,
    data: r.values,
    stamps: r.stamps,
    field_versions: r.fieldVersions,
  }));
  await tx.query(
    `INSERT INTO records (team_id, id, table_name, owner_id, client_id, version, data, stamps, field_versions)
     SELECT $1, x.id, x.table_name, x.owner_id, x.client_id, x.version, x.data, x.stamps, x.field_versions
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, table_name text, owner_id uuid, client_id uuid,
            version bigint, data jsonb, stamps jsonb, field_versions jsonb)
     ON CONFLICT (team_id, id) DO UPDATE SET
       table_name = EXCLUDED.table_name, owner_id = EXCLUDED.owner_id, client_id = EXCLUDED.client_id,
       version = EXCLUDED.version, data = EXCLUDED.data, stamps = EXCLUDED.stamps,
       field_versions = EXCLUDED.field_versions`,
    [teamId, JSON.stringify(payload)],
  );
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
