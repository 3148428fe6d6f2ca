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

/** The visits a rep starts by hand (an `other` visit is only ever logged as a contact). */
export type StartableVisitKind = 'closing' | 'post_sale';

/**
 * The visits offered for a client, first the one to press: a client who has bought is offered
 * the post-sale visit first (the closing checklist stays available for a new sale); a client
 * with no purchase only the closing one.
 */
export function visitKindsOffered(hasPurchase: boolean): StartableVisitKind[] {
  return hasPurchase ? ['post_sale', 'closing'] : ['closing'];
}
