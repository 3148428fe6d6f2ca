/**
 * Pulling every page after the saved cursor. Each page is checked against the shared schemas in
 * slices (the main thread gets a turn between them), then applied with its cursor in one
 * transaction: a crash between pages repeats at most one page, and a page applied twice is harmless.
 */
import { SYNCED_SCHEMAS, type SyncedRecord } from '../../shared/domain';
import type { PulledRecord } from '../../shared/sync/protocol';
import type { FieldbookDb } from '../data/db';
import { readSyncMeta, savePullPosition, type PullRun } from './state';
import { applyPullPage, type PageOptions, type PulledRow } from './pullApply';
import type { SyncContext } from './context';
import { isSyncHttpError } from './transport';
import { inSlices } from '../platform/yield';

export interface PullOptions {
  mode: PageOptions['mode'];
  /** Sees every valid pulled row (the epoch repair notes which rows the server has). */
  onRows?: (rows: readonly PulledRow[]) => void;
  alsoInTransaction?: PageOptions['alsoInTransaction'];
}

export interface PullSummary {
  pulled: number;
  /** Records that failed the shared schema (a newer server's shapes): skipped, counted. */
  invalid: number;
}

/** Clients not in the trash: the book a mass delete is measured against. */
export async function countLiveClients(db: FieldbookDb): Promise<number> {
  const [all, trashed] = await Promise.all([
    db.clients.count(),
    db.clients.where('deletedAt').aboveOrEqual('').count(),
  ]);
  return all - trashed;
}

async function validRows(
  records: readonly PulledRecord[],
  pause: () => Promise<void>,
): Promise<{ rows: PulledRow[]; invalid: number }> {
  const rows: PulledRow[] = [];
  let invalid = 0;
  await inSlices(
    records,
    (r) => {
      const checked = SYNCED_SCHEMAS[r.table].safeParse(r.record);
      if (!checked.success || r.record.id !== r.id) {
        invalid++;
        return;
      }
      // The record as sent, not as parsed: fields this app does not know are parked, not dropped.
      // The answer is this pull's own, so the record is completed in place rather than copied.
      const record = r.record as SyncedRecord & Record<string, unknown>;
      record.serverVersion = r.version;
      rows.push({ table: r.table, id: r.id, version: r.version, record });
    },
    { pause },
  );
  return { rows, invalid };
}

export async function pullAll(ctx: SyncContext, options: PullOptions): Promise<PullSummary> {
  const summary: PullSummary = { pulled: 0, invalid: 0 };
  let cursorResets = 0;
  // A page is checked as soon as it arrives, while the page before it may still be writing:
  // this thread's schema checks overlap IndexedDB's work. Pages are still applied in order.
  const request = (epoch: string | null, cursor: string | null) => {
    const answer = ctx.transport
      .pull({ epoch, cursor, limit: ctx.pullLimit })
      .then(async (response) => ({
        response,
        ...(await validRows(response.records, ctx.yieldToMain)),
      }));
    answer.catch(() => undefined); // a prefetch nobody waits for must not be an unhandled rejection
    return answer;
  };
  let { pull } = await readSyncMeta(ctx.db);
  // A pull cut short (a lost connection, a closed app, a held mass delete) goes on with its tally.
  let run: PullRun = pull.run ?? { liveClients: await countLiveClients(ctx.db), deleted: 0 };
  let next = request(pull.epoch, pull.cursor);
  for (;;) {
    let page;
    try {
      page = await next;
    } catch (error) {
      // A cursor the server did not issue (another server, a damaged one): start over from null.
      if (isSyncHttpError(error) && error.code === 'bad_cursor' && cursorResets++ === 0) {
        pull = { epoch: pull.epoch, cursor: null, run };
        await savePullPosition(ctx.db, pull);
        next = request(pull.epoch, null);
        continue;
      }
      throw error;
    }
    const { response, rows, invalid } = page;
    ctx.clock.observe(response.serverTime);
    // The next page is asked for before this one is applied: the server's work and ours overlap.
    // Its cursor is saved only with its own page, so a crash still repeats at most one page.
    if (response.hasMore) next = request(response.epoch, response.cursor);
    summary.invalid += invalid;
    options.onRows?.(rows);
    const applied = await applyPullPage(ctx.db, rows, {
      epoch: response.epoch,
      cursor: response.cursor,
      nowMs: ctx.clock.now(),
      mode: options.mode,
      massDelete: { ...run, allowed: ctx.allowMassDelete },
      more: response.hasMore,
      ...(options.alsoInTransaction ? { alsoInTransaction: options.alsoInTransaction } : {}),
    });
    run = applied.run;
    summary.pulled += rows.length;
    if (!response.hasMore) return summary;
    await ctx.yieldToMain();
  }
}
