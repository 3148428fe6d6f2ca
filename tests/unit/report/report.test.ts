import { describe, expect, it } from 'vitest';
import type { ChecklistRun, Visit } from '../../../shared/domain';
import { monthlyReport, shiftMonth, type ReportBook } from '../../../shared/domain/report';
import {
  checklistRun,
  client,
  contact,
  followUp,
  problem,
  purchase,
  testId,
  visit,
} from '../followups/book';

const today = '2025-03-31';
const month = '2025-03';

function reportBook(parts: Partial<ReportBook> = {}): ReportBook {
  return {
    clients: [],
    purchases: [],
    visits: [],
    checklistRuns: [],
    followUps: [],
    problems: [],
    contacts: [],
    notes: [],
    ...parts,
  };
}

function postSale(
  clientId: string,
  day: string,
  answers: ChecklistRun['answers'],
  o: Partial<Visit> = {},
) {
  const v = visit(clientId, {
    kind: 'post_sale',
    status: 'finished',
    startedAt: `${day}T10:00:00+03:00`,
    finishedAt: `${day}T11:00:00+03:00`,
    ...o,
  });
  return { v, r: checklistRun(v, answers) };
}

/** A client recently in touch, so only what a test sets up puts it at risk. */
function calmClient(o: Parameters<typeof client>[0] = {}) {
  const c = client(o);
  return { c, touch: contact(c.id, `${today}T09:00:00+03:00`) };
}

