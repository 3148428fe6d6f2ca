import type { Answer, ChecklistItem, ChecklistTemplate } from './checklist';
import { isDay } from './followups/days';
import { chosen, type Answers } from './templates/answers';

/**
 * The logic of a checklist run: which items apply, what is missing, how far along it is. The
 * closing logic (readiness, method suggestions, outcome) and the post-sale loyalty level live
 * next to their templates and are re-exported here, so callers have one place to import from.
 */
export { chosen, type Answers } from './templates/answers';
export * from './templates/closingReadiness';
export * from './templates/loyalty';

/** Whether an item applies with these answers (items with `when` apply only under their condition). */
export function itemApplies(item: ChecklistItem, answers: Answers): boolean {
  if (!item.when) return true;
  const answer = answers[item.when.item];
  const values = typeof answer === 'boolean' ? [String(answer)] : chosen(answer);
  return values.some((v) => item.when?.anyOf.includes(v));
}

export interface ValidationContext {
  /**
   * The purchase's promised benefits: every one must be rated in a promise-vs-reality item.
   * Absent: the rows the run holds are what must be rated. A visit about no purchase (a prospect's)
   * or a purchase with no promises has nothing to rate, and that item never blocks finishing.
   */
  promisedBenefitIds?: readonly string[];
}

/** 'missing' when a required item has no usable answer; 'invalid' when the answer does not fit the item. */
function checkAnswer(
  item: ChecklistItem,
  answer: Answer | undefined,
  ctx: ValidationContext,
): 'ok' | 'empty' | 'invalid' {
  if (answer === undefined || answer === null) return 'empty';
  switch (item.type) {
    case 'check':
      if (typeof answer !== 'boolean') return 'invalid';
      // A required check is a confirmation (the mistakes guard): only a tick counts.
      return answer ? 'ok' : 'empty';
    case 'choice': {
      if (typeof answer !== 'string' && !Array.isArray(answer)) return 'invalid';
      const keys = chosen(answer);
      if (Array.isArray(answer) && keys.length !== answer.length) return 'invalid';
      if (keys.some((k) => !item.options.some((o) => o.key === k))) return 'invalid';
      if (!item.multiple && keys.length > 1) return 'invalid';
      return keys.length > 0 ? 'ok' : 'empty';
    }
    case 'scale':
      if (typeof answer !== 'number' || !Number.isInteger(answer)) return 'invalid';
      return answer >= item.min && answer <= item.max ? 'ok' : 'invalid';
    case 'short_text':
    case 'long_text':
      if (typeof answer !== 'string') return 'invalid';
      return answer.trim() ? 'ok' : 'empty';
    case 'date':
      if (typeof answer !== 'string') return 'invalid';
      if (answer === '') return 'empty';
      return isDay(answer) ? 'ok' : 'invalid';
    case 'promise_vs_reality': {
      if (!Array.isArray(answer) || answer.some((r) => typeof r !== 'object')) return 'invalid';
      const rows = answer as Exclude<Answer, string[] | string | number | boolean | null>;
      const rated = new Set(rows.filter((r) => r.reality !== null).map((r) => r.benefitId));
      const expected = ctx.promisedBenefitIds ?? rows.map((r) => r.benefitId);
      // Nothing promised, nothing to rate: such a visit must still be finishable.
      if (expected.length === 0) return 'ok';
      return expected.every((id) => rated.has(id)) ? 'ok' : 'empty';
    }
  }
}

interface StepValidation {
  step: string;
  missing: string[];
  invalid: string[];
}

export interface RunValidation {
  complete: boolean;
  /** Every step, in template order, with the keys of its required items still missing and of answers that do not fit. */
  steps: StepValidation[];
}

/** The items of a step that apply to the answers, each with how its answer stands. */
function applicableItems(
  step: ChecklistTemplate['steps'][number],
  answers: Answers,
  ctx: ValidationContext,
) {
  return step.items
    .filter((item) => itemApplies(item, answers))
    .map((item) => ({ item, state: checkAnswer(item, answers[item.key], ctx) }));
}

/** What still blocks finishing a run: missing required items (of the items that apply) and answers that do not fit. */
export function validateRun(
  template: Pick<ChecklistTemplate, 'steps'>,
  answers: Answers,
  ctx: ValidationContext = {},
): RunValidation {
  const steps = template.steps.map((step) => {
    const missing: string[] = [];
    const invalid: string[] = [];
    for (const { item, state } of applicableItems(step, answers, ctx)) {
      if (state === 'invalid') invalid.push(item.key);
      else if (state === 'empty' && item.required) missing.push(item.key);
    }
    return { step: step.key, missing, invalid };
  });
  return { complete: steps.every((s) => s.missing.length === 0 && s.invalid.length === 0), steps };
}

interface StepProgress {
  step: string;
  /** Applicable items with a fitting answer. */
  answered: number;
  applicable: number;
  requiredAnswered: number;
  required: number;
}

export interface RunProgress {
  /** 0..100: share of the required items that apply and are answered (100 when nothing is required). */
  percent: number;
  steps: StepProgress[];
}

export function runProgress(
  template: Pick<ChecklistTemplate, 'steps'>,
  answers: Answers,
  ctx: ValidationContext = {},
): RunProgress {
  let required = 0;
  let requiredAnswered = 0;
  const steps = template.steps.map((step) => {
    const p: StepProgress = {
      step: step.key,
      answered: 0,
      applicable: 0,
      requiredAnswered: 0,
      required: 0,
    };
    for (const { item, state } of applicableItems(step, answers, ctx)) {
      const ok = state === 'ok';
      p.applicable += 1;
      if (ok) p.answered += 1;
      if (item.required) {
        p.required += 1;
        if (ok) p.requiredAnswered += 1;
      }
    }
    required += p.required;
    requiredAnswered += p.requiredAnswered;
    return p;
  });
  return { percent: required === 0 ? 100 : Math.floor((requiredAnswered / required) * 100), steps };
}
