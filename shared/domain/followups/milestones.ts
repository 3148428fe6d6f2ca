import type { Purchase } from '../purchase';
import type { Visit } from '../visit';
import { addDays } from './days';
import { shortTitle, type RuleContext, type TargetMode } from './types';

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

function windowMode(due: string, ctx: RuleContext): TargetMode {
  return due >= ctx.pastLimit && due <= ctx.aheadLimit ? 'create' : 'track';
}

/**
 * Delivery, installation, training and payment checks on their due dates (+N), the post-sale visit
 * and the satisfaction check N days after delivery was done (DOMAIN.md §2, §4).
 */
export function purchaseRules(purchases: readonly Purchase[], visits: readonly Visit[], ctx: RuleContext): void {
  const { rules } = ctx.program;
  const visitedPurchases = new Set<string>();
  for (const v of visits) {
    if (v.deletedAt === null && v.kind === 'post_sale' && v.status === 'finished' && v.purchaseId) visitedPurchases.add(v.purchaseId);
  }
  for (const p of purchases) {
    if (p.deletedAt !== null || !ctx.clients.has(p.clientId)) continue;
    const title = purchaseTitle(p);
    const base = { clientId: p.clientId, subjectId: p.id, title };
    for (const [kind, field] of MILESTONE_RULES) {
      const rule = rules[kind];
      const m = p[field];
      if (!rule.enabled) continue;
      const ruleKey = `${kind}:${p.id}`;
      if (m.done !== null) {
        ctx.emit({ ...base, ruleKey, kind, due: m.due ?? m.done, mode: 'settled' });
      } else if (m.due !== null) {
        const due = addDays(m.due, rule.days);
        ctx.emit({ ...base, ruleKey, kind, due, mode: windowMode(due, ctx) });
      }
    }
    const delivered = p.delivery.done;
    if (delivered === null) continue;
    if (rules.post_sale_visit.enabled) {
      const due = addDays(delivered, rules.post_sale_visit.days);
      const mode = visitedPurchases.has(p.id) ? 'settled' : windowMode(due, ctx);
      ctx.emit({ ...base, ruleKey: `post_sale_visit:${p.id}`, kind: 'post_sale_visit', due, mode });
    }
    if (rules.satisfaction_check.enabled) {
      const due = addDays(delivered, rules.satisfaction_check.days);
      ctx.emit({ ...base, ruleKey: `satisfaction_check:${p.id}`, kind: 'satisfaction_check', due, mode: windowMode(due, ctx) });
    }
  }
}
