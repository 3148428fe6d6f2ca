/**
 * What the agenda reads from the database: counts per section and kind without reading the rows,
 * pages of one group, the navigation count and the day's notice list. Trashed follow-ups keep
 * their status (the rules remove one by trashing it), so every figure is checked with some around.
 */
import { describe, it, expect } from 'vitest';
import type { FollowUp } from '../../../shared/domain';
import { addDays } from '../../../shared/domain/followups/days';
import { dueCount, followUpsOn } from '../../../renderer/features/agenda/data/followUps';
import { AGENDA_PAGE, type AgendaSections } from '../../../renderer/features/agenda/agendaGroups';
import { loadAgenda, loadAgendaGroup } from '../../../renderer/features/agenda/data/loadAgenda';
import { addClient, freshBook, type Book } from './helpers';

const today = '2025-03-10';

function followUp(
  book: Book,
  clientId: string,
  kind: FollowUp['kind'],
  due: string,
  title: string,
  held?: { status: 'snoozed' | 'done' | 'dismissed'; snoozedUntil?: string },
) {
  return book.repo.create('followUps', {
    clientId,
    kind,
    ruleKey: null,
    due,
    status: held?.status ?? 'open',
    snoozedUntil: held?.snoozedUntil ?? null,
    doneAt: null,
    title,
    subjectId: null,
    deletedAt: null,
  });
}

function summary(sections: AgendaSections) {
  return Object.fromEntries(
    Object.entries(sections).map(([section, groups]) => [
      section,
      Object.fromEntries(groups.map((g) => [g.kind, g.count])),
    ]),
  );
}

const titles = (entries: { followUp: FollowUp }[]) => entries.map((e) => e.followUp.title);

