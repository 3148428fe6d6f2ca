// The month's loader (renderer/features/reports/data/reportData.ts loadMonthBook) reads through
// IndexedDB exactly the rows shared/domain/reportBounds.ts says the month's report needs, and each
// client's last contact as the bound gives it; the team view's figures over what it read are the
// figures over the whole book (issue 12).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDb } from '../../../renderer/data/db';
import { loadMonthBook, loadReportBook } from '../../../renderer/features/reports';
import { CADENCE_SETTINGS_KEY } from '../../../renderer/features/settings/data/cadenceSettings';
import { DEFAULT_CADENCE_SETTINGS } from '../../../shared/domain/cadence';
import { monthlyReport, teamReport, type ReportBook } from '../../../shared/domain/report';
import {
  boundReportBook,
  lastContactWindow,
  lastContactsNeeded,
} from '../../../shared/domain/reportBounds';
import { lastContactDays } from '../../../shared/domain/followups/contactGaps';
import { bookArb, monthArb, todayArb } from '../../property/reportBooks';

const TABLES = [
  'clients',
  'purchases',
  'visits',
  'checklistRuns',
  'followUps',
  'problems',
  'contacts',
  'notes',
] as const;

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).sort();
const entries = (m: ReadonlyMap<string, string> | undefined) => [...(m ?? [])].sort();

async function withBook<T>(
  book: ReportBook,
  work: (db: ReturnType<typeof createDb>) => Promise<T>,
) {
  const db = createDb(`month-book-${Math.random()}`);
  await db.open();
  try {
    for (const t of TABLES) await db.table(t).bulkPut([...book[t]]);
    if (book.cadence) await db.meta.put({ key: CADENCE_SETTINGS_KEY, value: book.cadence });
    return await work(db);
  } finally {
    db.close();
    await db.delete();
  }
}

/** Whether the loader had to ask about a client's own last contact (the window did not say). */
function asksClientByClient(book: ReportBook, today: string): boolean {
  const from = lastContactWindow(book.clients, today, book.cadence);
  if (from === null) return false;
  const inWindow = lastContactDays(
    book.contacts.filter((c) => c.at >= from),
    book.visits.filter((v) => v.startedAt >= from),
    book.notes.filter((n) => n.createdAt >= from),
  );
  return lastContactsNeeded(book.clients, inWindow, today, book.cadence).length > 0;
}

describe("the month's book read through the indexes", () => {
  it('holds exactly the rows the bound names, and the team view over it shows the whole book’s figures', async () => {
    let asked = 0;
    await fc.assert(
      fc.asyncProperty(
        bookArb,
        fc.array(fc.tuple(monthArb, todayArb), { minLength: 1, maxLength: 3 }),
        async (book, asks) =>
          withBook(book, async (db) => {
            const cadence = book.cadence ?? DEFAULT_CADENCE_SETTINGS;
            const whole = { ...(await loadReportBook(db)), cadence };
            for (const [month, today] of asks) {
              const read = await loadMonthBook(db, month, today);
              const bound = boundReportBook(book, month, today);
              for (const t of TABLES)
                expect(ids(read[t]), `${t} ${month} ${today}`).toEqual(ids(bound[t]));
              expect(entries(read.lastContact)).toEqual(entries(bound.lastContact));
              expect(read.cadence).toEqual(cadence);
              if (asksClientByClient(book, today)) asked += 1;
              expect(teamReport(read, month, today)).toEqual(teamReport(whole, month, today));
              expect(monthlyReport(read, month, today)).toEqual(monthlyReport(whole, month, today));
            }
          }),
      ),
      { numRuns: 40 },
    );
    // The client-by-client look-up was taken, not only the window.
    expect(asked).toBeGreaterThan(0);
  });
});
