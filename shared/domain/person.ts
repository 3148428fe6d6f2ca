import { z } from 'zod';
import {
  SyncedRecordSchema,
  IdSchema,
  BirthdaySchema,
  ChannelSchema,
  ShortText,
  LongText,
} from './common';

/** How the person wants to be addressed: formal «вы», informal «ты», or not yet known. */
export const AddressFormSchema = z.enum(['formal', 'informal', 'unknown']);
export type AddressForm = z.infer<typeof AddressFormSchema>;

export const ChildSchema = z.object({
  name: z.string().trim().min(1).max(200),
  birthday: BirthdaySchema.nullable(),
});
export type Child = z.infer<typeof ChildSchema>;

export const ContactPersonSchema = SyncedRecordSchema.extend({
  clientId: IdSchema,
  name: z.string().trim().min(1, 'name_required').max(300),
  role: ShortText,
  birthday: BirthdaySchema.nullable(),
  children: z.array(ChildSchema).max(30),
  addressForm: AddressFormSchema,
  channels: z.array(ChannelSchema).max(30),
  interests: ShortText,
  personalNotes: LongText,
});
export type ContactPerson = z.infer<typeof ContactPersonSchema>;
