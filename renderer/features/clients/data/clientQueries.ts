/**
 * The client list as the rep asked for it: filters, then search ranking or the chosen sort. Pure
 * functions over the read model's summaries, so 50k clients filter and sort in memory.
 */
import { clientSortKey } from '../../../../shared/domain/clientName';
import type { SearchHit } from '../../../../shared/search';
import type { Day } from '../../../../shared/domain/followups/days';
import type { AttentionFilter, ClientListFilters, ClientSort } from '../../../store/clientList';
import { upcomingBirthdays, type ClientSummary } from './clientSummary';

export interface ListQuery {
  filters: ClientListFilters;
  sort: ClientSort;
  today: Day;
  locale: string;
  /** Ranked ids and hits when the rep searched; the ranking then replaces the sort. */
  search?: { ranked: readonly string[]; hits: ReadonlyMap<string, SearchHit> } | null;
  /** Health score per client (lower is worse), for the health sort. */
  healthScore?: (summary: ClientSummary) => number;
}

export const BIRTHDAY_WINDOW_DAYS = 7;

export function needsAttention(s: ClientSummary, filter: AttentionFilter, today: Day): boolean {
  switch (filter) {
    case 'noContactBeyondCadence':
      return s.contactDue !== null && s.contactDue < today;
    case 'followUpOverdue':
      return s.nextFollowUp !== null && s.nextFollowUp < today;
    case 'birthdaySoon':
      return upcomingBirthdays(s.people, today, BIRTHDAY_WINDOW_DAYS).length > 0;
    case 'openProblem':
      return s.openProblems > 0;
  }
}

export function matchesFilters(s: ClientSummary, f: ClientListFilters, today: Day): boolean {
  if (f.statuses.length > 0 && !f.statuses.includes(s.client.status)) return false;
  if (f.tags.length > 0 && !f.tags.some((t) => s.client.tags.includes(t))) return false;
  if (f.owners.length > 0 && !f.owners.includes(s.client.ownerId)) return false;
  return f.attention.every((a) => needsAttention(s, a, today));
}

/** Nulls last whatever the direction, so "never" never hides the clients that have a date. */
function byDay(a: Day | null, b: Day | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Summaries by id, once per list: the read model hands out the same array until it changes. */
const summariesById = new WeakMap<readonly ClientSummary[], Map<string, ClientSummary>>();

function byIdOf(all: readonly ClientSummary[]): Map<string, ClientSummary> {
  let map = summariesById.get(all);
  if (!map) {
    map = new Map(all.map((s) => [s.client.id, s]));
    summariesById.set(all, map);
  }
  return map;
}

export function selectClients(all: readonly ClientSummary[], q: ListQuery): ClientSummary[] {
  if (q.search) {
    // Per keystroke: the ranking is the order, so no sort and no lookup table built anew.
    const byId = byIdOf(all);
    return q.search.ranked
      .map((id) => byId.get(id))
      .filter((s): s is ClientSummary => s !== undefined && matchesFilters(s, q.filters, q.today));
  }
  const collator = new Intl.Collator(q.locale, { sensitivity: 'base', numeric: true });
  const keys = new Map<string, string>();
  const keyOf = (s: ClientSummary) => {
    let key = keys.get(s.client.id);
    if (key === undefined) keys.set(s.client.id, (key = clientSortKey(s.client.name)));
    return key;
  };
  const byName = (a: ClientSummary, b: ClientSummary) =>
    collator.compare(keyOf(a), keyOf(b)) || collator.compare(a.client.name, b.client.name);
  const rows = all.filter((s) => matchesFilters(s, q.filters, q.today));
  switch (q.sort) {
    case 'name':
      return rows.sort(byName);
    case 'lastContact':
      // Longest silence first: a client never contacted comes before one seen last year.
      return rows.sort((a, b) => {
        if (a.lastContact === b.lastContact) return byName(a, b);
        if (a.lastContact === null) return -1;
        if (b.lastContact === null) return 1;
        return a.lastContact < b.lastContact ? -1 : 1;
      });
    case 'nextFollowUp':
      return rows.sort((a, b) => byDay(a.nextFollowUp, b.nextFollowUp) || byName(a, b));
    case 'health': {
      const score = q.healthScore;
      if (!score) return rows.sort(byName);
      const scores = new Map(rows.map((s) => [s.client.id, score(s)]));
      // Weakest first: the clients that need the rep most.
      return rows.sort(
        (a, b) => scores.get(a.client.id)! - scores.get(b.client.id)! || byName(a, b),
      );
    }
  }
}

/** Every tag and owner in the book, for the filter choices. */
export function facetsOf(all: readonly ClientSummary[], locale: string) {
  const tags = new Set<string>();
  const owners = new Set<string>();
  for (const s of all) {
    for (const t of s.client.tags) tags.add(t);
    owners.add(s.client.ownerId);
  }
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return {
    tags: [...tags].sort(collator.compare),
    owners: [...owners].sort(collator.compare),
  };
}

/** Today as a calendar day in the device's zone (the rep's day, not UTC's). */
export function localToday(now: Date = new Date()): Day {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
