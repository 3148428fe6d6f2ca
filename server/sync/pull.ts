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
import { cursorVersion, rotateEpoch, type CursorCodec } from './meta';
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
  n: number;
  last: number | null;
  records: string;
}

/**
 * One statement, so one snapshot: the epoch, the team's counter and the page are read together
 * without a transaction (a single statement sees one snapshot at any isolation level), in one
 * round trip. PostgreSQL writes the records' JSON itself; Node never parses or re-serialises them.
 */
const PAGE_SQL = (visible: string) => `
  SELECT e.value AS epoch, c.v AS counter, p.n, p.last, p.records
    FROM (SELECT value FROM server_meta WHERE key = 'epoch') e
    LEFT JOIN team_counters c ON c.team_id = $1
   CROSS JOIN LATERAL (
     SELECT count(*)::int AS n, max(r.version) AS last,
            COALESCE(json_agg(json_build_object(
              'table', r.table_name, 'id', r.id, 'version', r.version,
              'record', r.data || jsonb_build_object(
                'id', r.id, 'ownerId', r.owner_id, 'stamps', r.stamps, 'serverVersion', r.version))
              ORDER BY r.version), '[]')::text AS records
       FROM (SELECT r.id, r.table_name, r.owner_id, r.version, r.data, r.stamps FROM records r
              WHERE r.team_id = $1 AND r.version > $3 AND ${visible}
              ORDER BY r.version LIMIT $4) r) p`;

const MANAGER_PAGE_SQL = PAGE_SQL('$2::uuid IS NOT NULL');
const REP_PAGE_SQL = PAGE_SQL(REP_VISIBLE_SQL);

function epochChanged(epoch: string): ApiError {
  return new ApiError(
    'epoch_changed',
    'The server was restored from a backup; pull from the start, then re-push',
    { epoch },
  );
}

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
  const manager = actor.role === 'manager';
  const { rows } = await db.query<PageRow>(
    manager ? MANAGER_PAGE_SQL : REP_PAGE_SQL,
    [actor.teamId, actor.userId, from, limit],
    { name: manager ? 'pull-page-manager' : 'pull-page-rep' },
  );
  const page = rows[0];
  if (!page) throw new ApiError('unavailable', 'The server is not initialised yet');
  const epoch = page.epoch;
  if (request.epoch !== null && request.epoch !== epoch) throw epochChanged(epoch);
  // The signature is checked against the epoch read with the page: a cursor of another epoch,
  // team or user is refused before anything is sent.
  if (
    request.cursor !== null &&
    options.cursors.decode(request.cursor, epoch, actor.teamId, actor.userId) === null
  )
    throw BAD_CURSOR();
  const counter = Number(page.counter ?? 0);
  // A genuine cursor beyond every version this database has issued: the data went back in time.
  if (from > counter) {
    const next = await rotateEpoch(db);
    options.onRestoreDetected?.({
      teamId: actor.teamId,
      cursorVersion: from,
      counter,
      epoch: next,
    });
    throw epochChanged(next);
  }
  const hasMore = page.n === limit;
  const to = hasMore ? Number(page.last) : counter;
  const cursor = options.cursors.encode(epoch, actor.teamId, actor.userId, to);
  return {
    epoch,
    count: page.n,
    hasMore,
    body: `{"epoch":${JSON.stringify(epoch)},"serverTime":${JSON.stringify(options.nowMs)},"records":${page.records},"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore}}`,
  };
}
