// One rule per fact (issue 11): a follow-up exists because a fact is missing and closes itself
// the moment that fact is recorded, wherever it is recorded. Random books, random histories of
// events (a milestone recorded on the card or in a post-sale visit, a contact logged, a problem
// fixed, a plan step done, days passing); after every event the rules run as the keeper runs them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ContactType, FollowUp, Purchase } from '../../../shared/domain';
import { CONTACT_TYPES } from '../../../shared/domain';
import { generateFollowUps, type FollowUpBook } from '../../../shared/domain/followupRules';
import {
  addDays,
  birthdayInYear,
  dayOfTimestamp,
  type Day,
} from '../../../shared/domain/followups/days';
import { lastContactDays } from '../../../shared/domain/followups/contactGaps';
import { BIRTHDAY_GRACE_DAYS } from '../../../shared/domain/followupRules';
import { DEFAULT_PROGRAM } from '../../../shared/domain/program';
import {
  book,
  client,
  contact,
  person,
  plan,
  problem,
  purchase,
  settle,
  visit,
  testId,
} from './book';

const start = '2025-03-10';
const program = DEFAULT_PROGRAM;
const MILESTONES = ['delivery', 'installation', 'training', 'payment'] as const;
type MilestoneField = (typeof MILESTONES)[number];

const offset = fc.integer({ min: -20, max: 25 });
const maybeOffset = fc.option(offset, { nil: null });

