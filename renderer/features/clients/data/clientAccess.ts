/**
 * Whether this device may change a client's records, from the signed-in account (the rule is
 * shared/domain/clientAccess.ts), with the owner's name for a card shown read-only.
 */
import { clientAccess } from '../../../../shared/domain/clientAccess';
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

/** Undefined while the account is read. */
export function useClientAccess(
  client: { ownerId: string } | null | undefined,
): ClientAccessOnDevice | undefined {
  const team = useTeamOnDevice();
  if (team === undefined || !client) return undefined;
  const { account } = team;
  const access = clientAccess(
    client,
    account ? { userId: account.userId, role: account.role } : null,
  );
  if (access.kind === 'edit') return access;
  const member = team.team?.members.find((m) => m.id === access.ownerId);
  return {
    kind: 'view',
    ownerName: team.nameOf(access.ownerId),
    ownerIsRep: member?.role === 'rep',
  };
}
