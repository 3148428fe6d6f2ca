/**
 * The rep's contact-cadence defaults (Settings → contact cadence), kept in the database's `meta`
 * table beside the book they judge: the follow-up rules read them inside their own transaction,
 * two windows see one value, and a liveQuery on the key tells every reader when they change.
 * They belong to this device's rep and are not synced (meta never is).
 */
import {
  CadenceSettingsSchema,
  parseCadenceSettings,
  type CadenceSettings,
} from '../../../../shared/domain/cadence';
import type { FieldbookDb } from '../../../data/db';

export const CADENCE_SETTINGS_KEY = 'settings.cadence';

// One object per stored value: the cadence function indexes tags per settings object, and the
// client book's summaries compare settings by identity.
let lastRaw: unknown = undefined;
let lastParsed: CadenceSettings | null = null;

/** The settings in force; the built-in defaults until the rep saves their own. */
export async function loadCadenceSettings(db: FieldbookDb): Promise<CadenceSettings> {
  const row = await db.meta.get(CADENCE_SETTINGS_KEY);
  const raw = row?.value;
  const key = raw === undefined ? undefined : JSON.stringify(raw);
  if (lastParsed === null || key !== lastRaw) {
    lastParsed = parseCadenceSettings(raw ?? null);
    lastRaw = key;
  }
  return lastParsed;
}

/** Saves valid settings whole; throws (and writes nothing) on settings the schema refuses. */
export async function saveCadenceSettings(
  db: FieldbookDb,
  settings: CadenceSettings,
): Promise<void> {
  const valid = CadenceSettingsSchema.parse(settings);
  await db.meta.put({ key: CADENCE_SETTINGS_KEY, value: valid });
}
