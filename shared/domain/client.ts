import { z } from 'zod';
import { SyncedRecordSchema, ShortText, LongText, IdSchema } from './common';

export const CLIENT_STATUSES = ['prospect', 'active', 'at_risk', 'lost', 'won_back'] as const;
export const ClientStatusSchema = z.enum(CLIENT_STATUSES);
export type ClientStatus = z.infer<typeof ClientStatusSchema>;

export const LOYALTY_LEVELS = ['unknown', 'low', 'medium', 'high'] as const;

/** The six reasons clients leave (docs/domain.md §5) plus "other". */
export const CHURN_REASONS = [
  'inconvenient_conditions',
  'not_listened',
  'deception',
  'no_personal_relationship',
  'company_lags_market',
  'low_rep_activity',
  'other',
] as const;

export const ClientSchema = SyncedRecordSchema.extend({
  kind: z.enum(['company', 'person']),
  name: z.string().trim().min(1, 'name_required').max(300),
  status: ClientStatusSchema,
  tags: z.array(z.string().trim().min(1).max(60)).max(50),
  /** Days without contact before the client needs attention; null: the defaults (cadence.ts). */
  cadenceDays: z.number().int().min(1).max(3650).nullable(),
  address: ShortText,
  notes: LongText,
  loyalty: z.enum(LOYALTY_LEVELS),
  churnReason: z.enum(CHURN_REASONS).nullable(),
  churnComment: ShortText,
  referredBy: IdSchema.nullable(),
});
export type Client = z.infer<typeof ClientSchema>;
