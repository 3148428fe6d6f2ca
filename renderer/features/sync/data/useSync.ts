import { useCallback } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useStore } from 'zustand';
import { isSyncedTable, type Conflict } from '../../../../shared/domain';
import { readSyncMeta, type SyncMetaState } from '../../../sync/state';

export type { SyncAccount } from '../../../sync/state';
import { resolveConflict, unresolvedConflicts, type Resolution } from '../../../sync/conflicts';
import { keepServerVersionForAllRefused } from '../../../sync/refused';
export { isRefusal } from '../../../sync/refused';
import { useDatabase } from '../../../data/DataContext';
import { getSyncEngine } from '../../../sync/appEngine';
import type { SyncEngine, SyncStatus } from '../../../sync/engine';

/** The app's sync engine for the open database. */
export function useSyncEngine(): SyncEngine {
  return getSyncEngine(useDatabase());
}

/** A slice of the engine's status; re-renders when it changes. */
export function useSyncStatus<T>(select: (status: SyncStatus) => T): T {
  return useStore(useSyncEngine().status, select);
}

/** What the sync screens read from the book, live. */
export function useSyncMeta(): SyncMetaState | undefined {
  const db = useDatabase();
  return useLiveQuery(() => readSyncMeta(db), [db]);
}

/** Local changes not yet acknowledged by the server. */
export function usePendingCount(): number | undefined {
  const db = useDatabase();
  return useLiveQuery(() => db.outbox.count(), [db]);
}

export function useUnresolvedConflictCount(): number | undefined {
  const db = useDatabase();
  return useLiveQuery(() => db.conflicts.filter((c) => c.resolvedAt === null).count(), [db]);
}

export function useUnresolvedConflicts(): Conflict[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => unresolvedConflicts(db), [db]);
}

/** The record a conflict is about, as it stands now; undefined for a table that is not synced. */
export function useConflictRecord(conflict: Conflict): Record<string, unknown> | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () =>
      isSyncedTable(conflict.table)
        ? ((await db.table(conflict.table).get(conflict.rowId)) as
            Record<string, unknown> | undefined)
        : undefined,
    [db, conflict.table, conflict.rowId],
  );
}

export function useResolveConflict(): (
  conflictId: string,
  resolution: Resolution,
) => Promise<void> {
  const db = useDatabase();
  return useCallback((conflictId, resolution) => resolveConflict(db, conflictId, resolution), [db]);
}

/** One click out of every refusal: the server's version of each refused row. */
export function useKeepServerVersionForAll(): () => Promise<number> {
  const db = useDatabase();
  return useCallback(() => keepServerVersionForAllRefused(db), [db]);
}
