/**
 * The agenda's counts and pages against a plain filter over every follow-up: random follow-ups of
 * random kinds, statuses, due and snooze days, some trashed (the rules remove one by trashing it as
 * it is, still open), some for clients or people that are gone, read on a random day before,
 * inside or after them all (the clock moved). The reads count on the indexes, take trashed ones off
 * from the trashed-only index and read only the first rows of each group; the reference reads all.
 *
 * Owners: on a device signed in to a team (a manager's holds the whole team's follow-ups) the
 * agenda shows the signed-in rep's own; on a device never signed in, every one.
 *
 * Dates: the reads take the rep's day as a string and never look at the clock or the zone, so a
 * day anywhere around the rows (and a day far before or after them) covers a moved clock and
 * another zone alike.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FOLLOW_UP_KINDS,
  type ContactPerson,
  type FollowUp,
  type FollowUpKind,
} from '../../../shared/domain';
import { addDays } from '../../../shared/domain/followups/days';
import {
  AGENDA_PAGE,
  SECTION_KEYS,
  sectionRange,
  type AgendaEntry,
  type AgendaSections,
} from '../../../renderer/features/agenda/agendaGroups';
import { loadAgenda, loadAgendaGroup } from '../../../renderer/features/agenda/data/loadAgenda';
import { agendaDay, dueCount, inRange } from '../../../renderer/features/agenda/data/followUps';
import { emptyPersonDraft } from '../../../renderer/features/clients/data/clients';
import { META } from '../../../renderer/data/device';
import { addClient, freshBook } from './helpers';

const BASE = '2025-03-10';
/** A few kinds most of the time, so groups run past a page; now and then any kind. */
const kindArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<FollowUpKind>('no_contact', 'birthday', 'custom') },
  { weight: 1, arbitrary: fc.constantFrom(...FOLLOW_UP_KINDS) },
);
const offsetArb = fc.integer({ min: -20, max: 20 });

const rowArb = fc.record({
  kind: kindArb,
  due: offsetArb,
  status: fc.constantFrom<FollowUp['status']>(
    'open',
    'open',
    'open',
    'snoozed',
    'done',
    'dismissed',
  ),
  snoozedUntil: fc.option(offsetArb, { freq: 3 }),
  trashed: fc.boolean(),
  client: fc.nat({ max: 5 }),
  person: fc.nat({ max: 3 }),
  /** Whose follow-up: the device's rep most of the time, else a colleague's (a team's device). */
  owner: fc.constantFrom('rep-1', 'rep-1', 'rep-2', 'manager'),
});

/** Client names with a tie, a name that sorts apart in Russian, and a client that is gone. */
const CLIENT_NAMES = ['Акме', 'Bravo', 'bravo', 'Ёлка', 'Alpha'];

function reference(
  rows: readonly FollowUp[],
  names: ReadonlyMap<string, string>,
  people: ReadonlyMap<string, ContactPerson>,
  today: string,
  locale: string,
  /** The signed-in rep, whose own follow-ups show; null: not signed in, every one shows. */
  signedIn: string | null,
) {
  const collator = new Intl.Collator(locale);
  const shownRows = rows.filter(
    (f) =>
      f.deletedAt === null &&
      (f.status === 'open' || f.status === 'snoozed') &&
      (signedIn === null || f.ownerId === signedIn),
  );
  const group = (section: (typeof SECTION_KEYS)[number], kind: FollowUpKind, limit: number) => {
    const range = sectionRange(section, today);
    const all = shownRows.filter((f) => f.kind === kind && inRange(agendaDay(f), range));
    const page = [...all]
      .sort((a, b) => agendaDay(a).localeCompare(agendaDay(b)) || a.id.localeCompare(b.id))
      .slice(0, limit)
      .sort(
        (a, b) =>
          agendaDay(a).localeCompare(agendaDay(b)) ||
          collator.compare(names.get(a.clientId) ?? '', names.get(b.clientId) ?? '') ||
          a.id.localeCompare(b.id),
      );
    return {
      count: all.length,
      entries: page.map((f) => {
        const person = f.kind === 'birthday' && f.subjectId ? people.get(f.subjectId) : undefined;
        return { id: f.id, day: agendaDay(f), clientName: names.get(f.clientId) ?? '', person };
      }),
    };
  };
  const sections = Object.fromEntries(
    SECTION_KEYS.map((section) => [
      section,
      FOLLOW_UP_KINDS.map((kind) => ({ kind, ...group(section, kind, AGENDA_PAGE) })).filter(
        (g) => g.count > 0,
      ),
    ]),
  );
  const due = shownRows.filter((f) => agendaDay(f) <= today).length;
  return { sections, due, group };
}

