/**
 * What a rep writes during a visit besides the checklist answers: problems found, referrals given
 * and, for a win, what was sold. They become records (problems, prospect clients, a purchase) only
 * when the visit is finished, all in one transaction; until then they travel inside the run's
 * answers under keys no template item can have (item keys cannot contain ':'), so they autosave,
 * resume and sync exactly like the answers do.
 */
import { z } from 'zod';
import type { Answer } from '../../../../shared/domain';
import { DaySchema, PROBLEM_STATUSES } from '../../../../shared/domain';

export const EXTRA_KEYS = {
  problems: 'visit:problems',
  referrals: 'visit:referrals',
  sale: 'visit:sale',
} as const;

export const ProblemDraftSchema = z.object({
  id: z.string().min(1).max(60),
  description: z.string().max(5000),
  owner: z.string().max(500),
  due: DaySchema.nullable(),
  status: z.enum(PROBLEM_STATUSES),
  sellersFault: z.boolean(),
});
export type ProblemDraft = z.infer<typeof ProblemDraftSchema>;

export const ReferralDraftSchema = z.object({
  id: z.string().min(1).max(60),
  name: z.string().max(300),
  contactPerson: z.string().max(300),
  phone: z.string().max(200),
  note: z.string().max(500),
});
export type ReferralDraft = z.infer<typeof ReferralDraftSchema>;

/** What was sold, for the purchase a won closing creates; all optional. */
export const SaleDraftSchema = z.object({
  item: z.string().max(300),
  amount: z.string().max(30),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export type SaleDraft = z.infer<typeof SaleDraftSchema>;

function readJson<T>(answer: Answer | undefined, schema: z.ZodType<T>, fallback: T): T {
  if (typeof answer !== 'string' || answer === '') return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(answer));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

type Answers = Readonly<Record<string, Answer | undefined>>;

export function readProblemDrafts(answers: Answers): ProblemDraft[] {
  return readJson(answers[EXTRA_KEYS.problems], z.array(ProblemDraftSchema), []);
}

export function readReferralDrafts(answers: Answers): ReferralDraft[] {
  return readJson(answers[EXTRA_KEYS.referrals], z.array(ReferralDraftSchema), []);
}

export function readSaleDraft(answers: Answers, currency = 'RUB'): SaleDraft {
  return readJson(answers[EXTRA_KEYS.sale], SaleDraftSchema, { item: '', amount: '', currency });
}

export function writeExtra(
  answers: Readonly<Record<string, Answer>>,
  key: (typeof EXTRA_KEYS)[keyof typeof EXTRA_KEYS],
  value: unknown,
): Record<string, Answer> {
  return { ...answers, [key]: JSON.stringify(value) };
}

/** Problems worth recording: a description or an owner was written. */
export function filledProblems(drafts: readonly ProblemDraft[]): ProblemDraft[] {
  return drafts.filter((p) => p.description.trim() !== '');
}

/** Referrals worth a client card: a name was written. */
export function filledReferrals(drafts: readonly ReferralDraft[]): ReferralDraft[] {
  return drafts.filter((r) => r.name.trim() !== '');
}

/** The amount as a number: spaces and a decimal comma allowed ("120 000,50"); null when unreadable. */
export function parseAmount(text: string): number | null {
  const clean = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (clean === '') return null;
  const n = Number(clean);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
