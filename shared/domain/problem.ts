import { z } from 'zod';
import { SyncedRecordSchema, IdSchema, DaySchema, ShortText, LongText } from './common';

/** A problem is closed only when the client confirms it is fixed to their full satisfaction. */
export const PROBLEM_STATUSES = ['open', 'in_progress', 'fixed', 'confirmed'] as const;

export const ProblemSchema = SyncedRecordSchema.extend({
  clientId: IdSchema,
  visitId: IdSchema.nullable(),
  purchaseId: IdSchema.nullable(),
  description: LongText,
  owner: ShortText,
  due: DaySchema.nullable(),
  status: z.enum(PROBLEM_STATUSES),
  sellersFault: z.boolean(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const RetentionActionSchema = z.object({
  id: IdSchema,
  text: z.string().trim().min(1).max(500),
  responsible: ShortText,
  due: DaySchema.nullable(),
  done: z.boolean(),
});

export const RetentionPlanSchema = SyncedRecordSchema.extend({
  clientId: IdSchema,
  cause: LongText,
  actions: z.array(RetentionActionSchema).max(100),
  status: z.enum(['active', 'succeeded', 'failed']),
});
export type RetentionPlan = z.infer<typeof RetentionPlanSchema>;
