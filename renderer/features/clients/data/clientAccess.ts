/**
 * Whether this device may change a client's records, from the signed-in account (the rule is
 * shared/domain/clientAccess.ts), with the owner's name for a client shown read-only.
 */
import { clientAccess, type Viewer } from '../../../../shared/domain/clientAccess';
import { useTeamOnDevice } from '../../sync';

export type ClientAccessOnDevice =
  | { kind: 'edit' }
  | {
      kind: 'view';
      /** The owner's name from the team list; null when the device does not know them yet. */
      ownerName: string | null;
      /** The owner is a rep (else another manager, or someone the list does not hold). */
      ownerIsRep: boolean;
    };

export type ClientAccessRule = (client: { ownerId: string }) => ClientAccessOnDevice;

/** The signed-in account as the rule reads it (null: not signed in); undefined while it is read. */
export function useViewer(): Viewer | null | undefined {
  const team = useTeamOnDevice();
  if (team === undefined) return undefined;
  const { account } = team;
  return account ? { userId: account.userId, role: account.role } : null;
}

/** The rule for this device's account, for a list of clients; undefined while it is read. */
export function useClientAccessRule(): ClientAccessRule | undefined {
  const team = useTeamOnDevice();
  if (team === undefined) return undefined;
  const { account } = team;
  const viewer = account ? { userId: account.userId, role: account.role } : null;
  return (client) => {
    const access = clientAccess(client, viewer);
    if (access.kind === 'edit') return access;
    const member = team.team?.members.find((m) => m.id === access.ownerId);
    return {
      kind: 'view',
      ownerName: team.nameOf(access.ownerId),
      ownerIsRep: member?.role === 'rep',
    };
  };
}

/** One client's access; undefined while the account is read. */
export function useClientAccess(
  client: { ownerId: string } | null | undefined,
): ClientAccessOnDevice | undefined {
  const rule = useClientAccessRule();
  return rule && client ? rule(client) : undefined;
}
