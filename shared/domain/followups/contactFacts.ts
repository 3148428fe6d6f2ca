import { CONTACT_TYPES, type ContactLogEntry, type ContactType } from '../contact';
import type { FollowUpKind } from '../followup';
import { dayOfValidTimestamp, type Day } from './days';

/**
 * The logged contacts that are exactly what a follow-up asked for, so logging one closes it
 * (docs/domain.md §3, §5): asking how satisfied the client is is a feedback call; a greeting is a
 * friendly touch; any contact ends a silence. The first kind is what the log form offers first.
 */
export const CONTACT_ANSWERS: Partial<Record<FollowUpKind, readonly ContactType[]>> = {
  satisfaction_check: ['seller_initiated'],
  birthday: ['friendly'],
  no_contact: ['seller_initiated', ...CONTACT_TYPES.filter((t) => t !== 'seller_initiated')],
};

/** Whether a logged contact answers a follow-up of this kind. */
function contactAnswers(kind: FollowUpKind, contact: Pick<ContactLogEntry, 'type'>): boolean {
  return CONTACT_ANSWERS[kind]?.includes(contact.type) ?? false;
}

/**
 * Whether the client has a logged contact answering `kind` on a day from `from` to `to` (both
 * included; `to` null: any later day), about `personId` when the contact names a person.
 */
export function answeredBetween(
  contacts: readonly ContactLogEntry[],
  kind: FollowUpKind,
  from: Day,
  to: Day | null,
  personId?: string,
): boolean {
  for (const c of contacts) {
    if (!contactAnswers(kind, c)) continue;
    if (personId !== undefined && c.personId !== null && c.personId !== personId) continue;
    const day = dayOfValidTimestamp(c.at);
    if (day !== null && day >= from && (to === null || day <= to)) return true;
  }
  return false;
}
