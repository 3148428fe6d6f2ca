import { z } from 'zod';
import { SyncedRecordSchema, IdSchema, DaySchema, ShortText } from './common';

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
