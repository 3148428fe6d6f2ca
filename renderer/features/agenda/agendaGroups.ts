/** The agenda's shape: overdue, today and the next 7 days, each grouped by kind of follow-up. */
import { FOLLOW_UP_KINDS, type FollowUp, type FollowUpKind } from '../../../shared/domain';
import { addDays } from '../../../shared/domain/followups/days';
import { agendaDay } from '../../data/followUps';

export const AGENDA_DAYS_AHEAD = 7;

export interface AgendaEntry {
  followUp: FollowUp;
  /** The day it shows on: its due date, or the day it was snoozed to. */
  day: string;
  clientName: string;
}

export interface AgendaGroup {
  kind: FollowUpKind;
  entries: AgendaEntry[];
}

export type SectionKey = 'overdue' | 'today' | 'week';
export const SECTION_KEYS: readonly SectionKey[] = ['overdue', 'today', 'week'];

export type AgendaSections = Record<SectionKey, AgendaGroup[]>;

export function sectionOf(day: string, today: string): SectionKey | null {
  if (day < today) return 'overdue';
  if (day === today) return 'today';
  return day <= addDays(today, AGENDA_DAYS_AHEAD) ? 'week' : null;
}

export function groupAgenda(
  followUps: readonly FollowUp[],
  clientNames: ReadonlyMap<string, string>,
  today: string,
  collator: Intl.Collator = new Intl.Collator(),
): AgendaSections {
  const sections: AgendaSections = { overdue: [], today: [], week: [] };
  const buckets = new Map<string, AgendaEntry[]>();
  for (const f of followUps) {
    if (f.deletedAt !== null || (f.status !== 'open' && f.status !== 'snoozed')) continue;
    const day = agendaDay(f);
    const section = sectionOf(day, today);
    if (!section) continue;
    const key = `${section}:${f.kind}`;
    const entry = { followUp: f, day, clientName: clientNames.get(f.clientId) ?? '' };
    const bucket = buckets.get(key);
    if (bucket) bucket.push(entry);
    else buckets.set(key, [entry]);
  }
  for (const section of SECTION_KEYS) {
    for (const kind of FOLLOW_UP_KINDS) {
      const entries = buckets.get(`${section}:${kind}`);
      if (!entries) continue;
      entries.sort(
        (a, b) => a.day.localeCompare(b.day) || collator.compare(a.clientName, b.clientName),
      );
      sections[section].push({ kind, entries });
    }
  }
  return sections;
}

export function countEntries(groups: readonly AgendaGroup[]): number {
  return groups.reduce((n, g) => n + g.entries.length, 0);
}
