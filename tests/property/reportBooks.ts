/**
 * Random report books for the bounded-read tests (report-bounds.test.ts, and tests/data's loader
 * test): rows spread over ten months around the months asked, stamps in three shapes (a zone
 * offset, UTC, none), near midnight too, trashed rows, clients of three reps with cadences of
 * their own, by status and by tag, post-sale visits with answers and promises, problems closed by
 * a clock stamp or only by their update time.
 */
import fc from 'fast-check';
import {
  CONTACT_TYPES,
  FOLLOW_UP_KINDS,
  PROBLEM_STATUSES,
  type ChecklistRun,
  type Client,
  type FollowUp,
  type Visit,
} from '../../shared/domain';
import type { CadenceSettings } from '../../shared/domain/cadence';
import type { ReportBook } from '../../shared/domain/report';
import { addDays, type Day } from '../../shared/domain/followups/days';
import { formatHlc } from '../../shared/sync/hlc';
import { POST_SALE_ITEMS } from '../../shared/domain/templates/postSale';
import { POST_SALE_TEMPLATE } from '../../shared/domain/templates';
import {
  client,
  contact,
  followUp,
  note,
  problem,
  purchase,
  testId,
  visit,
} from '../unit/followups/book';

export const REPS = ['rep-a', 'rep-b', 'rep-c'];
const FIRST_DAY = '2024-10-01';
const SPAN = 300;

/** A day from 2024-10-01 on, about ten months. */
export const dayArb: fc.Arbitrary<Day> = fc.nat({ max: SPAN }).map((n) => addDays(FIRST_DAY, n));
/** The months a test asks about, and the days it is asked on (the clock may be before the month). */
export const monthArb = fc
  .integer({ min: 0, max: 9 })
  .map((n) => addDays(FIRST_DAY, n * 31).slice(0, 7));
export const todayArb = dayArb;

/** A stamp on that day: with an offset, in UTC or with none, at any hour (midnight's edges too). */
const stampArb = fc
  .record({
    day: dayArb,
    shape: fc.constantFrom('+03:00', 'Z', '', '-08:00'),
    time: fc.constantFrom('00:00:30', '00:59:00', '09:15:00', '12:00:00', '23:30:00', '23:59:59'),
  })
  .map(({ day, shape, time }) => `${day}T${time}${shape}`);

const deletedArb = fc.boolean().map((d) => (d ? '2025-01-01T00:00:00Z' : null));

