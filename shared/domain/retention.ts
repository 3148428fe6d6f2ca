/**
 * The retention plan's actions as the rep types them, turned into the plan's actions: a blank
 * action is dropped, texts are trimmed, an empty due date is no date. A due date that is not a
 * calendar day refuses the whole plan, so the rep fixes it before anything is saved.
 */
import type { RetentionPlan } from './problem';

export interface RetentionActionFormValues {
  id: string;
  text: string;
  responsible: string;
  due: string;
  done: boolean;
}

export type RetentionActions =
  { ok: true; actions: RetentionPlan['actions'] } | { ok: false; problem: 'date_invalid' };

export function retentionActionsFrom(
  typed: readonly RetentionActionFormValues[],
): RetentionActions {
  const kept = typed.filter((a) => a.text.trim() !== '');
  if (kept.some((a) => a.due !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(a.due))) {
    return { ok: false, problem: 'date_invalid' };
  }
  return {
    ok: true,
    actions: kept.map((a) => ({
      id: a.id,
      text: a.text.trim(),
      responsible: a.responsible.trim(),
      due: a.due === '' ? null : a.due,
      done: a.done,
    })),
  };
}

/** A plan is worth creating only once it says something: a cause or at least one action. */
export function retentionPlanHasContent(cause: string, actions: readonly unknown[]): boolean {
  return cause.trim() !== '' || actions.length > 0;
}
