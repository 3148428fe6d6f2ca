import { z } from 'zod';
import { SyncedRecordSchema, IdSchema, DaySchema, ShortText, type SYSTEM_FIELDS } from './common';

export const FOLLOW_UP_KINDS = [
  'delivery_check',
  'installation_check',
  'training_check',
  'payment_check',
  'post_sale_visit',
  'satisfaction_check',
  'birthday',
  'no_contact',
  'problem_due',
  'retention_action',
  'custom',
] as const;
export const FollowUpKindSchema = z.enum(FOLLOW_UP_KINDS);
export type FollowUpKind = z.infer<typeof FollowUpKindSchema>;

export const FollowUpSchema = SyncedRecordSchema.extend({
  clientId: IdSchema,
  kind: FollowUpKindSchema,
  /**
   * What generated it (e.g. `delivery_check:<purchaseId>`): regeneration finds and updates the same
   * follow-up instead of adding a twin. Null for follow-ups a rep added by hand.
   */
  ruleKey: z.string().max(200).nullable(),
  due: DaySchema,
  status: z.enum(['open', 'done', 'snoozed', 'dismissed']),
  snoozedUntil: DaySchema.nullable(),
  doneAt: z.string().nullable(),
  title: ShortText,
  /** Record the follow-up is about (purchase, person, problem, plan), when there is one. */
  subjectId: IdSchema.nullable(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** A follow-up as a rep's edit makes it: every field but the bookkeeping ones (SYSTEM_FIELDS). */
export type FollowUpFields = Omit<FollowUp, (typeof SYSTEM_FIELDS)[number]>;

/**
 * A follow-up added by hand (or by a postponed visit), open on its day: not a rule's (no rule
 * key), not snoozed, not done, about nothing in particular unless `fields` says so.
 */
export function newFollowUp(
  fields: Pick<FollowUpFields, 'clientId' | 'due' | 'title'> & Partial<FollowUpFields>,
): FollowUpFields {
  return {
    kind: 'custom',
    ruleKey: null,
    status: 'open',
    snoozedUntil: null,
    doneAt: null,
    subjectId: null,
    deletedAt: null,
    ...fields,
  };
}
