import type { Client } from './client';
import type { Program } from './program';
import { addDays, isDay, type Day } from './followups/days';
import { BIRTHDAY_KEY_RE, birthdayRules } from './followups/birthdays';
import { lastContactDays, noContactRule } from './followups/contactGaps';
import { purchaseRules } from './followups/milestones';
import { problemRule, retentionRule } from './followups/problems';
import { createReconciler } from './followups/reconcile';
import type { FollowUpBook, FollowUpDiff, RuleContext } from './followups/types';

export type { FollowUpBook, FollowUpDiff, FollowUpDraft, FollowUpUpdate, FollowUpRemoval, FollowUpTarget, TargetMode } from './followups/types';
export { applyFollowUpDiff, isEmptyDiff } from './followups/apply';
export { describeFollowUp } from './followups/describe';
export { ruleOfKey } from './followups/reconcile';
export { BIRTHDAY_GRACE_DAYS } from './followups/birthdays';
export { NO_CONTACT_LEAD_DAYS } from './followups/contactGaps';

/**
 * The follow-ups the management program asks for, as a diff against the existing ones: what to
 * create, which open ones to move or retitle, which open ones to remove. Pure and idempotent:
 * applying the diff and generating again for the same day gives an empty diff.
 */
export function generateFollowUps(book: FollowUpBook, program: Program, today: Day): FollowUpDiff {
  if (!isDay(today)) throw new RangeError(`today must be a calendar day, got ${today}`);
  const clients = new Map<string, Client>();
  for (const c of book.clients) if (c.deletedAt === null) clients.set(c.id, c);

  const birthdayYears = new Map<string, Set<number>>();
  for (const f of book.followUps) {
    const m = f.deletedAt === null && f.ruleKey?.startsWith('birthday') ? BIRTHDAY_KEY_RE.exec(f.ruleKey) : null;
    if (!m?.[1]) continue;
    const years = birthdayYears.get(m[1]) ?? new Set<number>();
    years.add(Number(m[2]));
    birthdayYears.set(m[1], years);
  }

  const known = new Set<string>();
  for (const f of book.followUps) {
    if (f.deletedAt !== null || f.ruleKey === null) continue;
    known.add(f.clientId);
    if (f.subjectId !== null) known.add(f.subjectId);
  }

  const reconciler = createReconciler(book.followUps, program, new Set(clients.keys()));
  const ctx: RuleContext = {
    today,
    program,
    pastLimit: addDays(today, -program.horizon.pastDays),
    aheadLimit: addDays(today, program.horizon.aheadDays),
    clients,
    birthdayYears,
    emit: reconciler.emit,
    known: (id) => known.has(id),
  };
  purchaseRules(book.purchases, book.visits, ctx);
  birthdayRules(book.people, ctx);
  noContactRule(lastContactDays(book.contacts, book.visits, book.notes), ctx);
  problemRule(book.problems, ctx);
  retentionRule(book.retentionPlans, ctx);
  return reconciler.finish();
}
