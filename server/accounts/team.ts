/** The people of a team, for the names every device shows and a manager's "last synced". */
import type { TeamMember } from '../../shared/sync/protocol';
import type { Queryable } from '../db/db';

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value as string | Date).toISOString();
}

/**
 * Everyone of `teamId`, by name. `withLastSync`: when each person's devices last reached the
 * server (the latest `last_seen_at` of their devices; a manager's figure, not a rep's).
 */
export async function listTeamMembers(
  q: Queryable,
  teamId: string,
  withLastSync: boolean,
): Promise<TeamMember[]> {
  const { rows } = await q.query<{
    id: string;
    name: string;
    role: 'rep' | 'manager';
    disabled_at: unknown;
    last_seen: unknown;
  }>(
    `SELECT u.id, u.name, u.role, u.disabled_at, max(d.last_seen_at) AS last_seen
       FROM users u LEFT JOIN devices d ON d.user_id = u.id
      WHERE u.team_id = $1
      GROUP BY u.id, u.name, u.role, u.disabled_at
      ORDER BY u.name, u.id`,
    [teamId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    active: r.disabled_at === null || r.disabled_at === undefined,
    lastSyncAt: withLastSync ? iso(r.last_seen) : null,
  }));
}
