/** The agenda's shape: overdue, today and the next 7 days, each grouped by kind of follow-up. */
import type { ContactPerson, FollowUp, FollowUpKind } from '../../../shared/domain';
import { addDays } from '../../../shared/domain/followups/days';
import type { DayRange } from './data/followUps';

export const AGENDA_DAYS_AHEAD = 7;
/** A book of thousands of clients can have hundreds due in a week: a group shows this many at a time. */
export const AGENDA_PAGE = 12;

export interface AgendaEntry {
  followUp: FollowUp;
  /** The day it shows on: its due date, or the day it was snoozed to. */
  day: string;
  clientName: string;
  /** The person a greeting is about (whose birthday, or whose child's). */
  person?: ContactPerson;
}

export interface AgendaGroup {
  kind: FollowUpKind;
  /** Every follow-up in the group. */
  count: number;
  /** The first page of them, in the order they are shown. */
  entries: AgendaEntry[];
}

export type SectionKey = 'overdue' | 'today' | 'week';
export const SECTION_KEYS: readonly SectionKey[] = ['overdue', 'today', 'week'];

export type AgendaSections = Record<SectionKey, AgendaGroup[]>;

export function sectionRange(section: SectionKey, today: string): DayRange {
  if (section === 'overdue') return { from: null, to: addDays(today, -1) };
  if (section === 'today') return { from: today, to: today };
  return { from: addDays(today, 1), to: addDays(today, AGENDA_DAYS_AHEAD) };
}

/** Oldest day first; within a day, by client name in the rep's language. */
export function orderEntries(entries: AgendaEntry[], collator: Intl.Collator): AgendaEntry[] {
  return entries.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      collator.compare(a.clientName, b.clientName) ||
      a.followUp.id.localeCompare(b.followUp.id),
  );
}

export function countEntries(groups: readonly AgendaGroup[]): number {
  return groups.reduce((n, g) => n + g.count, 0);
}
