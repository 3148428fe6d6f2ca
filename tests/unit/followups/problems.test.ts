import { describe, expect, it } from 'vitest';
import { generateFollowUps } from '../../../shared/domain/followupRules';
import type { RetentionPlan } from '../../../shared/domain';
import { book, client, live, plan, problem, programWith, settle, testId } from './book';

const today = '2025-03-10';
const program = programWith((p) => {
  p.rules.no_contact.enabled = false;
});

describe('problem due dates', () => {
  it.each(['open', 'in_progress'] as const)(
    'an %s problem with a due date gets a follow-up on that date',
    (status) => {
      const c = client();
      const pr = problem(c.id, {
        due: '2025-03-12',
        status,
        description: 'Протекает бойлер\nподробности в заметке',
      });
      expect(
        generateFollowUps(book({ clients: [c], problems: [pr] }), program, today).create,
      ).toEqual([
        expect.objectContaining({
          kind: 'problem_due',
          ruleKey: `problem_due:${pr.id}`,
          due: '2025-03-12',
          subjectId: pr.id,
          title: 'Протекает бойлер',
        }),
      ]);
    },
  );

  it('an overdue open problem is never too old to chase', () => {
    const c = client();
    const pr = problem(c.id, { due: '2024-01-12' });
    expect(
      generateFollowUps(book({ clients: [c], problems: [pr] }), program, today).create,
    ).toHaveLength(1);
  });

  it.each(['fixed', 'confirmed'] as const)(
    'a %s problem gets no new follow-up, and its open one closes itself',
    (status) => {
      const c = client();
      const pr = problem(c.id, { due: '2025-03-12' });
      const before = settle(book({ clients: [c], problems: [pr] }), today, program);
      const after = { ...before, problems: [{ ...pr, status }] };
      expect(generateFollowUps(after, program, today)).toEqual({
        create: [],
        update: [],
        remove: [],
        close: [
          { id: before.followUps[0]?.id, ruleKey: `problem_due:${pr.id}`, reason: 'fact_recorded' },
        ],
      });
      expect(
        generateFollowUps(book({ clients: [c], problems: [{ ...pr, status }] }), program, today)
          .create,
      ).toEqual([]);
    },
  );

  it('a new due date moves the open follow-up; no due date removes it', () => {
    const c = client();
    const pr = problem(c.id, { due: '2025-03-12' });
    const before = settle(book({ clients: [c], problems: [pr] }), today, program);
    expect(
      generateFollowUps({ ...before, problems: [{ ...pr, due: '2025-03-15' }] }, program, today)
        .update[0]?.changes,
    ).toEqual({ due: '2025-03-15' });
    expect(
      generateFollowUps({ ...before, problems: [{ ...pr, due: null }] }, program, today).remove,
    ).toHaveLength(1);
  });
});

describe('retention plan actions', () => {
  function planBook(actions: RetentionPlan['actions'], status: RetentionPlan['status'] = 'active') {
    const c = client({ status: 'at_risk' });
    const pl = plan(c.id, { actions, status });
    return { c, pl, b: book({ clients: [c], retentionPlans: [pl] }) };
  }
  const action = (o: Partial<RetentionPlan['actions'][number]> = {}) => ({
    id: testId(),
    text: 'Позвонить директору, обсудить график поставок',
    responsible: 'Я',
    due: '2025-03-14',
    done: false,
    ...o,
  });

  it('each dated, undone action of an active plan is a follow-up on its date', () => {
    const a = action();
    const { b, pl } = planBook([a, action({ due: null }), action({ done: true })]);
    expect(generateFollowUps(b, program, today).create).toEqual([
      expect.objectContaining({
        kind: 'retention_action',
        ruleKey: `retention_action:${pl.id}:${a.id}`,
        due: '2025-03-14',
        subjectId: pl.id,
      }),
    ]);
  });

  it('marking the action done closes its follow-up; ending the plan removes the steps left', () => {
    const a = action();
    const { b, pl } = planBook([a]);
    const before = settle(b, today, program);
    const [open] = live(before, 'retention_action');
    const ruleKey = `retention_action:${pl.id}:${a.id}`;
    expect(
      generateFollowUps(
        { ...before, retentionPlans: [{ ...pl, actions: [{ ...a, done: true }] }] },
        program,
        today,
      ),
    ).toEqual({
      create: [],
      update: [],
      remove: [],
      close: [{ id: open?.id, ruleKey, reason: 'fact_recorded' }],
    });
    expect(
      generateFollowUps(
        { ...before, retentionPlans: [{ ...pl, status: 'succeeded' }] },
        program,
        today,
      ),
    ).toEqual({
      create: [],
      update: [],
      remove: [{ id: open?.id, ruleKey, reason: 'subject_gone' }],
      close: [],
    });
  });

  it('an action taken out of the plan removes its open follow-up', () => {
    const a = action();
    const { b, pl } = planBook([a]);
    const before = settle(b, today, program);
    expect(
      generateFollowUps({ ...before, retentionPlans: [{ ...pl, actions: [] }] }, program, today)
        .remove,
    ).toHaveLength(1);
  });
});