describe('the agenda in the database', () => {
  it('counts each section and kind, leaving out trashed, done and dismissed ones and placing snoozed ones on their snooze day', async () => {
    const book = await freshBook();
    const { id } = await addClient(book, 'Acme', 'active');
    await followUp(book, id, 'birthday', addDays(today, -30), 'Long overdue');
    await followUp(book, id, 'birthday', addDays(today, -1), 'Yesterday');
    await followUp(book, id, 'payment_check', today, 'Today');
    await followUp(book, id, 'custom', addDays(today, 7), 'Last day of the week');
    await followUp(book, id, 'custom', addDays(today, 8), 'Past the week');
    const removed = await followUp(book, id, 'birthday', addDays(today, -2), 'Removed');
    await book.repo.trash('followUps', removed.id);
    await followUp(book, id, 'birthday', addDays(today, -3), 'Done', { status: 'done' });
    await followUp(book, id, 'custom', today, 'Dismissed', { status: 'dismissed' });
    // Due long ago but held until later in the week: it shows on that day, not as overdue.
    await followUp(book, id, 'payment_check', addDays(today, -5), 'Held to the week', {
      status: 'snoozed',
      snoozedUntil: addDays(today, 2),
    });
    await followUp(book, id, 'payment_check', addDays(today, -5), 'Held past the week', {
      status: 'snoozed',
      snoozedUntil: addDays(today, 9),
    });
    await followUp(book, id, 'custom', addDays(today, 3), 'Held to yesterday', {
      status: 'snoozed',
      snoozedUntil: addDays(today, -1),
    });
    const heldRemoved = await followUp(book, id, 'custom', today, 'Held and removed', {
      status: 'snoozed',
      snoozedUntil: today,
    });
    await book.repo.trash('followUps', heldRemoved.id);

    const sections = await loadAgenda(book.db, today, 'en');
    expect(summary(sections)).toEqual({
      overdue: { birthday: 2, custom: 1 },
      today: { payment_check: 1 },
      week: { payment_check: 1, custom: 1 },
    });
    expect(titles(sections.overdue[0]!.entries)).toEqual(['Long overdue', 'Yesterday']);
    expect(titles(sections.week.flatMap((g) => g.entries))).toEqual([
      'Held to the week',
      'Last day of the week',
    ]);
    // The navigation counts today and overdue; the notice lists today's only.
    expect(await dueCount(book.db, today)).toBe(4);
    expect((await followUpsOn(book.db, today)).map((f) => f.title)).toEqual(['Today']);
    expect((await followUpsOn(book.db, addDays(today, 2))).map((f) => f.title)).toEqual([
      'Held to the week',
    ]);
  });

  it('the first screen carries one page per group, ordered by day and then client name, with the whole count', async () => {
    const book = await freshBook();
    const zeta = await addClient(book, 'Zeta', 'active');
    const alpha = await addClient(book, 'Alpha', 'active');
    const total = AGENDA_PAGE + 5;
    for (let i = 0; i < total; i++)
      await followUp(
        book,
        i % 2 ? alpha.id : zeta.id,
        'no_contact',
        addDays(today, -20 + Math.floor(i / 4)),
        `Call ${i}`,
      );
    const [group] = (await loadAgenda(book.db, today, 'en')).overdue;
    expect(group!.count).toBe(total);
    expect(group!.entries).toHaveLength(AGENDA_PAGE);
    const shown = group!.entries.map((e) => [e.day, e.clientName]);
    expect(shown).toEqual(
      [...shown].sort((a, b) => a[0]!.localeCompare(b[0]!) || a[1]!.localeCompare(b[1]!)),
    );
    // The first page holds the oldest days.
    expect(group!.entries.map((e) => e.day).sort()).toEqual(
      Array.from({ length: AGENDA_PAGE }, (_, i) => addDays(today, -20 + Math.floor(i / 4))),
    );
  });

  it('show more reads a longer page of one group: the first page plus the next, nothing twice, snoozed ones in their place', async () => {
    const book = await freshBook();
    const { id } = await addClient(book, 'Acme', 'active');
    const total = 2 * AGENDA_PAGE + 3;
    for (let i = 0; i < total - 1; i++)
      await followUp(book, id, 'custom', addDays(today, -40 + i), `Step ${i}`);
    // Held to a day in the middle of the overdue ones.
    await followUp(book, id, 'custom', addDays(today, 5), 'Held', {
      status: 'snoozed',
      snoozedUntil: addDays(today, -40 + AGENDA_PAGE),
    });
    const [first] = (await loadAgenda(book.db, today, 'en')).overdue;
    expect(first!.count).toBe(total);
    const two = await loadAgendaGroup(book.db, 'overdue', 'custom', today, 2 * AGENDA_PAGE, 'en');
    expect(two).toHaveLength(2 * AGENDA_PAGE);
    expect(titles(two.slice(0, AGENDA_PAGE))).toEqual(titles(first!.entries));
    expect(titles(two).slice(AGENDA_PAGE, AGENDA_PAGE + 2)).toEqual([
      `Step ${AGENDA_PAGE}`,
      'Held',
    ]);
    const all = await loadAgendaGroup(book.db, 'overdue', 'custom', today, 3 * AGENDA_PAGE, 'en');
    expect(all).toHaveLength(total);
    expect(new Set(all.map((e) => e.followUp.id)).size).toBe(total);
  });

  it('a page is full of live follow-ups even when more trashed ones than a page come first', async () => {
    const book = await freshBook();
    const { id } = await addClient(book, 'Acme', 'active');
    for (let i = 0; i < 3 * AGENDA_PAGE; i++) {
      const f = await followUp(book, id, 'no_contact', addDays(today, -100), `Retired ${i}`);
      await book.repo.trash('followUps', f.id);
    }
    for (let i = 0; i < AGENDA_PAGE + 1; i++)
      await followUp(book, id, 'no_contact', addDays(today, -50 + i), `Live ${i}`);
    const [group] = (await loadAgenda(book.db, today, 'en')).overdue;
    expect(group!.count).toBe(AGENDA_PAGE + 1);
    expect(titles(group!.entries)).toEqual(
      Array.from({ length: AGENDA_PAGE }, (_, i) => `Live ${i}`),
    );
    expect(await dueCount(book.db, today)).toBe(AGENDA_PAGE + 1);
  });
});
