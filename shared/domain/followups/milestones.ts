import type { Purchase } from '../purchase';
import type { Visit } from '../visit';
import { addDays } from './days';
import type { ProgramRuleKind } from '../program';
import { shortTitle, type FollowUpTarget, type RuleContext, type TargetMode } from './types';
import { isLive } from '../common';
import { answeredBetween } from './contactFacts';

const MILESTONE_RULES = [
  ['delivery_check', 'delivery'],
  ['installation_check', 'installation'],
  ['training_check', 'training'],
  ['payment_check', 'payment'],
] as const;

/** A purchase named by what was bought, in any language: its first item and how many more. */
export function purchaseTitle(p: Pick<Purchase, 'items' | 'date'>): string {
  const first = p.items[0];
  if (!first) return p.date;
  const more = p.items.length > 1 ? ` +${p.items.length - 1}` : '';
  return shortTitle(first.name) + more;
}

/** Purchase rule keys: `<rule>:<purchaseId>`. */
function purchaseTarget(
  p: Purchase,
  kind: ProgramRuleKind,
  due: string,
  mode: TargetMode,
): FollowUpTarget {
  return {
    ruleKey: `${kind}:${p.id}`,
    kind,
    clientId: p.clientId,
    subjectId: p.id,
    title: purchaseTitle(p),
    due,
    mode,
  };
}

function windowMode(due: string, ctx: RuleContext): TargetMode {
  return due >= ctx.pastLimit && due <= ctx.aheadLimit ? 'create' : 'track';
}

/**
 * Delivery, installation, training and payment checks on their due dates (+N), the post-sale visit
 * and the satisfaction check N days after delivery was done (docs/domain.md §2, §4). Each settles
 * (closes) once its fact is recorded: the step's done date (on the card, in a post-sale visit, by
 * an import or a sync), a finished post-sale visit, a feedback call logged after the delivery.
 */
export function purchaseRules(
  purchases: readonly Purchase[],
  visits: readonly Visit[],
  ctx: RuleContext,
): void {
  const { rules } = ctx.program;
  const visitedPurchases = new Set<string>();
  for (const v of visits) {
    if (isLive(v) && v.kind === 'post_sale' && v.status === 'finished' && v.purchaseId)
      visitedPurchases.add(v.purchaseId);
  }
  for (const p of purchases) {
    if (p.deletedAt !== null || !ctx.clients.has(p.clientId)) continue;
    // Historical purchases want nothing new: their keys matter only if a follow-up already uses them.
    const known = ctx.known(p.id);
    for (const [kind, field] of MILESTONE_RULES) {
      const rule = rules[kind];
      const m = p[field];
      if (!rule.enabled) continue;
      if (m.done !== null) {
        if (known) ctx.emit(purchaseTarget(p, kind, m.due ?? m.done, 'settled'));
      } else if (m.due !== null) {
        const due = addDays(m.due, rule.days);
        const mode = windowMode(due, ctx);
        if (mode === 'create' || known) ctx.emit(purchaseTarget(p, kind, due, mode));
      }
    }
    const delivered = p.delivery.done;
    if (delivered === null) continue;
    if (rules.post_sale_visit.enabled) {
      const due = addDays(delivered, rules.post_sale_visit.days);
      const mode = visitedPurchases.has(p.id) ? 'settled' : windowMode(due, ctx);
      if (mode === 'create' || known) ctx.emit(purchaseTarget(p, 'post_sale_visit', due, mode));
    }
    if (rules.satisfaction_check.enabled) {
      const due = addDays(delivered, rules.satisfaction_check.days);
      // The client was asked (a feedback call logged once the goods were delivered).
      const asked = answeredBetween(
        ctx.contactsOf(p.clientId),
        'satisfaction_check',
        delivered,
        null,
      );
      const mode = asked ? 'settled' : windowMode(due, ctx);
      if (mode === 'create' || known) ctx.emit(purchaseTarget(p, 'satisfaction_check', due, mode));
    }
  }
}
