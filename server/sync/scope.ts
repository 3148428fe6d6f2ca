/**
 * Who may read and write which rows. A rep: their own rows, rows of clients they own or that were
 * shared with them, and the team's templates (read-only). A manager: every row of the team, and
 * writes to their own rows and to templates. Nobody: another team (every query is by team).
 */
import { UUID_PATTERN } from '../../shared/ids';
import type { StoredRow } from '../../shared/sync/apply';
import type { OpRejectCode, PushOp } from '../../shared/sync/protocol';
import type { Actor } from '../accounts/accounts';

export interface WriteScope {
  /** Owner of each client of the team touched by the batch (absent: no such client yet). */
  clientOwners: Map<string, string>;
  /** Clients shared with the actor. */
  sharedWithMe: Set<string>;
}

/** The client a row belongs to: itself for a client, its clientId for the rest, else none. */
export function clientIdOf(
  table: string,
  id: string,
  values: Record<string, unknown>,
): string | null {
  if (table === 'clients') return id;
  const clientId = values.clientId;
  return typeof clientId === 'string' && UUID_PATTERN.test(clientId) ? clientId : null;
}

/**
 * Client ids a batch's ops point at; the clients of the rows they change are added in SQL
 * (batch-sql.ts), so authorization needs no query per op.
 */
export function clientIdsOfOps(ops: readonly PushOp[]): string[] {
  const ids = new Set<string>();
  for (const op of ops) {
    const id = clientIdOf(op.table, op.rowId, op.fields);
    if (id) ids.add(id);
  }
  return [...ids];
}

export interface Denial {
  code: OpRejectCode;
  reason: string;
}

const READ_ONLY: Denial = {
  code: 'read_only',
  reason: 'Checklist templates are published by a manager; reps receive them read-only',
};
const NOT_YOURS: Denial = { code: 'forbidden', reason: 'This record belongs to someone else' };
const NOT_YOUR_CLIENT: Denial = {
  code: 'forbidden',
  reason: 'This client belongs to someone else',
};

const NO_LONGER_SHARED: Denial = {
  code: 'forbidden',
  reason:
    'This client is no longer shared with you; your copy stays, but changes to it are not sent',
};

/** May the actor change this existing row (null: a new row)? */
export function denyWrite(
  actor: Actor,
  table: string,
  row: StoredRow | null,
  scope: WriteScope,
): Denial | null {
  if (table === 'checklistTemplates') return actor.role === 'manager' ? null : READ_ONLY;
  if (!row) return null;
  if (row.ownerId === actor.userId) {
    // A rep's own row on another rep's client: writable only while the client is shared with
    // them (docs §7: unsharing stops their writes; the copies they hold stay).
    if (actor.role !== 'rep') return null;
    const clientId = clientIdOf(row.table, row.id, row.values);
    const owner = clientId ? scope.clientOwners.get(clientId) : undefined;
    if (owner === undefined || owner === actor.userId || scope.sharedWithMe.has(clientId!))
      return null;
    return NO_LONGER_SHARED;
  }
  if (actor.role === 'rep') {
    const clientId = clientIdOf(row.table, row.id, row.values);
    if (
      clientId &&
      (scope.sharedWithMe.has(clientId) || scope.clientOwners.get(clientId) === actor.userId)
    )
      return null;
  }
  return NOT_YOURS;
}

/** May the actor attach a row to this client? A client not on the server yet is fine. */
export function denyClient(
  actor: Actor,
  clientId: string | null,
  scope: WriteScope,
): Denial | null {
  if (!clientId) return null;
  const owner = scope.clientOwners.get(clientId);
  if (owner === undefined || owner === actor.userId || actor.role === 'manager') return null;
  return scope.sharedWithMe.has(clientId) ? null : NOT_YOUR_CLIENT;
}

/**
 * The pull filter for a rep, as SQL over `records r` with $1 = team, $2 = user. Templates reach
 * everyone in the team; a shared client brings its rows along; rows others wrote on the rep's own
 * clients come too. Own rows match first, so the per-row lookup only runs for other people's rows,
 * and never for a client row (its client is itself: it is the rep's only if its owner is the rep).
 */
export const REP_VISIBLE_SQL = `(
  r.owner_id = $2
  OR r.table_name = 'checklistTemplates'
  OR r.client_id = ANY(ARRAY(SELECT s.client_id FROM shares s WHERE s.user_id = $2 AND s.team_id = $1))
  OR (r.client_id IS NOT NULL AND r.table_name <> 'clients' AND EXISTS (
    SELECT 1 FROM records c
     WHERE c.team_id = $1 AND c.id = r.client_id AND c.table_name = 'clients' AND c.owner_id = $2))
)`;
