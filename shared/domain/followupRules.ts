import type { Client } from './client';
import type { Program } from './program';
import { addDays, isDay, type Day } from './followups/days';
import { birthdayRules } from './followups/birthdays';
import { lastContactDays, noContactRule } from './followups/contactGaps';
import { purchaseRules } from './followups/milestones';
import { problemRule, retentionRule } from './followups/problems';
import { createReconciler, indexExisting } from './followups/reconcile';
import type { FollowUpBook, FollowUpDiff, RuleContext } from './followups/types';
import { isLive } from './common';
import type { ContactLogEntry } from './contact';

export type { FollowUpBook, FollowUpDiff } from './followups/types';
export { applyFollowUpDiff, isEmptyDiff } from './followups/apply';
export { describeFollowUp } from './followups/describe';
export { BIRTHDAY_GRACE_DAYS } from './followups/birthdays';
export { CONTACT_ANSWERS } from './followups/contactFacts';

/**
 * The follow-ups the management program asks for, as a diff against the existing ones: what to
 * create, which open ones to move or retitle, which open ones to remove. Pure and idempotent:
 * applying the diff and generating again for the same day gives an empty diff.
 *
 * Every rule looks at one client at a time, so a book holding one client's records gives exactly
 * that client's part of the full diff: after a write, regenerate for that client only (and for
 * both clients when a record moved between them); run over the whole book once a day.
 */
export function generateFollowUps(book: FollowUpBook, program: Program, today: Day): FollowUpDiff {
  if (!isDay(today)) throw new RangeError(`today must be a calendar day, got ${today}`);
  const clients = new Map<string, Client>();
  for (const c of book.clients) if (isLive(c)) clients.set(c.id, c);

  const existing = indexExisting(book.followUps);
  const reconciler = createReconciler(existing, program, clients, today);
  const contactsByClient = new Map<string, ContactLogEntry[]>();
  for (const c of book.contacts) {
    if (!isLive(c)) continue;
    const list = contactsByClient.get(c.clientId);
    if (list) list.push(c);
    else contactsByClient.set(c.clientId, [c]);
  }
  const lastContact = lastContactDays(book.contacts, book.visits, book.notes);
  const ctx: RuleContext = {
    today,
    program,
    pastLimit: addDays(today, -program.horizon.pastDays),
    aheadLimit: addDays(today, program.horizon.aheadDays),
    clients,
    lastContact,
    contactsOf: (clientId) => contactsByClient.get(clientId) ?? [],
    birthdayYears: existing.birthdayYears,
    emit: reconciler.emit,
    known: (id) => existing.known.has(id),
  };
  purchaseRules(book.purchases, book.visits, ctx);
  birthdayRules(book.people, ctx);
  noContactRule(lastContact, ctx, book.cadence);
  problemRule(book.problems, ctx);
  retentionRule(book.retentionPlans, ctx);
  return reconciler.finish();
}
