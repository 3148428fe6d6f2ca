import { z } from 'zod';
import type { Answer, ChecklistTemplate } from './checklist';
import { FOLLOW_UP_KINDS, type FollowUpKind } from './followup';

/**
 * The management program (docs/domain.md, who uses it): which follow-up rules every rep follows and
 * their N. Consistency comes from management setting it, so it travels as a template with purpose
 * 'program' (see templates/program.ts); this file is its shape, defaults and reading.
 */
/** Every follow-up kind but a custom one (the rep's own) is made by a program rule. */
export type ProgramRuleKind = Exclude<FollowUpKind, 'custom'>;
export const PROGRAM_RULE_KINDS = FOLLOW_UP_KINDS.filter(
  (kind): kind is ProgramRuleKind => kind !== 'custom',
);

/** What a rule's N counts; null for rules with no N (the client's cadence, the problem's own date). */
export type RuleDaysMeaning =
  'days_after_due' | 'days_after_delivery' | 'days_before_birthday' | null;

export interface ProgramRuleInfo {
  days: RuleDaysMeaning;
  defaultDays: number;
  min: number;
  max: number;
  defaultEnabled: boolean;
}

const onDue: ProgramRuleInfo = {
  days: 'days_after_due',
  defaultDays: 0,
  min: 0,
  max: 60,
  defaultEnabled: true,
};
const noDays: ProgramRuleInfo = {
  days: null,
  defaultDays: 0,
  min: 0,
  max: 0,
  defaultEnabled: true,
};

export const PROGRAM_RULES: Record<ProgramRuleKind, ProgramRuleInfo> = {
  delivery_check: onDue,
  installation_check: onDue,
  training_check: onDue,
  payment_check: onDue,
  post_sale_visit: {
    days: 'days_after_delivery',
    defaultDays: 7,
    min: 1,
    max: 180,
    defaultEnabled: true,
  },
  satisfaction_check: {
    days: 'days_after_delivery',
    defaultDays: 30,
    min: 1,
    max: 365,
    defaultEnabled: true,
  },
  birthday: { days: 'days_before_birthday', defaultDays: 3, min: 0, max: 30, defaultEnabled: true },
  no_contact: noDays,
  problem_due: noDays,
  retention_action: noDays,
};

export const RuleSettingSchema = z.object({
  enabled: z.boolean(),
  days: z.number().int().min(0).max(365),
});
type RuleSetting = z.infer<typeof RuleSettingSchema>;

export const HORIZON_LIMITS = {
  pastDays: { min: 0, max: 3650 },
  aheadDays: { min: 0, max: 366 },
} as const;

export const ProgramSchema = z.object({
  rules: z.object(
    Object.fromEntries(PROGRAM_RULE_KINDS.map((k) => [k, RuleSettingSchema])) as Record<
      ProgramRuleKind,
      typeof RuleSettingSchema
    >,
  ),
  horizon: z.object({
    /** Milestone follow-ups (delivery, payment…) more overdue than this are not created: an imported history must not bury the agenda. */
    pastDays: z.number().int().min(HORIZON_LIMITS.pastDays.min).max(HORIZON_LIMITS.pastDays.max),
    /** Follow-ups are created once they are due within this many days. */
    aheadDays: z.number().int().min(HORIZON_LIMITS.aheadDays.min).max(HORIZON_LIMITS.aheadDays.max),
  }),
});
export type Program = z.infer<typeof ProgramSchema>;

export const DEFAULT_PROGRAM: Program = {
  rules: Object.fromEntries(
    PROGRAM_RULE_KINDS.map((k) => [
      k,
      { enabled: PROGRAM_RULES[k].defaultEnabled, days: PROGRAM_RULES[k].defaultDays },
    ]),
  ) as Record<ProgramRuleKind, RuleSetting>,
  horizon: { pastDays: 60, aheadDays: 30 },
};

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/**
 * A program from anything that arrived (sync, an older app version): every missing or broken part
 * falls back to its default and every N is clamped into its range, so a bad setting never stops
 * follow-ups for everyone.
 */
export function parseProgram(input: unknown): Program {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as {
    rules?: Record<string, Partial<RuleSetting> | undefined>;
    horizon?: Partial<Program['horizon']>;
  };
  const rules = {} as Record<ProgramRuleKind, RuleSetting>;
  for (const kind of PROGRAM_RULE_KINDS) {
    const info = PROGRAM_RULES[kind];
    const given = raw.rules?.[kind];
    rules[kind] = {
      enabled: typeof given?.enabled === 'boolean' ? given.enabled : info.defaultEnabled,
      days: info.days === null ? 0 : clampInt(given?.days, info.min, info.max, info.defaultDays),
    };
  }
  const { pastDays, aheadDays } = HORIZON_LIMITS;
  return {
    rules,
    horizon: {
      pastDays: clampInt(
        raw.horizon?.pastDays,
        pastDays.min,
        pastDays.max,
        DEFAULT_PROGRAM.horizon.pastDays,
      ),
      aheadDays: clampInt(
        raw.horizon?.aheadDays,
        aheadDays.min,
        aheadDays.max,
        DEFAULT_PROGRAM.horizon.aheadDays,
      ),
    },
  };
}

/**
 * Item keys of a program template: one step per rule, plus the horizon step. Keys are unique in
 * the whole template (as in every template: a run's answers are one flat record).
 */
export const PROGRAM_ITEMS = {
  enabled: (kind: ProgramRuleKind) => `${kind}_enabled`,
  days: (kind: ProgramRuleKind) => `${kind}_days`,
  pastDays: 'past_days',
  aheadDays: 'ahead_days',
} as const;
export const HORIZON_STEP = 'horizon';

/** Reads a program template (purpose 'program'): each setting is its item's default value. */
export function programFromTemplate(
  template: Pick<ChecklistTemplate, 'purpose' | 'steps'>,
): Program {
  if (template.purpose !== 'program') return DEFAULT_PROGRAM;
  const valueOf = (stepKey: string, itemKey: string): Answer | undefined =>
    template.steps.find((s) => s.key === stepKey)?.items.find((i) => i.key === itemKey)?.default;
  const rules: Record<string, Partial<RuleSetting>> = {};
  for (const kind of PROGRAM_RULE_KINDS) {
    const enabled = valueOf(kind, PROGRAM_ITEMS.enabled(kind));
    const days = valueOf(kind, PROGRAM_ITEMS.days(kind));
    rules[kind] = {
      ...(typeof enabled === 'boolean' ? { enabled } : {}),
      ...(typeof days === 'number' ? { days } : {}),
    };
  }
  return parseProgram({
    rules,
    horizon: {
      pastDays: valueOf(HORIZON_STEP, PROGRAM_ITEMS.pastDays),
      aheadDays: valueOf(HORIZON_STEP, PROGRAM_ITEMS.aheadDays),
    },
  });
}

/**
 * The program in force: the highest published version of the program templates present (a
 * manager's synced one, else the built-in), read with defaults for anything missing.
 */
export function currentProgram(templates: readonly ChecklistTemplate[]): Program {
  let best: ChecklistTemplate | null = null;
  for (const t of templates) {
    if (t.purpose !== 'program' || t.deletedAt !== null || t.publishedAt === null) continue;
    // Same version twice (two keys): the later publication wins.
    if (
      !best ||
      t.version > best.version ||
      (t.version === best.version && t.publishedAt > (best.publishedAt ?? ''))
    )
      best = t;
  }
  return best ? programFromTemplate(best) : DEFAULT_PROGRAM;
}
