/**
 * The team's people as the server last told them (`GET /v1/team`): names for every record that
 * names a person, and for a manager when each rep last synced. Kept in `meta`, refreshed after
 * each sync; a failure to refresh keeps the last copy and never fails the sync.
 */
import type { TeamResponse } from '../../shared/sync/protocol';
import type { FieldbookDb } from '../data/db';
import type { SyncTransport } from './transport';

export const TEAM_KEY = 'sync.team';

export async function readTeam(db: FieldbookDb): Promise<TeamResponse | null> {
  return ((await db.meta.get(TEAM_KEY))?.value as TeamResponse | undefined) ?? null;
}

async function saveTeam(db: FieldbookDb, team: TeamResponse): Promise<void> {
  await db.meta.put({ key: TEAM_KEY, value: team });
}

/** Asks the server for the team; true when a fresh copy was saved. */
export async function refreshTeam(db: FieldbookDb, transport: SyncTransport): Promise<boolean> {
  if (!transport.team) return false;
  try {
    await saveTeam(db, await transport.team());
    return true;
  } catch {
    return false;
  }
}
