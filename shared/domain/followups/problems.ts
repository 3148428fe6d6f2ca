import type { Problem, RetentionPlan } from '../problem';
import { shortTitle, type RuleContext } from './types';

/** Problem due dates while the problem is open or in progress; fixed or confirmed settles (closes) it. */
export function problemRule(problems: readonly Problem[], ctx: RuleContext): void {
  if (!ctx.program.rules.problem_due.enabled) return;
  for (const p of problems) {
    if (p.deletedAt !== null || p.due === null || !ctx.clients.has(p.clientId)) continue;
    const active = p.status === 'open' || p.status === 'in_progress';
    const mode = !active ? 'settled' : p.due <= ctx.aheadLimit ? 'create' : 'track';
    if (mode !== 'create' && !ctx.known(p.id)) continue;
    ctx.emit({
      ruleKey: `problem_due:${p.id}`,
      kind: 'problem_due',
      clientId: p.clientId,
      subjectId: p.id,
      title: shortTitle(p.description),
      due: p.due,
      // An open problem is never too old to chase, so no past limit here.
      mode,
    });
  }
}

/** Each dated action of an active retention plan (docs/domain.md §5: winning back). */
export function retentionRule(plans: readonly RetentionPlan[], ctx: RuleContext): void {
  if (!ctx.program.rules.retention_action.enabled) return;
  for (const plan of plans) {
    if (plan.deletedAt !== null || !ctx.clients.has(plan.clientId)) continue;
    for (const action of plan.actions) {
      if (action.due === null) continue;
      // A done action settles (closes) its follow-up; a plan that ended wants no more steps.
      if (plan.status !== 'active' && !action.done) continue;
      const mode = action.done ? 'settled' : action.due <= ctx.aheadLimit ? 'create' : 'track';
      if (mode !== 'create' && !ctx.known(plan.id)) continue;
      ctx.emit({
        ruleKey: `retention_action:${plan.id}:${action.id}`,
        kind: 'retention_action',
        clientId: plan.clientId,
        subjectId: plan.id,
        title: shortTitle(action.text),
        due: action.due,
        mode,
      });
    }
  }
}
