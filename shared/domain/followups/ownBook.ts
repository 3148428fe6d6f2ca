/**
 * Whose follow-ups a device keeps. A follow-up is the work of the client's owner: their devices
 * generate, close and remove the rule-made ones. A device signed in to a team also holds clients
 * it does not own (a manager pulls the whole team, a rep holds clients a colleague shares); were
 * its rules to run over those, a manager's laptop would write follow-ups on every rep's clients,
 * and its removals and closings of the reps' own follow-ups would be refused by the server (a
 * manager may not change a rep's rows) and pile up as refused changes, thousands of them the day
 * a new program is published.
 */
import type { FollowUpBook } from './types';

/** Owner id of what a device wrote before it was first signed in (device.ts Session). */
export const LOCAL_OWNER = 'local';

/** The clients `repId` keeps follow-ups for: their own, and those written here before sign-in. */
export function ownsClient(client: { ownerId: string }, repId: string): boolean {
  return repId === LOCAL_OWNER || client.ownerId === repId || client.ownerId === LOCAL_OWNER;
}

/**
 * The part of the book whose follow-ups `repId` keeps: the clients they own and every row hanging
 * off them. The whole book when the device is not signed in.
 */
export function ownFollowUpBook(book: FollowUpBook, repId: string): FollowUpBook {
  if (repId === LOCAL_OWNER) return book;
  const clients = book.clients.filter((c) => ownsClient(c, repId));
  const ids = new Set(clients.map((c) => c.id));
  const mine = <T extends { clientId: string }>(rows: readonly T[]) =>
    rows.filter((r) => ids.has(r.clientId));
  return {
    ...book,
    clients,
    people: mine(book.people),
    purchases: mine(book.purchases),
    visits: mine(book.visits),
    notes: mine(book.notes),
    contacts: mine(book.contacts),
    problems: mine(book.problems),
    retentionPlans: mine(book.retentionPlans),
    followUps: mine(book.followUps),
  };
}
