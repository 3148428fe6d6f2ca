// Every figure of the rep's report against a direct count over the same rows, on random books;
// and the team's figures against the sum of the reps' reports (issue 11 item 4, issue 12).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bookArb as richBookArb } from './reportBooks';
import {
  CONTACT_TYPES,
  FOLLOW_UP_KINDS,
  PROBLEM_STATUSES,
  type ChecklistRun,
  type Client,
  type ContactLogEntry,
  type FollowUp,
  type Problem,
  type Visit,
} from '../../shared/domain';
import {
  monthlyReport,
  splitBookByRep,
  teamReport,
  type ReportBook,
} from '../../shared/domain/report';
import { POST_SALE_ITEMS } from '../../shared/domain/templates/postSale';
import { checklistRun, client, contact, followUp, problem, visit } from '../unit/followups/book';

const MONTH = '2025-03';
const TODAY = '2025-03-15';
const REPS = ['rep-a', 'rep-b', 'rep-c'];
const day = fc
  .integer({ min: 1, max: 28 })
  .map((d) => `2025-0${d % 3 === 0 ? 2 : 3}-${String(d).padStart(2, '0')}`);

const bookArb = fc
  .record({
    clients: fc.array(
      fc.record({
        rep: fc.constantFrom(...REPS),
        deleted: fc.boolean(),
        status: fc.constantFrom('active', 'at_risk', 'lost', 'prospect') as fc.Arbitrary<
          Client['status']
        >,
      }),
      { minLength: 1, maxLength: 6 },
    ),
    followUps: fc.array(
      fc.record({
        c: fc.nat(),
        kind: fc.constantFrom(...FOLLOW_UP_KINDS),
        due: day,
        status: fc.constantFrom('open', 'done', 'snoozed', 'dismissed') as fc.Arbitrary<
          FollowUp['status']
        >,
        doneDay: day,
        deleted: fc.boolean(),
      }),
      { maxLength: 30 },
    ),
    problems: fc.array(
      fc.record({
        c: fc.nat(),
        created: day,
        due: fc.option(day, { nil: null }),
        status: fc.constantFrom(...PROBLEM_STATUSES),
        fault: fc.boolean(),
      }),
      { maxLength: 10 },
    ),
    contacts: fc.array(
      fc.record({
        c: fc.nat(),
        at: day,
        type: fc.constantFrom(...CONTACT_TYPES),
        complaint: fc.boolean(),
      }),
      { maxLength: 10 },
    ),
    visits: fc.array(
      fc.record({
        c: fc.nat(),
        at: day,
        kind: fc.constantFrom('closing', 'post_sale') as fc.Arbitrary<Visit['kind']>,
        result: fc.constantFrom('won', 'lost', 'done', null),
        // What a post-sale visit's checklist answered.
        satisfaction: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        recommend: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
        promises: fc.array(fc.constantFrom('below', 'met', 'exceeded', null), { maxLength: 2 }),
        referrals: fc.constantFrom('given', 'asked_none', null),
      }),
      { maxLength: 10 },
    ),
  })
  .map((r): ReportBook => {
    const clients = r.clients.map((c) =>
      client({
        ownerId: c.rep,
        status: c.status,
        deletedAt: c.deleted ? '2025-03-01T00:00:00Z' : null,
        createdAt: '2025-01-10T10:00:00+03:00',
      }),
    );
    const pick = (i: number) => clients[i % clients.length]!.id;
    const visits = r.visits.map((v) =>
      visit(pick(v.c), {
        kind: v.kind,
        status: 'finished',
        startedAt: `${v.at}T09:00:00+03:00`,
        finishedAt: `${v.at}T10:00:00+03:00`,
        outcome:
          v.result === null ? null : ({ result: v.result, purchaseId: null } as Visit['outcome']),
      }),
    );
    const runs = visits.flatMap((v, i): ChecklistRun[] => {
      const a = r.visits[i]!;
      if (v.kind !== 'post_sale') return [];
      return [
        checklistRun(v, {
          [POST_SALE_ITEMS.satisfaction]: a.satisfaction,
          [POST_SALE_ITEMS.wouldRecommend]: a.recommend,
          [POST_SALE_ITEMS.referrals]: a.referrals,
          [POST_SALE_ITEMS.promises]: a.promises.map((reality, k) => ({
            benefitId: `benefit-${i}-${k}`,
            reality,
            comment: '',
          })),
        }),
      ];
    });
    return {
      clients,
      purchases: [],
      notes: [],
      checklistRuns: runs,
      followUps: r.followUps.map((f) =>
        followUp(pick(f.c), {
          kind: f.kind,
          due: f.due,
          status: f.status,
          doneAt: f.status === 'done' ? `${f.doneDay}T12:00:00+03:00` : null,
          deletedAt: f.deleted ? '2025-03-01T00:00:00Z' : null,
        }),
      ),
      problems: r.problems.map((p) =>
        problem(pick(p.c), {
          createdAt: `${p.created}T10:00:00+03:00`,
          updatedAt: `${p.created}T10:00:00+03:00`,
          due: p.due,
          status: p.status,
          sellersFault: p.fault,
        }),
      ),
      contacts: r.contacts.map((c) =>
        contact(pick(c.c), `${c.at}T10:00:00+03:00`, {
          type: c.type,
          subtype: c.complaint ? 'complaint' : 'none',
        }),
      ),
      visits,
    };
  });

