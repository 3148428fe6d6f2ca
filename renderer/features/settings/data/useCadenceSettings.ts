/** The rep's contact-cadence settings for a screen, re-read whenever they are saved. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { DEFAULT_CADENCE_SETTINGS, type CadenceSettings } from '../../../../shared/domain/cadence';
import { useDatabase } from '../../../data/DataContext';
import { loadCadenceSettings, saveCadenceSettings } from './cadenceSettings';

export function useCadenceSettings(): CadenceSettings {
  // Until the first read answers, the built-in defaults (the same ones an empty store gives).
  return useStoredCadenceSettings() ?? DEFAULT_CADENCE_SETTINGS;
}

/** The stored settings; undefined until the first read answers. */
export function useStoredCadenceSettings(): CadenceSettings | undefined {
  const db = useDatabase();
  return useLiveQuery(() => loadCadenceSettings(db), [db]);
}

/** Every tag written on a client, for the per-tag cadence picker. */
export function useClientTags(): string[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () => (await db.clients.orderBy('tags').uniqueKeys()).map(String),
    [db],
  );
}

export function useSaveCadenceSettings(): (settings: CadenceSettings) => Promise<void> {
  const db = useDatabase();
  return useCallback((settings) => saveCadenceSettings(db, settings), [db]);
}
