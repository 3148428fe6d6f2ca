import { z } from 'zod';
import { IdSchema, HlcSchema, TimestampSchema } from './common';

/**
 * A value that lost a merge while both sides had changed the field since their common base. Kept
 * until the rep resolves it: nothing disappears silently. Local to the device (not synced).
 */
export const ConflictSchema = z.object({
  id: IdSchema,
  table: z.string().max(60),
  rowId: IdSchema,
  field: z.string().max(100),
  localValue: z.unknown(),
  remoteValue: z.unknown(),
  localStamp: HlcSchema.nullable(),
  remoteStamp: HlcSchema.nullable(),
  /** `refused`: the server refused the op (`code`); the server's copy is the way out. */
  kind: z.enum(['field', 'text_merge', 'edit_vs_delete', 'clock_quarantine', 'refused']),
  /** With `refused`: why (protocol OP_REJECT_CODES: forbidden, read_only, invalid_record, …). */
  code: z.string().max(40).optional(),
  createdAt: TimestampSchema,
  resolvedAt: TimestampSchema.nullable(),
  resolution: z.enum(['kept_mine', 'kept_theirs', 'edited']).nullable(),
});
export type Conflict = z.infer<typeof ConflictSchema>;
