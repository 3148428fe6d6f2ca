import { useStore } from 'zustand';
import { useData } from '../../app/DataContext';
import { getSyncEngine } from '../../sync/appEngine';
import type { SyncEngine, SyncStatus } from '../../sync/engine';

/** The app's sync engine for the open database. */
export function useSyncEngine(): SyncEngine {
  return getSyncEngine(useData().db);
}

/** A slice of the engine's status; re-renders when it changes. */
export function useSyncStatus<T>(select: (status: SyncStatus) => T): T {
  return useStore(useSyncEngine().status, select);
}
