import { z } from 'zod';
import {
  SyncedRecordSchema,
  IdSchema,
  DaySchema,
  TimestampSchema,
  ShortText,
  LongText,
} from './common';

export const VisitKindSchema = z.enum(['closing', 'post_sale', 'other']);

export const VisitOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('won'), purchaseId: IdSchema.nullable() }),
  z.object({ result: z.literal('postponed'), nextStep: ShortText, nextDate: DaySchema.nullable() }),
  z.object({ result: z.literal('lost'), reason: ShortText }),
  z.object({ result: z.literal('done') }),
]);
export type VisitOutcome = z.infer<typeof VisitOutcomeSchema>;

export const VisitSchema = SyncedRecordSchema.extend({
  clientId: IdSchema,
  kind: VisitKindSchema,
  status: z.enum(['draft', 'finished']),
  startedAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
  purchaseId: IdSchema.nullable(),
  outcome: VisitOutcomeSchema.nullable(),
  /** Where the rep was when the visit was left: resumed exactly there. */
  currentStep: z.string().max(100).nullable(),
  notes: LongText,
});
export type Visit = z.infer<typeof VisitSchema>;

export const NoteSchema = SyncedRecordSchema.extend({
  clientId: IdSchema,
  visitId: IdSchema.nullable(),
  text: LongText,
});
export type Note = z.infer<typeof NoteSchema>;
