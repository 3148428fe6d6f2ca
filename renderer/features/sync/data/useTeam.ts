/** The team's people on this device (names for ids) and who is signed in, live. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { TeamResponse } from '../../../../shared/sync/protocol';
import { useDatabase } from '../../../data/DataContext';
import { readSyncMeta, type SyncAccount } from '../../../sync/state';
import { readTeam } from '../../../sync/team';

export interface TeamOnDevice {
  account: SyncAccount | null;
  team: TeamResponse | null;
  /** A person's name by user id: the server's list, else the signed-in user; null when unknown. */
  nameOf: (userId: string) => string | null;
}

export function useTeamOnDevice(): TeamOnDevice | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const [{ account }, team] = await Promise.all([readSyncMeta(db), readTeam(db)]);
    const names = new Map((team?.members ?? []).map((m) => [m.id, m.name]));
    if (account) names.set(account.userId, account.name);
    return { account, team, nameOf: (id: string) => names.get(id) ?? null };
  }, [db]);
}