describe("the rep's monthly report", () => {
  it('post-sale actions: due this month, done, done on time, dismissed, overdue and the rate', () => {
    const { c } = calmClient();
    const f = (o: Parameters<typeof followUp>[1]) =>
      followUp(c.id, { kind: 'delivery_check', ruleKey: `k:${testId()}`, ...o });
    const followUps = [
      f({ due: '2025-03-05', status: 'done', doneAt: '2025-03-05T17:00:00+03:00' }),
      f({ due: '2025-03-05', status: 'done', doneAt: '2025-03-07T10:00:00+03:00' }),
      f({ due: '2025-03-10', status: 'dismissed' }),
      f({ due: '2025-03-20', status: 'open' }),
      f({ due: '2025-03-31', status: 'snoozed', kind: 'birthday' }),
      f({ due: '2025-04-02', status: 'open' }),
      { ...f({ due: '2025-03-03', status: 'open' }), deletedAt: '2025-03-04T10:00:00+03:00' },
    ];
    const r = monthlyReport(reportBook({ clients: [c], followUps }), month, today);
    expect(r.actions).toMatchObject({
      due: 5,
      done: 2,
      doneOnTime: 1,
      dismissed: 1,
      overdue: 1,
      rate: 0.5,
    });
    expect(r.actions.byKind.birthday).toEqual({
      due: 1,
      done: 0,
      doneOnTime: 0,
      doneLate: 0,
      dismissed: 0,
      overdue: 0,
      upcoming: 1,
    });
    expect(monthlyReport(reportBook({ clients: [c] }), month, today).actions.rate).toBeNull();
  });

  it('satisfaction and would-recommend: monthly averages and NPS, six months ending with this one', () => {
    const { c, touch } = calmClient();
    const visits = [
      postSale(c.id, '2025-03-03', { satisfaction: 5, would_recommend: 10 }),
      postSale(c.id, '2025-03-20', { satisfaction: 4, would_recommend: 6 }),
      postSale(c.id, '2025-03-21', { satisfaction: 4, would_recommend: 9 }),
      postSale(c.id, '2025-01-15', { satisfaction: 3, would_recommend: 7 }),
      postSale(c.id, '2025-03-22', { satisfaction: 1 }, { status: 'draft', finishedAt: null }),
    ];
    const r = monthlyReport(
      reportBook({
        clients: [c],
        contacts: [touch],
        visits: visits.map((x) => x.v),
        checklistRuns: visits.map((x) => x.r),
      }),
      month,
      today,
    );
    expect(r.satisfaction.map((p) => p.month)).toEqual([
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
    ]);
    expect(r.satisfaction[5]).toEqual({
      month,
      visits: 3,
      satisfactionAvg: 4.33,
      recommendAvg: 8.33,
      nps: 33,
    });
    expect(r.satisfaction[3]).toEqual({
      month: '2025-01',
      visits: 1,
      satisfactionAvg: 3,
      recommendAvg: 7,
      nps: 0,
    });
    expect(r.satisfaction[4]).toEqual({
      month: '2025-02',
      visits: 0,
      satisfactionAvg: null,
      recommendAvg: null,
      nps: null,
    });
  });

  it('promises met, exceeded and fell short, with the shortfalls named', () => {
    const { c, touch } = calmClient();
    const p = purchase(c.id, {
      promisedBenefits: [
        { id: testId(), text: 'Окупится за год' },
        { id: testId(), text: 'Обучим весь персонал' },
        { id: testId(), text: 'Поставка за 3 дня' },
      ],
    });
    const [b1, b2, b3] = p.promisedBenefits.map((b) => b.id) as [string, string, string];
    const { v, r: rn } = postSale(c.id, '2025-03-12', {
      promises: [
        { benefitId: b1, reality: 'met', comment: '' },
        { benefitId: b2, reality: 'below', comment: 'Обучили только двоих' },
        { benefitId: b3, reality: 'exceeded', comment: '' },
      ],
    });
    const r = monthlyReport(
      reportBook({
        clients: [c],
        contacts: [touch],
        purchases: [p],
        visits: [v],
        checklistRuns: [rn],
      }),
      month,
      today,
    );
    expect(r.promises).toEqual({
      below: 1,
      met: 1,
      exceeded: 1,
      unrated: 0,
      shortfalls: [
        {
          clientId: c.id,
          visitId: v.id,
          benefitId: b2,
          text: 'Обучим весь персонал',
          comment: 'Обучили только двоих',
        },
      ],
    });
    expect(r.atRisk).toEqual([{ clientId: c.id, name: c.name, reasons: ['below_expectations'] }]);
  });

  it('referrals obtained this month, and converted when their first purchase is this month', () => {
    const { c: referrer, touch } = calmClient();
    const newThisMonth = client({
      referredBy: referrer.id,
      status: 'prospect',
      createdAt: '2025-03-04T10:00:00+03:00',
    });
    const boughtThisMonth = client({
      referredBy: referrer.id,
      status: 'active',
      createdAt: '2025-03-06T10:00:00+03:00',
    });
    const olderConverted = client({
      referredBy: referrer.id,
      status: 'active',
      createdAt: '2025-01-06T10:00:00+03:00',
    });
    const olderBoughtBefore = client({
      referredBy: referrer.id,
      status: 'active',
      createdAt: '2024-11-06T10:00:00+03:00',
    });
    const purchases = [
      purchase(boughtThisMonth.id, { date: '2025-03-20' }),
      purchase(olderConverted.id, { date: '2025-03-02' }),
      purchase(olderBoughtBefore.id, { date: '2024-12-01' }),
      purchase(olderBoughtBefore.id, { date: '2025-03-15' }),
    ];
    const asked = postSale(referrer.id, '2025-03-10', { referrals: 'given' });
    const notAsked = postSale(referrer.id, '2025-03-11', { referrals: 'not_asked' });
    const r = monthlyReport(
      reportBook({
        clients: [referrer, newThisMonth, boughtThisMonth, olderConverted, olderBoughtBefore],
        contacts: [touch],
        purchases,
        visits: [asked.v, notAsked.v],
        checklistRuns: [asked.r, notAsked.r],
      }),
      month,
      today,
    );
    expect(r.referrals).toEqual({
      obtained: 2,
      obtainedConverted: 1,
      converted: 2,
      askedVisits: 1,
      postSaleVisits: 2,
    });
  });

  it('problems opened, fixed and confirmed this month, and those still open or overdue', () => {
    const { c, touch } = calmClient();
    const stampIn = (day: string) => ({
      status: `${String(Date.parse(`${day}T12:00:00Z`)).padStart(15, '0')}-0000-00000000000000aa`,
    });
    const problems = [
      problem(c.id, { createdAt: '2025-03-02T10:00:00+03:00', status: 'open', due: '2025-03-20' }),
      problem(c.id, {
        createdAt: '2025-03-03T10:00:00+03:00',
        status: 'in_progress',
        due: '2025-04-20',
        sellersFault: false,
      }),
      {
        ...problem(c.id, { createdAt: '2025-02-03T10:00:00+03:00', status: 'fixed' }),
        stamps: stampIn('2025-03-15'),
      },
      {
        ...problem(c.id, { createdAt: '2025-02-03T10:00:00+03:00', status: 'confirmed' }),
        stamps: stampIn('2025-03-16'),
      },
      {
        ...problem(c.id, { createdAt: '2025-01-03T10:00:00+03:00', status: 'confirmed' }),
        stamps: stampIn('2025-02-16'),
      },
    ];
    const r = monthlyReport(
      reportBook({ clients: [c], contacts: [touch], problems }),
      month,
      today,
    );
    expect(r.problems).toEqual({
      opened: 2,
      sellersFault: 1,
      fixed: 1,
      confirmed: 1,
      openNow: 2,
      overdueNow: 1,
    });
    expect(r.atRisk).toEqual([{ clientId: c.id, name: c.name, reasons: ['overdue_problem'] }]);
  });

  it('at-risk clients come with every reason, the most reasons first', () => {
    const { c: calm, touch } = calmClient({ name: 'Calm' });
    const atRisk = client({ name: 'Б', status: 'at_risk', createdAt: '2025-01-01T10:00:00+03:00' });
    const unhappy = calmClient({ name: 'А' });
    const sad = postSale(unhappy.c.id, '2025-02-10', { satisfaction: 2, would_recommend: 3 });
    const r = monthlyReport(
      reportBook({
        clients: [calm, atRisk, unhappy.c],
        contacts: [touch, unhappy.touch],
        visits: [sad.v],
        checklistRuns: [sad.r],
      }),
      month,
      today,
    );
    expect(r.atRisk).toEqual([
      { clientId: atRisk.id, name: 'Б', reasons: ['status_at_risk', 'no_contact_overdue'] },
      { clientId: unhappy.c.id, name: 'А', reasons: ['low_satisfaction'] },
    ]);
  });

  it('deleted clients and their records stay out of the report', () => {
    const c = { ...client({ status: 'at_risk' }), deletedAt: '2025-03-01T10:00:00+03:00' };
    const { v, r: rn } = postSale(c.id, '2025-03-03', { satisfaction: 1 });
    const r = monthlyReport(
      reportBook({
        clients: [c],
        visits: [v],
        checklistRuns: [rn],
        problems: [problem(c.id, { createdAt: '2025-03-02T10:00:00+03:00' })],
      }),
      month,
      today,
    );
    expect(r.atRisk).toEqual([]);
    expect(r.problems.opened).toBe(0);
    expect(r.satisfaction[5]?.visits).toBe(0);
  });

  it('months shift across years and a bad month is refused', () => {
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(shiftMonth('2024-12', 1)).toBe('2025-01');
    expect(shiftMonth('2025-03', -14)).toBe('2024-01');
    expect(() => monthlyReport(reportBook(), '2025-13', today)).toThrow(RangeError);
  });
});
