/**
 * Who may change a client's records on this device. The server lets a manager read the whole
 * team but write only their own rows (docs/sync-protocol.md §7): a manager's change to a rep's
 * client, its people, purchases, problems, plans, visits, notes or follow-ups is refused at the
 * next sync and sits in the refused list. So on a manager's device a rep's client is shown to
 * read, with nothing to change on it. A rep's device holds only their own clients and those
 * shared with them, which they may change; a device not signed in holds only its own book.
 */
import { ownsClient } from './followups/ownBook';

/** The signed-in account as far as this rule needs it; null on a device not signed in. */
export interface Viewer {
  userId: string;
  role: 'rep' | 'manager';
}

export type ClientAccess =
  | { kind: 'edit' }
  /** Read only: the client is `ownerId`'s, who makes the changes. */
  | { kind: 'view'; ownerId: string };

export function clientAccess(client: { ownerId: string }, viewer: Viewer | null): ClientAccess {
  if (viewer === null || viewer.role === 'rep' || ownsClient(client, viewer.userId))
    return { kind: 'edit' };
  return { kind: 'view', ownerId: client.ownerId };
}
