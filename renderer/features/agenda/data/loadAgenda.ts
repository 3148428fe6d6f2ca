/**
 * What the agenda reads: for the first screen, how many follow-ups each section and kind holds
 * (counted on the index) and only the first page of each group; "show more" reads a longer page of
 * one group. A page is the group's first follow-ups by day (then by id, the index's own order, so
 * pages follow on without reading a whole day); it is shown by day and then by client name.
 * Snoozed ones show on their snooze day, so they are sorted into place here.
 */
import {
  FOLLOW_UP_KINDS,
  type ContactPerson,
  type FollowUp,
  type FollowUpKind,
} from '../../../../shared/domain';
import type { FieldbookDb } from '../../../data/db';
import {
  agendaDay,
  countOpenByKind,
  inRange,
  openFollowUpsOfKind,
  snoozedFollowUps,
} from './followUps';
import {
  AGENDA_PAGE,
  SECTION_KEYS,
  orderEntries,
  sectionRange,
  type AgendaEntry,
  type AgendaGroup,
  type AgendaSections,
  type SectionKey,
} from '../agendaGroups';

async function clientNames(
  db: FieldbookDb,
  followUps: readonly FollowUp[],
): Promise<Map<string, string>> {
  const clients = await db.clients.bulkGet([...new Set(followUps.map((f) => f.clientId))]);
  return new Map(clients.filter((c) => c).map((c) => [c!.id, c!.name]));
}

/** The people greetings are about: whose birthday it is, and the day it falls on. */
async function celebrants(
  db: FieldbookDb,
  followUps: readonly FollowUp[],
): Promise<Map<string, ContactPerson>> {
  const ids = new Set<string>();
  for (const f of followUps) if (f.kind === 'birthday' && f.subjectId) ids.add(f.subjectId);
  if (ids.size === 0) return new Map();
  const people = await db.people.bulkGet([...ids]);
  return new Map(people.filter((p) => p).map((p) => [p!.id, p!]));
}

/** A page as shown: by day, then by client name in the rep's language. */
function shown(
  page: readonly FollowUp[],
  names: ReadonlyMap<string, string>,
  people: ReadonlyMap<string, ContactPerson>,
  collator: Intl.Collator,
): AgendaEntry[] {
  return orderEntries(
    page.map((f) => {
      const person = f.kind === 'birthday' && f.subjectId ? people.get(f.subjectId) : undefined;
      return {
        followUp: f,
        day: agendaDay(f),
        clientName: names.get(f.clientId) ?? '',
        ...(person ? { person } : {}),
      };
    }),
    collator,
  );
}

/** The group's first `limit`: its open candidates (already its first by day) and snoozed ones. */
function firstOf(candidates: FollowUp[], limit: number): FollowUp[] {
  const keyed = candidates.map((f) => ({ f, day: agendaDay(f) }));
  keyed.sort((a, b) => a.day.localeCompare(b.day) || a.f.id.localeCompare(b.f.id));
  return keyed.slice(0, limit).map((k) => k.f);
}

export async function loadAgenda(
  db: FieldbookDb,
  today: string,
  locale: string,
): Promise<AgendaSections> {
  return db.transaction('r', [db.followUps, db.clients, db.people], async () => {
    const ranges = SECTION_KEYS.map((section) => sectionRange(section, today));
    const [openCounts, snoozed] = await Promise.all([
      countOpenByKind(db, ranges),
      snoozedFollowUps(db),
    ]);
    const wanted = SECTION_KEYS.flatMap((section, i) =>
      FOLLOW_UP_KINDS.map((kind) => {
        const held = snoozed.filter((f) => f.kind === kind && inRange(agendaDay(f), ranges[i]!));
        return { section, kind, open: openCounts[i]!.get(kind)!, held, range: ranges[i]! };
      }).filter((g) => g.open + g.held.length > 0),
    );
    const pages = await Promise.all(
      wanted.map(async (g) =>
        firstOf(
          [
            ...(g.open > 0 ? await openFollowUpsOfKind(db, g.kind, g.range, AGENDA_PAGE) : []),
            ...g.held,
          ],
          AGENDA_PAGE,
        ),
      ),
    );
    const names = await clientNames(db, pages.flat());
    const people = await celebrants(db, pages.flat());
    const collator = new Intl.Collator(locale);
    const sections: AgendaSections = { overdue: [], today: [], week: [] };
    wanted.forEach((g, i) => {
      const group: AgendaGroup = {
        kind: g.kind,
        count: g.open + g.held.length,
        entries: shown(pages[i]!, names, people, collator),
      };
      sections[g.section].push(group);
    });
    return sections;
  });
}

/** The first `limit` follow-ups of one group: what "show more" reads. */
export async function loadAgendaGroup(
  db: FieldbookDb,
  section: SectionKey,
  kind: FollowUpKind,
  today: string,
  limit: number,
  locale: string,
): Promise<AgendaEntry[]> {
  return db.transaction('r', [db.followUps, db.clients, db.people], async () => {
    const range = sectionRange(section, today);
    const [open, snoozed] = await Promise.all([
      openFollowUpsOfKind(db, kind, range, limit),
      snoozedFollowUps(db),
    ]);
    const page = firstOf(
      [...open, ...snoozed.filter((f) => f.kind === kind && inRange(agendaDay(f), range))],
      limit,
    );
    return shown(
      page,
      await clientNames(db, page),
      await celebrants(db, page),
      new Intl.Collator(locale),
    );
  });
}