const plain = (entries: readonly AgendaEntry[]) =>
  entries.map((e) => ({
    id: e.followUp.id,
    day: e.day,
    clientName: e.clientName,
    person: e.person,
  }));

function plainSections(sections: AgendaSections) {
  return Object.fromEntries(
    SECTION_KEYS.map((section) => [
      section,
      sections[section].map((g) => ({ kind: g.kind, count: g.count, entries: plain(g.entries) })),
    ]),
  );
}

describe('the agenda read from the indexes', () => {
  it('shows the same groups, counts and first rows as a filter over every follow-up, and the navigation the same due count', async () => {
    const book = await freshBook();
    const clients = await Promise.all(CLIENT_NAMES.map((name) => addClient(book, name, 'active')));
    const people = await Promise.all(
      ['Anna', 'Boris', 'Vera'].map((name) =>
        book.repo.create('people', { ...emptyPersonDraft(), clientId: clients[0]!.id, name }),
      ),
    );
    const template = await book.repo.create('followUps', {
      clientId: clients[0]!.id,
      kind: 'custom',
      ruleKey: null,
      due: BASE,
      status: 'open',
      snoozedUntil: null,
      doneAt: null,
      title: 'Template',
      subjectId: null,
      deletedAt: null,
    });
    await book.db.followUps.delete(template.id);
    const clientIds = [...clients.map((c) => c.id), 'gone-client'];
    const personIds = [...people.map((p) => p.id), 'gone-person'];
    const names = new Map(clients.map((c) => [c.id, c.name]));
    const personById = new Map(people.map((p) => [p.id, p as ContactPerson]));
    let run = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { maxLength: 150, size: 'max' }),
        // The rep's day: around the rows, or far before or after every one of them.
        fc.oneof(offsetArb, fc.constantFrom(-400, 400)),
        fc.constantFrom('ru', 'en'),
        // Not signed in (every follow-up is the rep's), a rep or a manager signed in to a team.
        fc.constantFrom(null, 'rep-1', 'manager'),
        async (drawn, todayOffset, locale, signedIn) => {
          run++;
          const rows: FollowUp[] = drawn.map((d, i) => ({
            ...template,
            id: `f${run}-${String(i).padStart(3, '0')}-${(i * 7919) % 101}`,
            kind: d.kind,
            due: addDays(BASE, d.due),
            status: d.status,
            snoozedUntil: d.snoozedUntil === null ? null : addDays(BASE, d.snoozedUntil),
            deletedAt: d.trashed ? '2025-03-01T10:00:00.000Z' : null,
            clientId: clientIds[d.client]!,
            subjectId: d.kind === 'birthday' ? personIds[d.person]! : null,
            title: `Row ${i}`,
            ownerId: d.owner,
          }));
          await book.db.followUps.clear();
          await book.db.followUps.bulkPut(rows);
          if (signedIn === null) await book.db.meta.delete(META.session);
          else await book.db.meta.put({ key: META.session, value: { repId: signedIn } });
          const today = addDays(BASE, todayOffset);
          const want = reference(rows, names, personById, today, locale, signedIn);

          const got = await loadAgenda(book.db, today, locale);
          expect(plainSections(got)).toEqual(want.sections);
          expect(await dueCount(book.db, today)).toBe(want.due);
          // Show more on the biggest group: two pages, then everything.
          const biggest = SECTION_KEYS.flatMap((section) =>
            got[section].map((g) => ({ section, ...g })),
          ).sort((a, b) => b.count - a.count)[0];
          if (biggest) {
            for (const limit of [2 * AGENDA_PAGE, biggest.count + 1]) {
              const longer = await loadAgendaGroup(
                book.db,
                biggest.section,
                biggest.kind,
                today,
                limit,
                locale,
              );
              expect(plain(longer)).toEqual(
                want.group(biggest.section, biggest.kind, limit).entries,
              );
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
