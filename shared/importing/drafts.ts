import type { z } from 'zod';
import { ClientSchema, type ClientStatus } from '../domain/client';
import { ContactPersonSchema } from '../domain/person';

/**
 * What an import produces before anything is written: a client and its contact person without
 * ids, owners, clocks or sync bookkeeping, which the repository adds when it saves them.
 */
export const ClientDraftSchema = ClientSchema.pick({
  kind: true,
  name: true,
  status: true,
  tags: true,
  cadenceDays: true,
  address: true,
  notes: true,
  loyalty: true,
  churnReason: true,
  churnComment: true,
  referredBy: true,
});
export type ClientDraft = z.infer<typeof ClientDraftSchema>;

export const PersonDraftSchema = ContactPersonSchema.pick({
  name: true,
  role: true,
  birthday: true,
  children: true,
  addressForm: true,
  channels: true,
  interests: true,
  personalNotes: true,
});
export type PersonDraft = z.infer<typeof PersonDraftSchema>;

export function emptyClientDraft(status: ClientStatus = 'active'): ClientDraft {
  return {
    kind: 'company',
    name: '',
    status,
    tags: [],
    cadenceDays: null,
    address: '',
    notes: '',
    loyalty: 'unknown',
    churnReason: null,
    churnComment: '',
    referredBy: null,
  };
}

export function emptyPersonDraft(): PersonDraft {
  return {
    name: '',
    role: '',
    birthday: null,
    children: [],
    addressForm: 'unknown',
    channels: [],
    interests: '',
    personalNotes: '',
  };
}