const bookArb = fc
  .array(
    fc.record({
      purchases: fc.array(
        fc.record({
          delivery: maybeOffset,
          installation: maybeOffset,
          training: maybeOffset,
          payment: maybeOffset,
        }),
        { maxLength: 2 },
      ),
      people: fc.array(fc.record({ own: maybeOffset, child: maybeOffset }), { maxLength: 2 }),
      problems: fc.array(maybeOffset, { maxLength: 2 }),
      actions: fc.array(maybeOffset, { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((specs): FollowUpBook => {
    const b = book();
    const rows = {
      clients: [] as FollowUpBook['clients'][number][],
      people: [] as FollowUpBook['people'][number][],
      purchases: [] as Purchase[],
      problems: [] as FollowUpBook['problems'][number][],
      retentionPlans: [] as FollowUpBook['retentionPlans'][number][],
    };
    const yearless = (n: number | null) => (n === null ? null : `--${addDays(start, n).slice(5)}`);
    for (const s of specs) {
      const c = client({ status: 'active', createdAt: '2025-02-01T10:00:00+03:00' });
      rows.clients.push(c);
      for (const p of s.purchases) {
        const m = (n: number | null) => ({
          due: n === null ? null : addDays(start, n),
          done: null,
        });
        rows.purchases.push(
          purchase(c.id, {
            delivery: m(p.delivery),
            installation: m(p.installation),
            training: m(p.training),
            payment: m(p.payment),
          }),
        );
      }
      for (const pe of s.people)
        rows.people.push(
          person(c.id, {
            birthday: yearless(pe.own),
            children: pe.child === null ? [] : [{ name: 'Алёна', birthday: yearless(pe.child) }],
          }),
        );
      for (const due of s.problems)
        rows.problems.push(problem(c.id, { due: due === null ? null : addDays(start, due) }));
      if (s.actions.length > 0)
        rows.retentionPlans.push(
          plan(c.id, {
            actions: s.actions.map((due) => ({
              id: testId(),
              text: 'Позвонить директору',
              responsible: '',
              due: due === null ? null : addDays(start, due),
              done: false,
            })),
          }),
        );
    }
    return { ...b, ...rows };
  });

type Event =
  | { kind: 'days'; n: number }
  | { kind: 'milestone'; i: number; field: MilestoneField; where: 'card' | 'visit' }
  | { kind: 'post_sale_visit'; i: number }
  | { kind: 'contact'; i: number; type: ContactType; person: number }
  | { kind: 'fix_problem'; i: number }
  | { kind: 'action_done'; i: number; j: number }
  | { kind: 'rep_done'; i: number };

const eventArb: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 1, max: 9 }) }),
  fc.record({
    kind: fc.constant('milestone' as const),
    i: fc.nat(),
    field: fc.constantFrom(...MILESTONES),
    where: fc.constantFrom('card' as const, 'visit' as const),
  }),
  fc.record({ kind: fc.constant('post_sale_visit' as const), i: fc.nat() }),
  fc.record({
    kind: fc.constant('contact' as const),
    i: fc.nat(),
    type: fc.constantFrom(...CONTACT_TYPES),
    person: fc.integer({ min: -1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('fix_problem' as const), i: fc.nat() }),
  fc.record({ kind: fc.constant('action_done' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ kind: fc.constant('rep_done' as const), i: fc.nat() }),
);

function pickAt<T>(list: readonly T[], i: number): T | undefined {
  return list.length === 0 ? undefined : list[i % list.length];
}

/** The book after one event on `today`, recorded as the app records it. */
function happen(b: FollowUpBook, e: Event, today: Day): FollowUpBook {
  const at = `${today}T12:00:00+03:00`;
  switch (e.kind) {
    case 'days':
      return b;
    case 'milestone': {
      const p = pickAt(b.purchases, e.i);
      if (!p || p[e.field].done !== null) return b;
      const recorded = { ...p, [e.field]: { ...p[e.field], done: today } };
      const purchases = b.purchases.map((x) => (x.id === p.id ? recorded : x));
      // A post-sale visit that records the step done is finished with it.
      const visits =
        e.where === 'visit'
          ? [...b.visits, visit(p.clientId, { purchaseId: p.id, startedAt: at, finishedAt: at })]
          : b.visits;
      return { ...b, purchases, visits };
    }
    case 'post_sale_visit': {
      const p = pickAt(b.purchases, e.i);
      if (!p) return b;
      const v = visit(p.clientId, { purchaseId: p.id, startedAt: at, finishedAt: at });
      return { ...b, visits: [...b.visits, v] };
    }
    case 'contact': {
      const c = pickAt(b.clients, e.i);
      if (!c) return b;
      const people = b.people.filter((p) => p.clientId === c.id);
      const personId = e.person < 0 ? null : (pickAt(people, e.person)?.id ?? null);
      return { ...b, contacts: [...b.contacts, contact(c.id, at, { type: e.type, personId })] };
    }
    case 'fix_problem': {
      const pr = pickAt(b.problems, e.i);
      if (!pr) return b;
      const problems = b.problems.map((x) =>
        x.id === pr.id ? { ...x, status: 'fixed' as const } : x,
      );
      return { ...b, problems };
    }
    case 'action_done': {
      const pl = pickAt(b.retentionPlans, e.i);
      const a = pl && pickAt(pl.actions, e.j);
      if (!pl || !a) return b;
      const actions = pl.actions.map((x) => (x.id === a.id ? { ...x, done: true } : x));
      return {
        ...b,
        retentionPlans: b.retentionPlans.map((x) => (x.id === pl.id ? { ...x, actions } : x)),
      };
    }
    case 'rep_done': {
      const open = b.followUps.filter((f) => f.deletedAt === null && f.status === 'open');
      const f = pickAt(open, e.i);
      if (!f) return b;
      const followUps = b.followUps.map((x) =>
        x.id === f.id ? { ...x, status: 'done' as const, doneAt: at } : x,
      );
      return { ...b, followUps };
    }
  }
}

const contactDay = (at: string) => dayOfTimestamp(at) ?? '';

/**
 * The fact a live follow-up waits for, read straight from the records (not through the rules):
 * true when it is recorded, so the follow-up must not be open.
 */
function factRecorded(b: FollowUpBook, f: FollowUp, today: Day): boolean {
  const key = f.ruleKey ?? '';
  const parts = key.split(':');
  const purchaseOf = () => b.purchases.find((p) => p.id === f.subjectId);
  const field: Partial<Record<FollowUp['kind'], MilestoneField>> = {
    delivery_check: 'delivery',
    installation_check: 'installation',
    training_check: 'training',
    payment_check: 'payment',
  };
  const milestone = field[f.kind];
  if (milestone) return purchaseOf()?.[milestone].done != null;
  switch (f.kind) {
    case 'post_sale_visit':
      return b.visits.some(
        (v) => v.kind === 'post_sale' && v.status === 'finished' && v.purchaseId === f.subjectId,
      );
    case 'satisfaction_check': {
      const delivered = purchaseOf()?.delivery.done;
      return b.contacts.some(
        (c) =>
          c.clientId === f.clientId &&
          c.type === 'seller_initiated' &&
          delivered != null &&
          contactDay(c.at) >= delivered,
      );
    }
    case 'birthday': {
      const pe = b.people.find((p) => p.id === f.subjectId);
      const year = Number(parts[parts.length - 1]);
      const child = parts.length === 4;
      const bd = child ? pe?.children[0]?.birthday : pe?.birthday;
      const day = bd ? birthdayInYear(bd, year) : null;
      if (!day) return false;
      const greeted = b.contacts.some(
        (c) =>
          c.clientId === f.clientId &&
          c.type === 'friendly' &&
          (c.personId === null || c.personId === pe?.id) &&
          contactDay(c.at) >= addDays(day, -program.rules.birthday.days) &&
          contactDay(c.at) <= addDays(day, BIRTHDAY_GRACE_DAYS),
      );
      // A greeting past its grace has lapsed; a reminder once the day has come, too.
      const lapsed = parts[0]!.endsWith('_before')
        ? day <= today
        : addDays(day, BIRTHDAY_GRACE_DAYS) < today;
      return greeted || lapsed;
    }
    case 'no_contact': {
      const last = lastContactDays(b.contacts, b.visits, b.notes).get(f.clientId);
      return last !== undefined && last > parts[2]!;
    }
    case 'problem_due': {
      const pr = b.problems.find((p) => p.id === f.subjectId);
      return pr?.status === 'fixed' || pr?.status === 'confirmed';
    }
    case 'retention_action': {
      const pl = b.retentionPlans.find((p) => p.id === f.subjectId);
      return pl?.actions.find((a) => a.id === parts[2])?.done === true;
    }
    default:
      return false;
  }
}

/** Milestone and problem facts that are missing within the horizon: each must have its follow-up. */
function missingFactKeys(b: FollowUpBook, today: Day): string[] {
  const keys: string[] = [];
  const past = addDays(today, -program.horizon.pastDays);
  const ahead = addDays(today, program.horizon.aheadDays);
  for (const p of b.purchases)
    for (const field of MILESTONES) {
      const m = p[field];
      const due = m.due && addDays(m.due, program.rules[`${field}_check`].days);
      if (m.done === null && due && due >= past && due <= ahead)
        keys.push(`${field}_check:${p.id}`);
    }
  for (const pr of b.problems)
    if (pr.due && pr.due <= ahead && (pr.status === 'open' || pr.status === 'in_progress'))
      keys.push(`problem_due:${pr.id}`);
  return keys;
}

describe('one rule per fact', () => {
  it('after every event the open follow-ups are exactly what the rules derive, and none is open whose fact is recorded', () => {
    fc.assert(
      fc.property(
        bookArb,
        fc.array(eventArb, { minLength: 1, maxLength: 25 }),
        (initial, events) => {
          let today = start;
          let b = settle(initial, today, program);
          for (const e of events) {
            if (e.kind === 'days') today = addDays(today, e.n);
            b = settle(happen(b, e, today), today, program);
            // The open follow-ups equal what the rules derive: running them again changes nothing.
            const again = generateFollowUps(b, program, today);
            expect(again).toEqual({ create: [], update: [], remove: [], close: [] });
            const live = b.followUps.filter((f) => f.deletedAt === null);
            // No follow-up is open (or held) whose fact is recorded.
            for (const f of live)
              if (f.status === 'open' || f.status === 'snoozed')
                expect({ key: f.ruleKey, recorded: factRecorded(b, f, today) }).toEqual({
                  key: f.ruleKey,
                  recorded: false,
                });
            // Every missing fact in the horizon has its follow-up (open, or closed by the rep).
            const keys = new Set(live.map((f) => f.ruleKey));
            for (const key of missingFactKeys(b, today)) expect(keys).toContain(key);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a post-sale visit that records the installation closes the installation check', () => {
    const c = client({ status: 'active' });
    const p = purchase(c.id, { installation: { due: '2025-03-12', done: null } });
    const before = settle(book({ clients: [c], purchases: [p] }), start, program);
    const check = before.followUps.find((f) => f.kind === 'installation_check');
    expect(check?.status).toBe('open');
    const after = happen(
      before,
      { kind: 'milestone', i: 0, field: 'installation', where: 'visit' },
      '2025-03-13',
    );
    const closed = settle(after, '2025-03-13', program).followUps.find((f) => f.id === check?.id);
    expect(closed).toMatchObject({ status: 'done', deletedAt: null });
  });

  it('a feedback call logged after the delivery closes the satisfaction check; a friendly call does not', () => {
    const c = client({ status: 'active' });
    const p = purchase(c.id, { delivery: { due: '2025-02-01', done: '2025-02-05' } });
    const b = settle(book({ clients: [c], purchases: [p] }), start, program);
    const check = b.followUps.find((f) => f.kind === 'satisfaction_check');
    expect(check?.status).toBe('open');
    const friendly = settle(
      happen(b, { kind: 'contact', i: 0, type: 'friendly', person: -1 }, start),
      start,
      program,
    );
    expect(friendly.followUps.find((f) => f.id === check?.id)?.status).toBe('open');
    const asked = settle(
      happen(b, { kind: 'contact', i: 0, type: 'seller_initiated', person: -1 }, start),
      start,
      program,
    );
    expect(asked.followUps.find((f) => f.id === check?.id)?.status).toBe('done');
  });
});
