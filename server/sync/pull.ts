/**
 * Pull: rows of the caller's scope with a version above the cursor, in version order. Read in one
 * snapshot together with the team counter: every version up to that counter has committed
 * (pushes take versions under the counter's row lock), so when a page is not full the cursor
 * jumps to the counter and nothing committed later can fall behind it.
 */
import { LIMITS, type PullRequest } from '../../shared/sync/protocol';
import type { Actor } from '../accounts/accounts';
import type { Db } from '../db/db';
import { ApiError } from '../http/errors';
import { cursorVersion, epochChangedError, rotateEpochFrom, type CursorCodec } from './meta';
import { REP_VISIBLE_SQL } from './scope';

export interface PullOptions {
  nowMs: number;
  cursors: CursorCodec;
  /** Told when a cursor from the future revealed a restore and a new epoch began. */
  onRestoreDetected?: (info: {
    teamId: string;
    cursorVersion: number;
    counter: number;
    epoch: string;
  }) => void;
}

/** A page, with the response body already written by the database. */
export interface PulledPage {
  epoch: string;
  count: number;
  hasMore: boolean;
  /** The JSON text of the PullResponse. */
  body: string;
}

interface PageRow {
  epoch: string;
  counter: number | null;
  /** Records in the page; `fetched` were read, the rest of them past the page's byte bound. */
  n: number;
  fetched: number;
  last: number | null;
  last_id: string | null;
  /** The record holding the counter's version, if any: the witness of a cursor at the counter. */
  counter_id: string | null;
  /** The current version of the cursor's witness record (null: no such record). */
  witness_version: number | null;
  records: string;
}

/**
 * One statement, so one snapshot: the epoch, the team's counter and the page are read together
 * without a transaction (a single statement sees one snapshot at any isolation level), in one
 * round trip. PostgreSQL writes the records' JSON itself; Node never parses or re-serialises them.
 * A page holds at most $4 records and stops at the first whose JSON takes it past $5 bytes (the
 * first record always goes, so a page always moves on).
 */
const PAGE_SQL = (visible: string) => `
  SELECT e.value AS epoch, c.v AS counter, p.n, p.fetched, p.last, p.last_id, p.records,
         (SELECT x.id FROM records x WHERE x.team_id = $1 AND x.version = c.v LIMIT 1) AS counter_id,
         (SELECT x.version FROM records x WHERE x.team_id = $1 AND x.id = $6::uuid) AS witness_version
    FROM (SELECT value FROM server_meta WHERE key = 'epoch') e
    LEFT JOIN team_counters c ON c.team_id = $1
   CROSS JOIN LATERAL (
     SELECT count(*) FILTER (WHERE w.inside)::int AS n, count(*)::int AS fetched,
            max(w.version) FILTER (WHERE w.inside) AS last,
            (array_agg(w.id ORDER BY w.version DESC) FILTER (WHERE w.inside))[1] AS last_id,
            '[' || COALESCE(string_agg(w.j, ',' ORDER BY w.version) FILTER (WHERE w.inside), '') || ']' AS records
       FROM (
         SELECT x.id, x.version, x.j,
                COALESCE(sum(octet_length(x.j)) OVER (
                  ORDER BY x.version ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) < $5 AS inside
           FROM (SELECT r.id, r.version, json_build_object(
                   'table', r.table_name, 'id', r.id, 'version', r.version,
                   'record', r.data || jsonb_build_object(
                     'id', r.id, 'ownerId', r.owner_id, 'stamps', r.stamps, 'serverVersion', r.version))::text AS j
                   FROM records r
                  WHERE r.team_id = $1 AND r.version > $3 AND ${visible}
                  ORDER BY r.version LIMIT $4) x) w) p`;

const MANAGER_PAGE_SQL = PAGE_SQL('$2::uuid IS NOT NULL');
const REP_PAGE_SQL = PAGE_SQL(REP_VISIBLE_SQL);

const BAD_CURSOR = () =>
  new ApiError(
    'bad_cursor',
    'This cursor was not issued to you in this epoch; pull from the start',
  );

export async function pullPage(
  db: Db,
  actor: Actor,
  request: PullRequest,
  options: PullOptions,
): Promise<PulledPage> {
  const limit = request.limit ?? LIMITS.defaultPullLimit;
  let from = 0;
  if (request.cursor !== null) {
    const version = cursorVersion(request.cursor);
    if (version === null) throw BAD_CURSOR();
    from = version;
  }
  // The witness is read unverified; it only counts once the cursor's signature holds.
  const witness = request.cursor === null ? null : options.cursors.witnessOf(request.cursor);
  const manager = actor.role === 'manager';
  const { rows } = await db.query<PageRow>(
    manager ? MANAGER_PAGE_SQL : REP_PAGE_SQL,
    [actor.teamId, actor.userId, from, limit, LIMITS.maxPullPageBytes, witness],
    { name: manager ? 'pull-page-manager' : 'pull-page-rep' },
  );
  const page = rows[0];
  if (!page) throw new ApiError('unavailable', 'The server is not initialised yet');
  const epoch = page.epoch;
  if (request.epoch !== null && request.epoch !== epoch) throw epochChangedError(epoch);
  // The signature is checked against the epoch read with the page: a cursor of another epoch,
  // team or user is refused before anything is sent.
  const decoded =
    request.cursor === null
      ? null
      : options.cursors.decode(request.cursor, epoch, actor.teamId, actor.userId);
  if (request.cursor !== null && decoded === null) throw BAD_CURSOR();
  const counter = Number(page.counter ?? 0);
  // A genuine cursor beyond every version this database has issued, or whose witness record the
  // database lacks or holds at a lower version: the data went back in time.
  const witnessGone =
    decoded?.witness != null &&
    (page.witness_version === null || Number(page.witness_version) < from);
  if (from > counter || witnessGone) {
    const next = await rotateEpochFrom(db, epoch);
    options.onRestoreDetected?.({
      teamId: actor.teamId,
      cursorVersion: from,
      counter,
      epoch: next,
    });
    throw epochChangedError(next);
  }
  const hasMore = page.fetched === limit || page.n < page.fetched;
  const to = hasMore ? Number(page.last) : counter;
  const cursor = options.cursors.encode(
    epoch,
    actor.teamId,
    actor.userId,
    to,
    hasMore ? page.last_id : page.counter_id,
  );
  return {
    epoch,
    count: page.n,
    hasMore,
    body: `{"epoch":${JSON.stringify(epoch)},"serverTime":${JSON.stringify(options.nowMs)},"records":${page.records},"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore}}`,
  };
}