export const bookArb: fc.Arbitrary<ReportBook> = fc
  .record({
    clients: fc.array(
      fc.record({
        rep: fc.constantFrom(...REPS),
        deleted: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
        status: fc.constantFrom(
          'active',
          'at_risk',
          'lost',
          'prospect',
          'won_back',
        ) as fc.Arbitrary<string>,
        created: stampArb,
        cadenceDays: fc.option(fc.constantFrom(3, 7, 30, 60, 200), { nil: null }),
        tag: fc.constantFrom('опт', 'vip', ''),
        referred: fc.boolean(),
        churn: fc.constantFrom(null, 'inconvenient_conditions', 'not_listened'),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    purchases: fc.array(
      fc.record({ c: fc.nat(), date: dayArb, benefits: fc.nat({ max: 2 }), deleted: deletedArb }),
      { maxLength: 12 },
    ),
    visits: fc.array(
      fc.record({
        c: fc.nat(),
        started: stampArb,
        finished: fc.option(stampArb, { nil: null }),
        kind: fc.constantFrom('closing', 'post_sale', 'other') as fc.Arbitrary<Visit['kind']>,
        draft: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        result: fc.constantFrom('won', 'lost', 'done', 'postponed', null),
        deleted: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
        run: fc.option(
          fc.record({
            sat: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
            rec: fc.option(fc.integer({ min: -1, max: 11 }), { nil: undefined }),
            referrals: fc.constantFrom('given', 'asked_none', 'not_asked', undefined),
            promises: fc.array(
              fc.record({
                benefit: fc.nat(),
                reality: fc.constantFrom('below', 'met', 'exceeded', null),
              }),
              { maxLength: 3 },
            ),
            version: fc.integer({ min: 1, max: 3 }),
            deleted: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
          }),
          { nil: null },
        ),
      }),
      { maxLength: 25 },
    ),
    followUps: fc.array(
      fc.record({
        c: fc.nat(),
        kind: fc.constantFrom(...FOLLOW_UP_KINDS),
        due: dayArb,
        status: fc.constantFrom('open', 'done', 'snoozed', 'dismissed') as fc.Arbitrary<
          FollowUp['status']
        >,
        done: stampArb,
        deleted: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      }),
      { maxLength: 25 },
    ),
    problems: fc.array(
      fc.record({
        c: fc.nat(),
        created: stampArb,
        updated: stampArb,
        changed: fc.option(dayArb, { nil: null }),
        due: fc.option(dayArb, { nil: null }),
        status: fc.constantFrom(...PROBLEM_STATUSES),
        fault: fc.boolean(),
        deleted: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      }),
      { maxLength: 12 },
    ),
    contacts: fc.array(
      fc.record({
        c: fc.nat(),
        at: stampArb,
        type: fc.constantFrom(...CONTACT_TYPES),
        complaint: fc.boolean(),
        deleted: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      }),
      { maxLength: 20 },
    ),
    notes: fc.array(
      fc.record({
        c: fc.nat(),
        at: stampArb,
        deleted: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      }),
      { maxLength: 25 },
    ),
    cadence: fc.option(
      fc.record({
        defaultDays: fc.constantFrom(14, 30, 45),
        byStatus: fc.constantFrom({}, { at_risk: 7 }, { active: 90 }),
        byTag: fc.constantFrom({}, { опт: 10 }, { vip: 120 }),
      }) as fc.Arbitrary<CadenceSettings>,
      { nil: undefined },
    ),
  })
  .map((r): ReportBook => {
    const clients: Client[] = r.clients.map((c, i) =>
      client({
        ownerId: c.rep,
        name: `Клиент ${i}`,
        status: c.status as Client['status'],
        deletedAt: c.deleted ? '2025-01-01T00:00:00Z' : null,
        createdAt: c.created,
        updatedAt: c.created,
        cadenceDays: c.cadenceDays,
        tags: c.tag ? [c.tag] : [],
        referredBy: c.referred ? 'somebody' : null,
        churnReason: c.status === 'lost' ? (c.churn as Client['churnReason']) : null,
      }),
    );
    const pick = (i: number) => clients[i % clients.length]!.id;
    const purchases = r.purchases.map((p, i) =>
      purchase(pick(p.c), {
        date: p.date,
        deletedAt: p.deleted,
        promisedBenefits: Array.from({ length: p.benefits }, (_, k) => ({
          id: testId(),
          text: `Обещание ${i}.${k}`,
        })),
      }),
    );
    const visits: Visit[] = [];
    const checklistRuns: ChecklistRun[] = [];
    for (const v of r.visits) {
      const clientId = pick(v.c);
      const row = visit(clientId, {
        kind: v.kind,
        status: v.draft ? 'draft' : 'finished',
        startedAt: v.started,
        finishedAt: v.draft ? null : v.finished,
        deletedAt: v.deleted ? '2025-01-01T00:00:00Z' : null,
        outcome:
          v.result === null ? null : ({ result: v.result, purchaseId: null } as Visit['outcome']),
      });
      visits.push(row);
      if (!v.run) continue;
      // A promise is rated against the client's own purchases, as the checklist offers them.
      const benefits = purchases
        .filter((p) => p.clientId === clientId)
        .flatMap((p) => p.promisedBenefits);
      const answers: ChecklistRun['answers'] = {};
      if (v.run.sat !== undefined) answers[POST_SALE_ITEMS.satisfaction] = v.run.sat;
      if (v.run.rec !== undefined) answers[POST_SALE_ITEMS.wouldRecommend] = v.run.rec;
      if (v.run.referrals !== undefined) answers[POST_SALE_ITEMS.referrals] = v.run.referrals;
      if (benefits.length > 0)
        answers[POST_SALE_ITEMS.promises] = v.run.promises.map((p) => ({
          benefitId: benefits[p.benefit % benefits.length]!.id,
          reality: p.reality as 'below' | 'met' | 'exceeded' | null,
          comment: '',
        }));
      checklistRuns.push({
        id: testId(),
        ownerId: 'rep-1',
        createdAt: v.started,
        updatedAt: v.started,
        deletedAt: v.run.deleted ? '2025-01-01T00:00:00Z' : null,
        stamps: {},
        serverVersion: 0,
        visitId: row.id,
        templateId: POST_SALE_TEMPLATE.id,
        templateKey: POST_SALE_TEMPLATE.key,
        templateVersion: v.run.version,
        answers,
      });
    }
    return {
      clients,
      purchases,
      visits,
      checklistRuns,
      followUps: r.followUps.map((f) =>
        followUp(pick(f.c), {
          kind: f.kind,
          due: f.due,
          status: f.status,
          doneAt: f.status === 'done' ? f.done : null,
          deletedAt: f.deleted ? '2025-01-01T00:00:00Z' : null,
        }),
      ),
      problems: r.problems.map((p) =>
        problem(pick(p.c), {
          createdAt: p.created,
          updatedAt: p.updated,
          stamps:
            p.changed === null
              ? {}
              : {
                  status: formatHlc({
                    ms: Date.parse(`${p.changed}T23:59:00Z`),
                    counter: 0,
                    node: '0123456789abcdef',
                  }),
                },
          due: p.due,
          status: p.status,
          sellersFault: p.fault,
          deletedAt: p.deleted ? '2025-01-01T00:00:00Z' : null,
        }),
      ),
      contacts: r.contacts.map((c) =>
        contact(pick(c.c), c.at, {
          type: c.type,
          subtype: c.complaint ? 'complaint' : 'none',
          deletedAt: c.deleted ? '2025-01-01T00:00:00Z' : null,
        }),
      ),
      notes: r.notes.map((n) =>
        note(pick(n.c), n.at, { deletedAt: n.deleted ? '2025-01-01T00:00:00Z' : null }),
      ),
      ...(r.cadence ? { cadence: r.cadence } : {}),
    };
  });
