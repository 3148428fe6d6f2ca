/** The rep's contact-cadence settings for a screen, re-read whenever they are saved. */
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_CADENCE_SETTINGS, type CadenceSettings } from '../../../shared/domain/cadence';
import { useData } from '../../app/DataContext';
import { loadCadenceSettings } from './data/cadenceSettings';

export function useCadenceSettings(): CadenceSettings {
  const { db } = useData();
  // Until the first read answers, the built-in defaults (the same ones an empty store gives).
  return useLiveQuery(() => loadCadenceSettings(db), [db]) ?? DEFAULT_CADENCE_SETTINGS;
}
