import { z } from 'zod';
import { SyncedRecordSchema, IdSchema, ShortText } from './common';

/** Text in both of the app's languages. */
export const LocalizedTextSchema = z.object({ ru: z.string().max(2000), en: z.string().max(2000) });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const PromiseRealitySchema = z.object({
  benefitId: IdSchema,
  reality: z.enum(['below', 'met', 'exceeded']).nullable(),
  comment: ShortText,
});

export const AnswerSchema = z.union([
  z.boolean(),
  z.number(),
  z.string().max(200_000),
  z.array(z.string().max(60)).max(50),
  z.array(PromiseRealitySchema).max(50),
  z.null(),
]);
export type Answer = z.infer<typeof AnswerSchema>;

const itemKey = z.string().regex(/^[a-z0-9_]{1,60}$/);

/**
 * An item that applies only when another item's answer is one of `anyOf` (a choice option key, or
 * 'true'/'false' for a check): shown, and required if `required`, only then.
 */
export const ItemConditionSchema = z.object({
  item: itemKey,
  anyOf: z.array(z.string().max(60)).min(1).max(50),
});

const itemBase = {
  key: itemKey,
  label: LocalizedTextSchema,
  help: LocalizedTextSchema.optional(),
  required: z.boolean(),
  /** Optional (added for the management program): the value a new run or an editor starts from. */
  default: AnswerSchema.optional(),
  /** Optional: the item applies only under this condition. */
  when: ItemConditionSchema.optional(),
};

export const ChecklistItemSchema = z.discriminatedUnion('type', [
  z.object({ ...itemBase, type: z.literal('check') }),
  z.object({
    ...itemBase,
    type: z.literal('choice'),
    multiple: z.boolean(),
    options: z
      .array(
        z.object({
          key: z.string().max(60),
          label: LocalizedTextSchema,
          help: LocalizedTextSchema.optional(),
        }),
      )
      .min(1)
      .max(50),
  }),
  z.object({ ...itemBase, type: z.literal('scale'), min: z.number().int(), max: z.number().int() }),
  z.object({ ...itemBase, type: z.literal('short_text') }),
  z.object({ ...itemBase, type: z.literal('long_text') }),
  z.object({ ...itemBase, type: z.literal('date') }),
  /** One row per promised benefit of the purchase: reality below / met / exceeded, with a comment. */
  z.object({ ...itemBase, type: z.literal('promise_vs_reality') }),
]);
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ChecklistStepSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]{1,60}$/),
  title: LocalizedTextSchema,
  help: LocalizedTextSchema.optional(),
  items: z.array(ChecklistItemSchema).max(100),
});

/** A template is immutable once published: a change is a new version under the same key. */
export const ChecklistTemplateSchema = SyncedRecordSchema.extend({
  key: z.string().regex(/^[a-z0-9_]{1,60}$/),
  version: z.number().int().positive(),
  purpose: z.enum(['closing', 'post_sale', 'contact_log', 'program']),
  title: LocalizedTextSchema,
  steps: z.array(ChecklistStepSchema).max(50),
  publishedAt: z.string().nullable(),
});
export type ChecklistTemplate = z.infer<typeof ChecklistTemplateSchema>;

/** A filled-in checklist; records the template version it used so old visits read correctly. */
export const ChecklistRunSchema = SyncedRecordSchema.extend({
  visitId: IdSchema,
  templateId: IdSchema,
  templateKey: z.string().max(60),
  templateVersion: z.number().int().positive(),
  answers: z.record(z.string(), AnswerSchema),
});
export type ChecklistRun = z.infer<typeof ChecklistRunSchema>;
