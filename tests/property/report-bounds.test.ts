// The month's report over only the rows reportBounds.ts keeps equals the report over the whole
// book, for the rep's report and the team's, on random books, months and days the report is
// asked on (the clock before the month, in it, long after), in three time zones (issue 12: the
// team view reads the month, not the manager's 50k-client book).
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { monthlyReport, teamReport, type ReportBook } from '../../shared/domain/report';
import {
  boundReportBook,
  cadenceStart,
  reportLastContacts,
} from '../../shared/domain/reportBounds';
import { lastContactDays } from '../../shared/domain/followups/contactGaps';
import { bookArb, monthArb, todayArb } from './reportBooks';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const ZONES = ['UTC', 'Europe/Moscow', 'America/Los_Angeles'];

/** How many rows a book holds besides its clients (what a bounded read is meant to cut). */
const rows = (b: ReportBook) =>
  b.purchases.length +
  b.visits.length +
  b.checklistRuns.length +
  b.followUps.length +
  b.problems.length +
  b.contacts.length +
  b.notes.length;

describe("the month's report over the rows that can change it", () => {
  for (const zone of ZONES) {
    it(`is the report over the whole book, for a rep and for the team (TZ=${zone})`, () => {
      process.env.TZ = zone;
      let cut = 0;
      fc.assert(
        fc.property(bookArb, monthArb, todayArb, (book, month, today) => {
          const bounded = boundReportBook(book, month, today);
          expect(bounded.notes).toHaveLength(0);
          if (rows(bounded) < rows(book)) cut += 1;
          expect(monthlyReport(bounded, month, today)).toEqual(monthlyReport(book, month, today));
          expect(teamReport(bounded, month, today)).toEqual(teamReport(book, month, today));
        }),
        { numRuns: 300 },
      );
      // The bound is not the whole book in disguise.
      expect(cut).toBeGreaterThan(200);
    });
  }

  it("each client's last contact is given on the same side of its cadence as the real one", () => {
    fc.assert(
      fc.property(bookArb, todayArb, (book, today) => {
        const given = reportLastContacts(book, today);
        const real = lastContactDays(book.contacts, book.visits, book.notes);
        for (const c of book.clients) {
          if (c.deletedAt !== null || c.status === 'prospect' || c.status === 'lost') continue;
          const start = cadenceStart(c, today, book.cadence);
          const added = c.createdAt.slice(0, 10);
          const beyond = (day: string | undefined) => (day ?? added) < start;
          expect(beyond(given.get(c.id)), c.id).toBe(beyond(real.get(c.id)));
          // A day given is never later than the real one, and is the real one when that falls
          // on or after the window's first day and came from a logged contact or a visit.
          const g = given.get(c.id);
          if (g !== undefined) expect(g <= real.get(c.id)!).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
