import { z } from 'zod';
import { SyncedRecordSchema, IdSchema, TimestampSchema, LongText } from './common';

/** The five kinds of post-sale contact (docs/domain.md §3) plus an honest, proactive notice. */
export const CONTACT_TYPES = [
  'customer_initiated',
  'seller_initiated',
  'marketing',
  'cooperation',
  'friendly',
  'proactive_notice',
] as const;
export const ContactTypeSchema = z.enum(CONTACT_TYPES);
export type ContactType = z.infer<typeof ContactTypeSchema>;

export const ContactChannelSchema = z.enum([
  'visit',
  'phone',
  'email',
  'messenger',
  'letter',
  'other',
]);

export const ContactLogEntrySchema = SyncedRecordSchema.extend({
  clientId: IdSchema,
  personId: IdSchema.nullable(),
  type: ContactTypeSchema,
  /** For customer-initiated contact: complaint or suggestion; for a notice: delay or price change. */
  subtype: z.enum(['complaint', 'suggestion', 'delay', 'price_change', 'none']),
  channel: ContactChannelSchema,
  at: TimestampSchema,
  summary: LongText,
});
export type ContactLogEntry = z.infer<typeof ContactLogEntrySchema>;
