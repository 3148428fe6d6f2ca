/**
 * Sharing a client with another rep of the team. The client's rows get new versions in the same
 * transaction, so the rep's next pull brings them although their cursor is already past them.
 */
import type { Db } from '../db/db';
import { AccountError } from '../accounts/accounts';
import { takeVersions } from './rows';

export async function shareClient(db: Db, clientId: string, email: string): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows: users } = await tx.query<{ id: string; team_id: string }>(
      'SELECT id, team_id FROM users WHERE lower(email) = lower($1)',
      [email],
    );
    const user = users[0];
    if (!user) throw new AccountError(`No user with e-mail ${email}`);
    const { rows: clients } = await tx.query(
      "SELECT 1 FROM records WHERE team_id = $1 AND id = $2 AND table_name = 'clients'",
      [user.team_id, clientId],
    );
    if (clients.length === 0) throw new AccountError(`No client ${clientId} in that user's team`);
    await tx.query(
      'INSERT INTO shares (team_id, client_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [user.team_id, clientId, user.id],
    );
    const { rows: ids } = await tx.query<{ id: string }>(
      'SELECT id FROM records WHERE team_id = $1 AND client_id = $2 ORDER BY id FOR UPDATE',
      [user.team_id, clientId],
    );
    if (ids.length === 0) return 0;
    const first = await takeVersions(tx, user.team_id, ids.length);
    await tx.query(
      // Fields that changed at the row's old version are stored without one (rows.ts): they keep
      // the old version explicitly, or the new one would make them look changed by someone else.
      `UPDATE records r SET version = $2 + x.n - 1,
         field_versions = r.field_versions || COALESCE(
           (SELECT jsonb_object_agg(k, r.version) FROM jsonb_object_keys(r.stamps) AS k
             WHERE NOT r.field_versions ? k), '{}'::jsonb)
         FROM (SELECT id::uuid AS id, row_number() OVER () AS n FROM jsonb_array_elements_text($3::jsonb) AS id) x
        WHERE r.team_id = $1 AND r.id = x.id`,
      [user.team_id, first, JSON.stringify(ids.map((r) => r.id))],
    );
    return ids.length;
  });
}

/** Stops sharing. Copies already on the rep's devices stay there; new changes no longer reach them. */
export async function unshareClient(db: Db, clientId: string, email: string): Promise<boolean> {
  const { rows } = await db.query(
    `DELETE FROM shares s USING users u
      WHERE lower(u.email) = lower($2) AND s.team_id = u.team_id AND s.user_id = u.id AND s.client_id = $1
      RETURNING 1`,
    [clientId, email],
  );
  return rows.length > 0;
}
