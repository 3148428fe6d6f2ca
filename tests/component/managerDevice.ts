// A device signed in to a team of two: Anna, a rep, and Мария, the manager. The component tests of
// what a manager's device shows of a rep's records (the read-only card, visits, trash) share it.
import { META } from '../../renderer/data/device';
import type { FieldbookDb } from '../../renderer/data/db';
import { SYNC_META, type SyncAccount } from '../../renderer/sync/state';
import { TEAM_KEY } from '../../renderer/sync/team';
import type { TeamResponse } from '../../shared/sync/protocol';

export const MANAGER = '01900000-0000-7000-8000-00000000000a';
export const ANNA = '01900000-0000-7000-8000-00000000000b';

export const team: TeamResponse = {
  team: { id: '01900000-0000-7000-8000-0000000000ff', name: 'Урал' },
  members: [
    { id: ANNA, name: 'Анна Петрова', role: 'rep', active: true, lastSyncAt: null },
    { id: MANAGER, name: 'Мария Руководитель', role: 'manager', active: true, lastSyncAt: null },
  ],
};

/** Who the device is signed in as. */
export interface SignedIn {
  userId: string;
  role: SyncAccount['role'];
}

export const AS_MANAGER: SignedIn = { userId: MANAGER, role: 'manager' };

export const account = ({ userId, role }: SignedIn): SyncAccount => ({
  serverUrl: 'https://sync.example.test',
  userId,
  email: 'someone@example.test',
  name: userId === MANAGER ? 'Мария Руководитель' : 'Анна Петрова',
  role,
  teamName: 'Урал',
  deviceName: 'laptop',
  signedInAt: '2026-03-01T10:00:00Z',
});

/** Signs the device in as `as`, with the team's list on it, as a sign-in and a sync leave them. */
export async function signIn(db: FieldbookDb, as: SignedIn): Promise<void> {
  await db.meta.bulkPut([
    { key: SYNC_META.account, value: account(as) },
    { key: META.session, value: { repId: as.userId } },
    { key: TEAM_KEY, value: team },
  ]);
}
