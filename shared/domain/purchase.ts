import { z } from 'zod';
import {
  SyncedRecordSchema,
  IdSchema,
  DaySchema,
  MoneySchema,
  ShortText,
  type SYSTEM_FIELDS,
} from './common';

export const PurchaseItemSchema = z.object({
  name: z.string().trim().min(1).max(300),
  quantity: z.number().positive().finite(),
  unitPrice: z.number().nonnegative().finite().nullable(),
});

/** A promise that drove the decision; checked against reality in the post-sale visit. */
export const PromisedBenefitSchema = z.object({
  id: IdSchema,
  text: z.string().trim().min(1).max(500),
});

/** A follow-through step with a due date and the day it was actually done. */
export const MilestoneSchema = z.object({
  due: DaySchema.nullable(),
  done: DaySchema.nullable(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const CROSS_SELL_KINDS = [
  'consumables',
  'spare_parts',
  'service_contract',
  'training',
] as const;

export const PurchaseSchema = SyncedRecordSchema.extend({
  clientId: IdSchema,
  date: DaySchema,
  items: z.array(PurchaseItemSchema).max(500),
  total: MoneySchema,
  promisedBenefits: z.array(PromisedBenefitSchema).max(50),
  delivery: MilestoneSchema,
  installation: MilestoneSchema,
  training: MilestoneSchema,
  payment: MilestoneSchema,
  warrantyEnd: DaySchema.nullable(),
  serviceContract: z.object({ active: z.boolean(), until: DaySchema.nullable(), note: ShortText }),
  crossSell: z.array(z.enum(CROSS_SELL_KINDS)).max(CROSS_SELL_KINDS.length),
});
export type Purchase = z.infer<typeof PurchaseSchema>;

/** A purchase as a rep's edit makes it: every field but the bookkeeping ones (SYSTEM_FIELDS). */
export type PurchaseFields = Omit<Purchase, (typeof SYSTEM_FIELDS)[number]>;

const NOT_YET: Milestone = { due: null, done: null };

/**
 * A new purchase of a client on a day, with nothing known yet beyond what `fields` says: no items,
 * nothing promised, no milestone due or done, no warranty, no service contract, no cross-sell.
 */
export function newPurchase(
  fields: Pick<PurchaseFields, 'clientId' | 'date'> & Partial<PurchaseFields>,
): PurchaseFields {
  return {
    items: [],
    total: { amount: 0, currency: 'RUB' },
    promisedBenefits: [],
    delivery: NOT_YET,
    installation: NOT_YET,
    training: NOT_YET,
    payment: NOT_YET,
    warrantyEnd: null,
    serviceContract: { active: false, until: null, note: '' },
    crossSell: [],
    deletedAt: null,
    ...fields,
  };
}
