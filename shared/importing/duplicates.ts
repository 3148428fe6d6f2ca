import { normalizePhone, tokenize } from '../search/normalize';
import { LEGAL_FORMS } from './values';

/**
 * Duplicate detection: does a row describe a client the rep already has (or one an earlier row
 * of the same file already described)? Matched by name with legal form and quotes ignored
 * («ООО "Ромашка"» = «Ромашка ООО»), by phone (the last ten digits) or by e-mail.
 */
export type DuplicateReason = 'name' | 'phone' | 'email';

export interface DuplicateKeys {
  name: string;
  phones: readonly string[];
  emails: readonly string[];
}

export interface DuplicateMatch<Id> {
  id: Id;
  reasons: DuplicateReason[];
}

/** A client name reduced to its distinctive words, in order. Empty when only a legal form. */
export function clientNameKey(name: string): string {
  return tokenize(name)
    .filter((w) => !LEGAL_FORMS.has(w))
    .join(' ');
}

export function phoneKey(phone: string): string {
  const digits = normalizePhone(phone);
  return digits.length >= 10 ? digits.slice(-10) : digits;
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export class DuplicateFinder<Id> {
  private byName = new Map<string, Id[]>();
  private byPhone = new Map<string, Id[]>();
  private byEmail = new Map<string, Id[]>();

  constructor(existing: Iterable<{ id: Id } & DuplicateKeys> = []) {
    for (const entry of existing) this.add(entry.id, entry);
  }

  add(id: Id, keys: DuplicateKeys): void {
    const put = (map: Map<string, Id[]>, key: string) => {
      if (key === '') return;
      const list = map.get(key) ?? [];
      if (!list.includes(id)) list.push(id);
      map.set(key, list);
    };
    put(this.byName, clientNameKey(keys.name));
    // Short numbers (an office extension) say too little to call two clients the same.
    for (const p of keys.phones) if (phoneKey(p).length >= 7) put(this.byPhone, phoneKey(p));
    for (const e of keys.emails) put(this.byEmail, emailKey(e));
  }

  /** Clients matching the keys, the most reasons first. */
  find(keys: DuplicateKeys): DuplicateMatch<Id>[] {
    const found = new Map<Id, Set<DuplicateReason>>();
    const note = (ids: Id[] | undefined, reason: DuplicateReason) => {
      for (const id of ids ?? []) found.set(id, (found.get(id) ?? new Set()).add(reason));
    };
    const name = clientNameKey(keys.name);
    if (name !== '') note(this.byName.get(name), 'name');
    for (const p of keys.phones)
      if (phoneKey(p).length >= 7) note(this.byPhone.get(phoneKey(p)), 'phone');
    for (const e of keys.emails) note(this.byEmail.get(emailKey(e)), 'email');
    return [...found]
      .map(([id, reasons]) => ({ id, reasons: [...reasons] }))
      .sort((a, b) => b.reasons.length - a.reasons.length);
  }
}

/** The keys of an import row's drafts. */
export function rowKeys(row: {
  client: { name: string };
  person: { channels: readonly { kind: string; value: string }[] } | null;
}): DuplicateKeys {
  const channels = row.person?.channels ?? [];
  return {
    name: row.client.name,
    phones: channels.filter((c) => c.kind === 'phone').map((c) => c.value),
    emails: channels.filter((c) => c.kind === 'email').map((c) => c.value),
  };
}
