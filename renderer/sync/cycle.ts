/**
 * One sync: finish an epoch repair if one is due, push the outbox, pull every new page. Push
 * first, so the rep's edits reach the server's merge with the base they were made on.
 */
import { readSyncMeta, updateSyncFlags } from './state';
import type { SyncContext } from './context';
import { pullAll } from './pullPages';
import { pushOutbox } from './pushOutbox';
import { holdUnsentTemplatesOfRep } from './refused';
import { refreshTeam } from './team';
import { beginRepair, runRepair } from './repair';
import { isSyncHttpError, SyncHttpError } from './transport';

export interface CycleSummary {
  pushed: number;
  pulled: number;
  conflicts: number;
  invalid: number;
  repairOps: number;
}

/** Two epoch changes inside one sync are not a restore but a misbehaving server. */
const MAX_EPOCH_CHANGES = 2;

export async function runCycle(ctx: SyncContext): Promise<CycleSummary> {
  const summary: CycleSummary = { pushed: 0, pulled: 0, conflicts: 0, invalid: 0, repairOps: 0 };
  for (let changes = 0; ; changes++) {
    try {
      summary.repairOps += (await runRepair(ctx)).repairOps;
      // A rep's unsent checklist versions become drafts, not ops the server would refuse.
      await holdUnsentTemplatesOfRep(ctx.db, new Date(ctx.clock.wallNow()).toISOString());
      const pushed = await pushOutbox(ctx);
      summary.pushed += pushed.pushed;
      summary.conflicts += pushed.conflicts;
      const pulled = await pullAll(ctx, { mode: 'replace' });
      summary.pulled += pulled.pulled;
      summary.invalid += pulled.invalid;
      // Names for the owners on this device, and a manager's "last synced": best effort.
      await refreshTeam(ctx.db, ctx.transport);
      await updateSyncFlags(ctx.db, {
        lastSyncAt: new Date(ctx.clock.wallNow()).toISOString(),
        clockOffsetMs: ctx.clock.offsetMs,
      });
      return summary;
    } catch (error) {
      if (!isSyncHttpError(error) || error.code !== 'epoch_changed') throw error;
      const epoch = error.extra.epoch;
      if (!epoch || changes >= MAX_EPOCH_CHANGES) throw error;
      const { pull } = await readSyncMeta(ctx.db);
      if (pull.epoch === epoch) {
        throw new SyncHttpError(409, 'epoch_loop', 'the server keeps naming the same epoch');
      }
      await beginRepair(ctx.db, epoch);
    }
  }
}
