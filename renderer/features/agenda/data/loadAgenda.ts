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
  agendaOwner,
  inRange,
  openFollowUpsOfKind,
  openOfKind,
  snoozedFollowUps,
  trashedIn,
  trashedOpen,
  type DayRange,
  type TrashedOpen,
} from './followUps';
import { FOLLOW_UP_TALLY, tallied, tallyRows } from '../../../data/followUpTally';
import { hasKeptStore, keptTable } from '../../../data/keptStore';
import {
  AGENDA_PAGE,
  SECTION_KEYS,
  orderEntries,
  sectionRange,
  type AgendaEntry,
  type AgendaSections,
  type SectionKey,
} from '../agendaGroups';

async function clientNames(
  db: FieldbookDb,
  followUps: readonly FollowUp[],
): Promise<Map<string, string>> {
  if (followUps.length === 0) return new Map();
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

/** What the agenda reads: the follow-ups (and their tally, where the schema keeps one), names, people. */
function agendaTables(db: FieldbookDb) {
  return [
    db.followUps,
    db.meta,
    db.clients,
    db.people,
    ...(hasKeptStore(db, FOLLOW_UP_TALLY) ? [keptTable(db, FOLLOW_UP_TALLY)] : []),
  ];
}

/**
 * Live open follow-ups in each group: summed from the tally where the schema keeps one, else
 * counted on `[status+kind+due]` (the bulk of the time on a big book: every key's record is read)
 * less the trashed ones.
 */
async function openCounts(
  db: FieldbookDb,
  groups: readonly { kind: FollowUpKind; range: DayRange }[],
  trashed: Promise<TrashedOpen[]>,
  owner: string | null,
): Promise<number[]> {
  if (hasKeptStore(db, FOLLOW_UP_TALLY)) {
    const rows = await tallyRows(db, owner);
    return groups.map((g) => tallied(rows, g.kind, g.range));
  }
  const [all, dead] = await Promise.all([
    Promise.all(groups.map((g) => openOfKind(db, g.kind, g.range, owner).count())),
    trashed,
  ]);
  return groups.map((g, i) => all[i]! - trashedIn(dead, g.kind, g.range));
}

export async function loadAgenda(
  db: FieldbookDb,
  today: string,
  locale: string,
): Promise<AgendaSections> {
  return db.transaction('r', agendaTables(db), async () => {
    const groups = SECTION_KEYS.flatMap((section) => {
      const range = sectionRange(section, today);
      return FOLLOW_UP_KINDS.map((kind) => ({ section, kind, range }));
    });
    // Every request goes out at once, in one transaction: the counts walk the index (the bulk of
    // the time on a big book), the first rows of each group are read with their records behind
    // them, and only the names of the clients shown wait for those rows.
    const owner = await agendaOwner(db);
    const trashed = trashedOpen(db, owner);
    const [counts, snoozed, firstRows] = await Promise.all([
      openCounts(db, groups, trashed, owner),
      snoozedFollowUps(db, owner),
      trashed.then((t) =>
        Promise.all(
          groups.map((g) =>
            openFollowUpsOfKind(
              db,
              g.kind,
              g.range,
              AGENDA_PAGE,
              trashedIn(t, g.kind, g.range),
              owner,
            ),
          ),
        ),
      ),
    ]);
    const wanted = groups
      .map((g, i) => {
        const back = snoozed.filter((f) => f.kind === g.kind && inRange(agendaDay(f), g.range));
        return {
          ...g,
          count: counts[i]! + back.length,
          page: firstOf([...firstRows[i]!, ...back], AGENDA_PAGE),
        };
      })
      .filter((g) => g.count > 0);
    const rows = wanted.flatMap((g) => g.page);
    const [names, people] = await Promise.all([clientNames(db, rows), celebrants(db, rows)]);
    const collator = new Intl.Collator(locale);
    const sections: AgendaSections = { overdue: [], today: [], week: [] };
    for (const g of wanted)
      sections[g.section].push({
        kind: g.kind,
        count: g.count,
        entries: shown(g.page, names, people, collator),
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
  return db.transaction('r', agendaTables(db), async () => {
    const range = sectionRange(section, today);
    const owner = await agendaOwner(db);
    const [open, snoozed] = await Promise.all([
      trashedOpen(db, owner).then((t) =>
        openFollowUpsOfKind(db, kind, range, limit, trashedIn(t, kind, range), owner),
      ),
      snoozedFollowUps(db, owner),
    ]);
    const page = firstOf(
      [...open, ...snoozed.filter((f) => f.kind === kind && inRange(agendaDay(f), range))],
      limit,
    );
    const [names, people] = await Promise.all([clientNames(db, page), celebrants(db, page)]);
    return shown(page, names, people, new Intl.Collator(locale));
  });
}
