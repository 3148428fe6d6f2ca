/**
 * Pull: rows of the caller's scope with a version above the cursor, in version order. Read in one
 * repeatable-read snapshot together with the team counter: every version up to that counter has
 * committed (pushes take versions under the counter's row lock), so when a page is not full the
 * cursor jumps to the counter and nothing committed later can fall behind it.
 */
import {
  LIMITS,
  type PulledRecord,
  type PullRequest,
  type PullResponse,
} from '../../shared/sync/protocol';
import type { SyncedTable } from '../../shared/domain';
import type { Actor } from '../accounts/accounts';
import type { Db } from '../db/db';
import { ApiError } from '../http/errors';
import { readEpoch, rotateEpoch, type CursorCodec } from './meta';
import type { RecordRow } from './rows';
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

class CursorAhead {
  constructor(
    readonly cursorVersion: number,
    readonly counter: number,
  ) {}
}

export async function pullPage(
  db: Db,
  actor: Actor,
  request: PullRequest,
  options: PullOptions,
): Promise<PullResponse> {
  const limit = request.limit ?? LIMITS.defaultPullLimit;
  const page = await db.transaction(
    async (tx) => {
      const epoch = await readEpoch(tx);
      if (request.epoch !== null && request.epoch !== epoch) {
        throw new ApiError(
          'epoch_changed',
          'The server was restored from a backup; pull from the start, then re-push',
          {
            epoch,
          },
        );
      }
      let from = 0;
      if (request.cursor !== null) {
        const decoded = options.cursors.decode(request.cursor, epoch, actor.teamId, actor.userId);
        if (decoded === null)
          throw new ApiError(
            'bad_cursor',
            'This cursor was not issued to you in this epoch; pull from the start',
          );
        from = decoded;
      }
      const { rows: counterRows } = await tx.query<{ v: number }>(
        'SELECT v FROM team_counters WHERE team_id = $1',
        [actor.teamId],
      );
      const counter = Number(counterRows[0]?.v ?? 0);
      // A genuine cursor beyond every version this database has issued: the data went back in time.
      if (from > counter) return new CursorAhead(from, counter);
      const visible = actor.role === 'manager' ? '$2::uuid IS NOT NULL' : REP_VISIBLE_SQL;
      const { rows } = await tx.query<RecordRow>(
        `SELECT r.id, r.table_name, r.owner_id, r.version, r.data, r.stamps FROM records r
          WHERE r.team_id = $1 AND r.version > $3 AND ${visible}
          ORDER BY r.version LIMIT $4`,
        [actor.teamId, actor.userId, from, limit],
      );
      const hasMore = rows.length === limit;
      const to = hasMore ? Number(rows[rows.length - 1]!.version) : counter;
      const records = rows.map<PulledRecord>((r) => ({
        table: r.table_name as SyncedTable,
        id: r.id,
        version: Number(r.version),
        record: {
          ...r.data,
          id: r.id,
          ownerId: r.owner_id,
          stamps: r.stamps,
          serverVersion: Number(r.version),
        },
      }));
      return {
        epoch,
        serverTime: options.nowMs,
        records,
        cursor: options.cursors.encode(epoch, actor.teamId, actor.userId, to),
        hasMore,
      } satisfies PullResponse;
    },
    { isolation: 'repeatable read', readOnly: true },
  );
  if (page instanceof CursorAhead) {
    const epoch = await rotateEpoch(db);
    options.onRestoreDetected?.({
      teamId: actor.teamId,
      cursorVersion: page.cursorVersion,
      counter: page.counter,
      epoch,
    });
    throw new ApiError(
      'epoch_changed',
      'The server was restored from a backup; pull from the start, then re-push',
      {
        epoch,
      },
    );
  }
  return page;
}
