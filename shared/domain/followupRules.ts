import type { Client } from './client';
import type { Program } from './program';
import { addDays, isDay, type Day } from './followups/days';
import { BIRTHDAY_KEY_RE, birthdayRules } from './followups/birthdays';
import { lastContactDays, noContactRule } from './followups/contactGaps';
import { purchaseRules } from './followups/milestones';
import { problemRule, retentionRule } from './followups/problems';
import { reconcile } from './followups/reconcile';
import type { FollowUpBook, FollowUpDiff, FollowUpTarget, RuleContext } from './followups/types';

export type { FollowUpBook, FollowUpDiff, FollowUpDraft, FollowUpUpdate, FollowUpRemoval, FollowUpTarget, TargetMode } from './followups/types';
export { applyFollowUpDiff, isEmptyDiff } from './followups/apply';
export { describeFollowUp } from './followups/describe';
export { ruleOfKey } from './followups/reconcile';
export { BIRTHDAY_GRACE_DAYS } from './followups/birthdays';
export { NO_CONTACT_LEAD_DAYS } from './followups/contactGaps';

/** Every follow-up the program's rules want for this book on `today`, by ruleKey. */
export function followUpTargets(book: FollowUpBook, program: Program, today: Day): Map<string, FollowUpTarget> {
  if (!isDay(today)) throw new RangeError(`today must be a calendar day, got ${today}`);
  const clients = new Map<string, Client>();
  for (const c of book.clients) if (c.deletedAt === null) clients.set(c.id, c);

  const birthdayYears = new Map<string, Set<number>>();
  for (const f of book.followUps) {
    const m = f.deletedAt === null && f.ruleKey ? BIRTHDAY_KEY_RE.exec(f.ruleKey) : null;
    if (!m?.[1]) continue;
    const years = birthdayYears.get(m[1]) ?? new Set<number>();
    years.add(Number(m[2]));
    birthdayYears.set(m[1], years);
  }

  const targets = new Map<string, FollowUpTarget>();
  const ctx: RuleContext = {
    today,
    program,
    pastLimit: addDays(today, -program.horizon.pastDays),
    aheadLimit: addDays(today, program.horizon.aheadDays),
    clients,
    birthdayYears,
    emit: (t) => void targets.set(t.ruleKey, t),
  };
  purchaseRules(book.purchases, book.visits, ctx);
  birthdayRules(book.people, ctx);
  noContactRule(lastContactDays(book.contacts, book.visits, book.notes), ctx);
  problemRule(book.problems, ctx);
  retentionRule(book.retentionPlans, ctx);
  return targets;
}

/**
 * The follow-ups the management program asks for, as a diff against the existing ones: what to
 * create, which open ones to move or retitle, which open ones to remove. Pure and idempotent:
 * applying the diff and generating again for the same day gives an empty diff.
 */
export function generateFollowUps(book: FollowUpBook, program: Program, today: Day): FollowUpDiff {
  const targets = followUpTargets(book, program, today);
  const live = new Set<string>();
  for (const c of book.clients) if (c.deletedAt === null) live.add(c.id);
  return reconcile(targets, book.followUps, program, live);
}
