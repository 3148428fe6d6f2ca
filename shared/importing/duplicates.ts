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

function phoneKey(phone: string): string {
  const digits = normalizePhone(phone);
  return digits.length >= 10 ? digits.slice(-10) : digits;
}

function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Keys reduced to what is compared; compute once per row when looking in several places. */
export interface NormalizedKeys {
  name: string;
  phones: string[];
  emails: string[];
}

export function normalizeKeys(keys: DuplicateKeys): NormalizedKeys {
  return {
    name: clientNameKey(keys.name),
    // Short numbers (an office extension) say too little to call two clients the same.
    phones: keys.phones.map(phoneKey).filter((p) => p.length >= 7),
    emails: keys.emails.map(emailKey).filter((e) => e !== ''),
  };
}

export class DuplicateFinder<Id> {
  // One id per key is the rule and a bare value; a list only when a key is shared. Adding never
  // scans a list, so a switchboard number on thousands of rows does not go quadratic.
  private byName = new Map<string, Id | Id[]>();
  private byPhone = new Map<string, Id | Id[]>();
  private byEmail = new Map<string, Id | Id[]>();

  constructor(existing: Iterable<{ id: Id } & DuplicateKeys> = []) {
    for (const entry of existing) this.add(entry.id, entry);
  }

  add(id: Id, keys: DuplicateKeys): void {
    this.addNormalized(id, normalizeKeys(keys));
  }

  addNormalized(id: Id, keys: NormalizedKeys): void {
    this.put(this.byName, keys.name, id);
    for (const p of keys.phones) this.put(this.byPhone, p, id);
    for (const e of keys.emails) this.put(this.byEmail, e, id);
  }

  /** Clients matching the keys, the most reasons first, at most `limit` (a rep reads them). */
  find(keys: DuplicateKeys, limit = 20): DuplicateMatch<Id>[] {
    return this.findNormalized(normalizeKeys(keys), limit);
  }

  findNormalized(keys: NormalizedKeys, limit = 20): DuplicateMatch<Id>[] {
    // Most rows match nothing: look first, allocate only on a hit.
    const nameHit = keys.name === '' ? undefined : this.byName.get(keys.name);
    const phoneHits = keys.phones.map((p) => this.byPhone.get(p));
    const emailHits = keys.emails.map((e) => this.byEmail.get(e));
    if (
      nameHit === undefined &&
      phoneHits.every((h) => h === undefined) &&
      emailHits.every((h) => h === undefined)
    ) {
      return [];
    }
    const found = new Map<Id, Set<DuplicateReason>>();
    this.collect(found, nameHit, 'name', limit);
    for (const hit of phoneHits) this.collect(found, hit, 'phone', limit);
    for (const hit of emailHits) this.collect(found, hit, 'email', limit);
    return [...found]
      .map(([id, reasons]) => ({ id, reasons: [...reasons] }))
      .sort((a, b) => b.reasons.length - a.reasons.length)
      .slice(0, limit);
  }

  private put(map: Map<string, Id | Id[]>, key: string, id: Id): void {
    if (key === '') return;
    const ids = map.get(key);
    if (ids === undefined) map.set(key, id);
    else if (Array.isArray(ids)) ids.push(id);
    else if (ids !== id) map.set(key, [ids, id]);
  }

  private collect(
    found: Map<Id, Set<DuplicateReason>>,
    ids: Id | Id[] | undefined,
    reason: DuplicateReason,
    limit: number,
  ): void {
    if (ids === undefined) return;
    for (const id of Array.isArray(ids) ? ids.slice(0, limit) : [ids]) {
      found.set(id, (found.get(id) ?? new Set<DuplicateReason>()).add(reason));
    }
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
