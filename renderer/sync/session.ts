/**
 * Signing in and out as the local data sees it. After sign-in the book belongs to the signed-in
 * rep: records made before (owner `local`) are rewritten to the rep's id without outbox ops (the
 * server sets the owner anyway), in the same transaction that records the account.
 */
import { SYNCED_TABLES } from '../../shared/domain';
import type { FieldbookDb } from '../data/db';
import { META, type Session } from '../data/device';
import { DEFAULT_FLAGS, SYNC_META, type SyncAccount, type SyncFlags } from './state';
import type { SignedIn } from './transport';

export async function recordSignIn(
  db: FieldbookDb,
  signedIn: SignedIn,
  where: { serverUrl: string; deviceName: string },
  nowIso: string,
): Promise<SyncAccount> {
  const account: SyncAccount = {
    serverUrl: where.serverUrl,
    userId: signedIn.user.id,
    email: signedIn.user.email,
    name: signedIn.user.name,
    role: signedIn.user.role,
    teamName: signedIn.user.teamName,
    deviceName: where.deviceName,
    signedInAt: nowIso,
  };
  const scope = `${where.serverUrl} ${signedIn.user.id}`;
  await db.transaction('rw', [db.meta, ...SYNCED_TABLES.map((t) => db.table(t))], async () => {
    const stored = (await db.meta.get(SYNC_META.flags))?.value as Partial<SyncFlags> | undefined;
    const flags: SyncFlags = { ...DEFAULT_FLAGS, ...stored };
    if (flags.scope !== scope) {
      // Another server or another rep: its pull starts from the beginning, and the first push
      // restarts this device's sequence there (that server never saw our earlier ops).
      await db.meta.put({ key: SYNC_META.pull, value: { epoch: signedIn.epoch, cursor: null } });
      await db.meta.put({
        key: SYNC_META.flags,
        value: { ...flags, scope, resetSequence: true, repairEpoch: null },
      });
    }
    await db.meta.put({ key: SYNC_META.account, value: account });
    const session: Session = { repId: account.userId };
    await db.meta.put({ key: META.session, value: session });
    for (const table of SYNCED_TABLES) {
      await db
        .table(table)
        .filter((row: { ownerId?: string }) => row.ownerId === 'local')
        .modify({ ownerId: account.userId });
    }
  });
  return account;
}

/** The account is forgotten; the book, the outbox and the pull position stay for the next sign-in. */
export async function recordSignOut(db: FieldbookDb): Promise<void> {
  await db.meta.delete(SYNC_META.account);
}
