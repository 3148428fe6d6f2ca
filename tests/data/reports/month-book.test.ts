// The month's loader (renderer/features/reports/data/reportData.ts loadMonthBook) reads through
// IndexedDB exactly the rows shared/domain/reportBounds.ts says the month's report needs, and each
// client's last contact as the bound gives it; the team view's figures over what it read are the
// figures over the whole book (issue 12).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDb } from '../../../renderer/data/db';
import { SCHEMA_VERSIONS } from '../../../renderer/data/schema';
import { loadMonthBook, loadReportBook } from '../../../renderer/features/reports';
import { CADENCE_SETTINGS_KEY } from '../../../renderer/features/settings/data/cadenceSettings';
import { DEFAULT_CADENCE_SETTINGS } from '../../../shared/domain/cadence';
import {
  firstPurchaseDays,
  monthlyReport,
  teamReport,
  type ReportBook,
} from '../../../shared/domain/report';
import {
  boundReportBook,
  cadenceStart,
  clientsToAskNotes,
  lastContactWindow,
  reportLastContacts,
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

/** A book of the current schema (the report's kept stores) or of v4 (the bounded read alone). */
async function withBook<T>(
  book: ReportBook,
  kept: boolean,
  work: (db: ReturnType<typeof createDb>) => Promise<T>,
) {
  const db = createDb(
    `month-book-${Math.random()}`,
    kept ? SCHEMA_VERSIONS : SCHEMA_VERSIONS.filter((v) => v.version < 5),
  );
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

/** Which of the loader's last-contact steps a book takes: notes asked, found, and older rows read. */
function lastContactSteps(book: ReportBook, today: string) {
  const from = lastContactWindow(book.clients, today, book.cadence);
  if (from === null) return { asked: false, found: false, older: false };
  const known = lastContactDays(
    book.contacts.filter((c) => c.at >= from),
    [],
    [],
  );
  const ask = clientsToAskNotes(book.clients, known, today, book.cadence);
  const found = ask.some((c) =>
    [
      ...book.notes.map((n) => ({ ...n, at: n.createdAt })),
      ...book.visits.map((v) => ({ ...v, at: v.startedAt })),
    ].some(
      (r) =>
        r.clientId === c.id && r.deletedAt === null && r.at >= cadenceStart(c, today, book.cadence),
    ),
  );
  const all = reportLastContacts(book, today);
  const older = book.clients.some(
    (c) =>
      !known.has(c.id) && all.has(c.id) && all.get(c.id)! < cadenceStart(c, today, book.cadence),
  );
  return { asked: ask.length > 0, found, older };
}

describe("the month's book read through the indexes", () => {
  for (const kept of [true, false])
    it(`holds exactly the rows the bound names, and the team view over it shows the whole book’s figures (${kept ? "kept clients' last contacts, schema v5" : 'bounded read, schema v4'})`, async () => {
      const taken = { asked: 0, found: 0, older: 0 };
      await fc.assert(
        fc.asyncProperty(
          bookArb,
          fc.array(fc.tuple(monthArb, todayArb), { minLength: 1, maxLength: 3 }),
          async (book, asks) =>
            withBook(book, kept, async (db) => {
              const cadence = book.cadence ?? DEFAULT_CADENCE_SETTINGS;
              const whole = { ...(await loadReportBook(db)), cadence };
              for (const [month, today] of asks) {
                const read = await loadMonthBook(db, month, today);
                const bound = boundReportBook(book, month, today);
                for (const t of TABLES) {
                  // The kept runs give the post-sale visits before the month only with a run; the
                  // kept first purchase days spare the referred clients' purchases.
                  if (kept && (t === 'visits' || t === 'checklistRuns' || t === 'purchases'))
                    expect(ids(bound[t]), `${t} ${month} ${today}`).toEqual(
                      expect.arrayContaining(ids(read[t])),
                    );
                  else expect(ids(read[t]), `${t} ${month} ${today}`).toEqual(ids(bound[t]));
                }
                // The kept store knows each client's real last contact; the bounded read a day on
                // the same side of its cadence.
                expect(entries(read.lastContact)).toEqual(
                  entries(
                    kept
                      ? lastContactDays(whole.contacts, whole.visits, whole.notes)
                      : bound.lastContact,
                  ),
                );
                if (kept)
                  expect(entries(read.firstPurchase)).toEqual(
                    entries(firstPurchaseDays(whole.purchases)),
                  );
                expect(read.cadence).toEqual(cadence);
                const steps = lastContactSteps(book, today);
                for (const k of ['asked', 'found', 'older'] as const) if (steps[k]) taken[k] += 1;
                expect(teamReport(read, month, today)).toEqual(teamReport(whole, month, today));
                expect(monthlyReport(read, month, today)).toEqual(
                  monthlyReport(whole, month, today),
                );
              }
            }),
        ),
        { numRuns: 40 },
      );
      // Every step of the last-contact read was taken, not only the window.
      expect(taken.asked).toBeGreaterThan(0);
      expect(taken.found).toBeGreaterThan(0);
      expect(taken.older).toBeGreaterThan(0);
    });
});