const liveClientIds = (b: ReportBook) =>
  new Set(b.clients.filter((c) => c.deletedAt === null).map((c) => c.id));
const inMonth = (s: string | null) => (s ?? '').slice(0, 7) === MONTH;
const isOpenProblem = (p: Pick<Problem, 'status'>) =>
  p.status === 'open' || p.status === 'in_progress';

describe('the report counts what happened', () => {
  it('each figure equals a direct count over the same rows, and the parts of the due actions add up to it', () => {
    fc.assert(
      fc.property(bookArb, (book) => {
        const r = monthlyReport(book, MONTH, TODAY);
        const due = book.followUps.filter((f) => f.deletedAt === null && f.due.startsWith(MONTH));
        const a = r.actions;
        expect(a.due).toBe(due.length);
        expect(a.done).toBe(due.filter((f) => f.status === 'done').length);
        expect(a.doneOnTime).toBe(
          due.filter((f) => f.status === 'done' && f.doneAt!.slice(0, 10) <= f.due).length,
        );
        expect(a.dismissed).toBe(due.filter((f) => f.status === 'dismissed').length);
        const open = due.filter((f) => f.status === 'open' || f.status === 'snoozed');
        expect(a.overdue).toBe(open.filter((f) => f.due < TODAY).length);
        expect(a.upcoming).toBe(open.filter((f) => f.due >= TODAY).length);
        expect(a.doneOnTime + a.doneLate + a.dismissed + a.overdue + a.upcoming).toBe(a.due);
        for (const kind of FOLLOW_UP_KINDS)
          expect(a.byKind[kind]?.due ?? 0).toBe(due.filter((f) => f.kind === kind).length);

        const live = liveClientIds(book);
        const problems = book.problems.filter((p) => live.has(p.clientId));
        expect(r.problems.opened).toBe(problems.filter((p) => inMonth(p.createdAt)).length);
        expect(r.problems.sellersFault).toBe(
          problems.filter((p) => inMonth(p.createdAt) && p.sellersFault).length,
        );
        expect(r.problems.openNow).toBe(problems.filter(isOpenProblem).length);
        expect(r.problems.overdueNow).toBe(
          problems.filter((p) => isOpenProblem(p) && p.due !== null && p.due < TODAY).length,
        );
        expect(r.overdueProblems).toHaveLength(r.problems.overdueNow);

        const contacts = book.contacts.filter(
          (c: ContactLogEntry) => live.has(c.clientId) && inMonth(c.at),
        );
        expect(r.contacts.total).toBe(contacts.length);
        expect(r.contacts.complaints).toBe(
          contacts.filter((c) => c.subtype === 'complaint').length,
        );
        for (const type of CONTACT_TYPES)
          expect(r.contacts.byType[type]).toBe(contacts.filter((c) => c.type === type).length);

        const visits = book.visits.filter((v) => live.has(v.clientId) && inMonth(v.finishedAt));
        expect(r.visits.total).toBe(visits.length);
        expect(r.visits.byKind.post_sale).toBe(visits.filter((v) => v.kind === 'post_sale').length);
        expect(r.visits.byOutcome.won).toBe(
          visits.filter((v) => v.outcome?.result === 'won').length,
        );
        expect(r.visits.byOutcome.none).toBe(visits.filter((v) => v.outcome === null).length);
      }),
      { numRuns: 200 },
    );
  });

  it("the team's totals equal the sum of the reps' reports", () => {
    fc.assert(
      fc.property(bookArb, (book) => {
        const team = teamReport(book, MONTH, TODAY);
        const sum = (pick: (r: (typeof team.reps)[number]['report']) => number) =>
          team.reps.reduce((n, rep) => n + pick(rep.report), 0);
        const t = team.total;
        const figures: ((r: typeof t) => number)[] = [
          (r) => r.actions.due,
          (r) => r.actions.done,
          (r) => r.actions.doneOnTime,
          (r) => r.actions.overdue,
          (r) => r.actions.upcoming,
          (r) => r.actions.dismissed,
          (r) => r.problems.opened,
          (r) => r.problems.fixed,
          (r) => r.problems.openNow,
          (r) => r.problems.overdueNow,
          (r) => r.contacts.total,
          (r) => r.visits.total,
          (r) => r.visits.byOutcome.won,
          (r) => r.atRisk.length,
          (r) => r.promises.below,
          (r) => r.referrals.obtained,
          (r) => r.satisfaction.at(-1)!.visits,
          ...FOLLOW_UP_KINDS.map((k) => (r: typeof t) => r.actions.byKind[k]?.due ?? 0),
          ...CONTACT_TYPES.map((k) => (r: typeof t) => r.contacts.byType[k]),
        ];
        for (const f of figures) expect(sum(f)).toBe(f(t));
        // Each rep's row is exactly the report that rep sees over their own clients.
        const books = splitBookByRep(book);
        for (const rep of team.reps)
          expect(rep.report).toEqual(monthlyReport(books.get(rep.ownerId)!, MONTH, TODAY));
        for (const rep of team.reps) {
          const own = book.clients.filter((c) => c.ownerId === rep.ownerId).map((c) => c.id);
          expect(rep.report.atRisk.every((c) => own.includes(c.clientId))).toBe(true);
        }
        // The team's month added up from the reps' tallies is the month counted over the whole
        // book at once: nothing counted twice or lost in the adding, lists in the same order.
        expect(t).toEqual(monthlyReport(book, MONTH, TODAY));
      }),
      { numRuns: 200 },
    );
  });
  it("the book split by rep: each rep's book is every row of that rep's clients, in order", () => {
    fc.assert(
      fc.property(richBookArb, (book) => {
        const books = splitBookByRep(book);
        expect([...books.keys()].sort()).toEqual(
          [...new Set(book.clients.map((c) => c.ownerId))].sort(),
        );
        for (const [owner, b] of books) {
          const own = new Set(book.clients.filter((c) => c.ownerId === owner).map((c) => c.id));
          const mine = <T extends { clientId: string }>(rows: readonly T[]) =>
            rows.filter((r) => own.has(r.clientId));
          expect(b.clients).toEqual(book.clients.filter((c) => own.has(c.id)));
          expect(b.visits).toEqual(mine(book.visits));
          expect(b.purchases).toEqual(mine(book.purchases));
          expect(b.followUps).toEqual(mine(book.followUps));
          expect(b.problems).toEqual(mine(book.problems));
          expect(b.contacts).toEqual(mine(book.contacts));
          expect(b.notes).toEqual(mine(book.notes));
          const visitIds = new Set(b.visits.map((v) => v.id));
          expect(b.checklistRuns).toEqual(
            book.checklistRuns.filter((r) => visitIds.has(r.visitId)),
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
