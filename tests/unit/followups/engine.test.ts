import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeFollowUp,
  generateFollowUps,
  isEmptyDiff,
  type FollowUpBook,
} from '../../../shared/domain/followupRules';
import { addDays } from '../../../shared/domain/followups/days';
import { DEFAULT_PROGRAM, PROGRAM_RULE_KINDS, type Program } from '../../../shared/domain/program';
import { book, client, contact, followUp, live, person, problem, purchase, settle } from './book';

const today = '2025-03-10';

const dayNear = fc.integer({ min: -420, max: 420 }).map((n) => addDays(today, n));
const maybeDay = fc.option(dayNear, { nil: null });
const milestone = fc.record({ due: maybeDay, done: maybeDay });
const birthday = fc.option(
  fc.oneof(
    fc.constantFrom('--02-29', '1984-02-29', '--12-31', '--01-01', '--03-09', '1990-11-02'),
    dayNear.map((d) => `--${d.slice(5)}`),
  ),
  { nil: null },
);

/** A small random client book around `today`. */
const bookArb = fc
  .array(
    fc.record({
      status: fc.constantFrom(
        'prospect',
        'active',
        'at_risk',
        'lost',
        'won_back',
      ) as fc.Arbitrary<'active'>,
      cadence: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
      contactDay: maybeDay,
      purchases: fc.array(
        fc.record({
          delivery: milestone,
          installation: milestone,
          training: milestone,
          payment: milestone,
        }),
        { maxLength: 3 },
      ),
      birthdays: fc.array(
        fc.record({ own: birthday, children: fc.array(birthday, { maxLength: 2 }) }),
        { maxLength: 2 },
      ),
      problems: fc.array(
        fc.record({
          due: maybeDay,
          status: fc.constantFrom(
            'open',
            'in_progress',
            'fixed',
            'confirmed',
          ) as fc.Arbitrary<'open'>,
        }),
        { maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((specs): FollowUpBook => {
    const b = book();
    const parts = {
      clients: [...b.clients],
      people: [...b.people],
      purchases: [...b.purchases],
      contacts: [...b.contacts],
      problems: [...b.problems],
    };
    for (const s of specs) {
      const c = client({ status: s.status, cadenceDays: s.cadence });
      parts.clients.push(c);
      if (s.contactDay) parts.contacts.push(contact(c.id, `${s.contactDay}T12:00:00+03:00`));
      for (const p of s.purchases) parts.purchases.push(purchase(c.id, p));
      for (const bd of s.birthdays) {
        parts.people.push(
          person(c.id, {
            birthday: bd.own,
            children: bd.children.map((d, i) => ({ name: `Ребёнок ${i}`, birthday: d })),
          }),
        );
      }
      for (const pr of s.problems) parts.problems.push(problem(c.id, pr));
    }
    return { ...b, ...parts };
  });

const programArb: fc.Arbitrary<Program> = fc
  .record({
    off: fc.subarray([...PROGRAM_RULE_KINDS]),
    birthdayDays: fc.integer({ min: 0, max: 30 }),
    postSaleDays: fc.integer({ min: 1, max: 60 }),
    aheadDays: fc.integer({ min: 0, max: 90 }),
    pastDays: fc.integer({ min: 0, max: 400 }),
  })
  .map(({ off, birthdayDays, postSaleDays, aheadDays, pastDays }) => {
    const p = structuredClone(DEFAULT_PROGRAM);
    for (const k of off) p.rules[k].enabled = false;
    p.rules.birthday.days = birthdayDays;
    p.rules.post_sale_visit.days = postSaleDays;
    p.horizon = { aheadDays, pastDays };
    return p;
  });

describe('generation is idempotent and respects the rep', () => {
  it('applying the diff and generating again for the same day gives an empty diff', () => {
    fc.assert(
      fc.property(bookArb, programArb, dayNear, (b, program, day) => {
        const once = settle(b, day, program);
        expect(generateFollowUps(once, program, day)).toEqual({
          create: [],
          update: [],
          remove: [],
          close: [],
        });
      }),
      { numRuns: 300 },
    );
  });

  it('day after day, with every change applied, no rule key is ever held by two live follow-ups', () => {
    fc.assert(
      fc.property(bookArb, programArb, (b, program) => {
        let current = b;
        for (let d = 0; d < 40; d += 3) current = settle(current, addDays(today, d), program);
        const keys = live(current).map((f) => f.ruleKey);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 60 },
    );
  });

  it("generating for one client's records gives exactly that client's part of the full diff", () => {
    fc.assert(
      fc.property(bookArb, programArb, (b, program) => {
        const once = settle(b, today, program);
        const later = addDays(today, 9);
        const full = generateFollowUps(once, program, later);
        const sorted = (d: typeof full) => ({
          create: d.create.map((x) => x.ruleKey).sort(),
          update: d.update.map((x) => x.id).sort(),
          remove: d.remove.map((x) => x.id).sort(),
        });
        const parts = once.clients.map((c) => {
          const mine = <T extends { clientId: string }>(rows: readonly T[]) =>
            rows.filter((r) => r.clientId === c.id);
          return generateFollowUps(
            {
              clients: [c],
              people: mine(once.people),
              purchases: mine(once.purchases),
              visits: mine(once.visits),
              notes: mine(once.notes),
              contacts: mine(once.contacts),
              problems: mine(once.problems),
              retentionPlans: mine(once.retentionPlans),
              followUps: mine(once.followUps),
            },
            program,
            later,
          );
        });
        const joined = {
          create: parts.flatMap((p) => p.create),
          update: parts.flatMap((p) => p.update),
          remove: parts.flatMap((p) => p.remove),
          close: parts.flatMap((p) => p.close),
        };
        expect(sorted(joined)).toEqual(sorted(full));
      }),
      { numRuns: 100 },
    );
  });

  it('only open follow-ups are ever updated or removed, and no diff sets a status', () => {
    fc.assert(
      fc.property(
        bookArb,
        programArb,
        programArb,
        fc.constantFrom('done', 'snoozed', 'dismissed'),
        (b, first, second, status) => {
          const once = settle(b, today, first);
          // The rep acts on every other follow-up; then management changes the program.
          const acted = {
            ...once,
            followUps: once.followUps.map((f, i) => (i % 2 === 0 ? { ...f, status } : f)),
          };
          const diff = generateFollowUps(acted, second, addDays(today, 5));
          const byId = new Map(acted.followUps.map((f) => [f.id, f]));
          for (const ref of [...diff.update, ...diff.remove])
            expect(byId.get(ref.id)?.status).toBe('open');
          for (const u of diff.update)
            expect(
              Object.keys(u.changes).every((k) =>
                ['due', 'title', 'clientId', 'subjectId'].includes(k),
              ),
            ).toBe(true);
          for (const c of diff.create) expect(c.status).toBe('open');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an open twin of the same key (two devices generated it offline) is removed; the one acted on stays', () => {
    const c = client();
    const p = purchase(c.id, { delivery: { due: '2025-03-14', done: null } });
    const key = `delivery_check:${p.id}`;
    const open = followUp(c.id, {
      kind: 'delivery_check',
      ruleKey: key,
      due: '2025-03-14',
      subjectId: p.id,
      title: 'Кофемашина Jura',
    });
    const done = followUp(c.id, {
      kind: 'delivery_check',
      ruleKey: key,
      due: '2025-03-14',
      status: 'done',
      subjectId: p.id,
    });
    const b = book({ clients: [c], purchases: [p], followUps: [open, done] });
    const noSilence = structuredClone(DEFAULT_PROGRAM);
    noSilence.rules.no_contact.enabled = false;
    expect(generateFollowUps(b, noSilence, today)).toEqual({
      create: [],
      update: [],
      remove: [{ id: open.id, ruleKey: key, reason: 'duplicate' }],
      close: [],
    });
  });

  it('follow-ups added by hand and keys from a newer app version are left alone', () => {
    const c = client({ createdAt: '2025-03-09T10:00:00+03:00' });
    const manual = followUp(c.id, { kind: 'custom', ruleKey: null, title: 'Отвезти образцы' });
    const future = followUp(c.id, { kind: 'custom', ruleKey: 'warranty_end:abc', title: 'x' });
    const diff = generateFollowUps(
      book({ clients: [c], followUps: [manual, future] }),
      DEFAULT_PROGRAM,
      today,
    );
    expect(diff.remove).toEqual([]);
    expect(diff.update).toEqual([]);
  });

  it('a soft-deleted follow-up does not block its key from being created again', () => {
    const c = client();
    const p = purchase(c.id, { delivery: { due: '2025-03-14', done: null } });
    const gone = {
      ...followUp(c.id, { kind: 'delivery_check', ruleKey: `delivery_check:${p.id}` }),
      deletedAt: '2025-03-09T10:00:00+03:00',
    };
    const diff = generateFollowUps(
      book({ clients: [c], purchases: [p], followUps: [gone] }),
      DEFAULT_PROGRAM,
      today,
    );
    expect(diff.create.map((f) => f.ruleKey)).toContain(`delivery_check:${p.id}`);
  });

  it('refuses a today that is not a calendar day', () => {
    expect(() => generateFollowUps(book(), DEFAULT_PROGRAM, '2025-02-30')).toThrow(RangeError);
    expect(() => generateFollowUps(book(), DEFAULT_PROGRAM, '10.03.2025')).toThrow(RangeError);
  });

  it('isEmptyDiff tells an empty diff from a non-empty one', () => {
    expect(isEmptyDiff({ create: [], update: [], remove: [], close: [] })).toBe(true);
    expect(
      isEmptyDiff({
        create: [],
        update: [],
        remove: [{ id: 'x', ruleKey: 'k', reason: 'duplicate' }],
        close: [],
      }),
    ).toBe(false);
  });
});

describe('describing a follow-up for the UI', () => {
  it.each([
    ['birthday_child_before:p:маша:2025', 'birthday', 'followups.rule.birthday_child_before'],
    ['birthday:p:2025', 'birthday', 'followups.rule.birthday'],
    ['no_contact:c:2025-01-01', 'no_contact', 'followups.rule.no_contact'],
    [null, 'custom', 'followups.rule.custom'],
    ['someday_rule:x', 'custom', 'followups.rule.custom'],
  ] as const)('%s → %s', (ruleKey, kind, key) => {
    const d = describeFollowUp({ ruleKey, kind, title: 'Маша', due: '2025-03-07', subjectId: 'p' });
    expect(d.key).toBe(key);
    expect(d.params.name).toBe('Маша');
  });

  it('a greeting says whose birthday it is and the birthday itself, for the reminder ahead too', () => {
    const fyodor = {
      id: 'p',
      name: 'Фёдор Колесников',
      birthday: null,
      children: [{ name: 'Алёна', birthday: '--12-11' }],
    };
    const reminder = {
      ruleKey: 'birthday_child_before:p:алёна:2026',
      kind: 'birthday' as const,
      title: 'Алёна',
      due: '2026-12-08',
      subjectId: 'p',
    };
    expect(describeFollowUp(reminder, [fyodor]).params).toEqual({
      name: 'Алёна',
      parent: 'Фёдор Колесников',
      day: '2026-12-11',
    });
    const onTheDay = { ...reminder, ruleKey: 'birthday_child:p:алёна:2026', due: '2026-12-11' };
    expect(describeFollowUp(onTheDay, [fyodor]).params.day).toBe('2026-12-11');
  });
});
