import { describe, expect, it } from 'vitest';
import { FollowUpSchema } from '../../../shared/domain';
import { generateFollowUps } from '../../../shared/domain/followupRules';
import { DEFAULT_PROGRAM } from '../../../shared/domain/program';
import {
  applied,
  book,
  client,
  followUp,
  live,
  programWith,
  purchase,
  settle,
  visit,
} from './book';

const today = '2025-03-10';
const noNoContact = programWith((p) => {
  p.rules.no_contact.enabled = false;
});

function withDelivery(due: string | null, done: string | null = null) {
  const c = client();
  const p = purchase(c.id, { delivery: { due, done } });
  return { c, p, b: book({ clients: [c], purchases: [p] }) };
}

describe('milestone checks', () => {
  it('a delivery check is due on the delivery due date, about that purchase', () => {
    const { c, p, b } = withDelivery('2025-03-14');
    const diff = generateFollowUps(b, noNoContact, today);
    expect(diff.create).toEqual([
      expect.objectContaining({
        kind: 'delivery_check',
        ruleKey: `delivery_check:${p.id}`,
        due: '2025-03-14',
        clientId: c.id,
        subjectId: p.id,
        status: 'open',
        title: 'Кофемашина Jura',
      }),
    ]);
  });

  it('installation, training and payment checks fall on their own due dates', () => {
    const c = client();
    const p = purchase(c.id, {
      installation: { due: '2025-03-15', done: null },
      training: { due: '2025-03-20', done: null },
      payment: { due: '2025-03-11', done: null },
    });
    const created = generateFollowUps(
      book({ clients: [c], purchases: [p] }),
      noNoContact,
      today,
    ).create;
    expect(created.map((f) => [f.kind, f.due])).toEqual([
      ['installation_check', '2025-03-15'],
      ['training_check', '2025-03-20'],
      ['payment_check', '2025-03-11'],
    ]);
  });

  it("the program's N shifts a check after its due date", () => {
    const { b } = withDelivery('2025-03-14');
    const program = programWith((p) => {
      p.rules.no_contact.enabled = false;
      p.rules.delivery_check.days = 2;
    });
    expect(generateFollowUps(b, program, today).create[0]?.due).toBe('2025-03-16');
  });

  it('created drafts become valid follow-up records', () => {
    const { b } = withDelivery('2025-03-14');
    const after = settle(b, today, noNoContact);
    for (const f of after.followUps) expect(FollowUpSchema.safeParse(f).success).toBe(true);
  });

  it('moving the delivery date moves its open check', () => {
    const { b, p } = withDelivery('2025-03-14');
    const before = settle(b, today, noNoContact);
    const moved = { ...before, purchases: [{ ...p, delivery: { due: '2025-03-21', done: null } }] };
    const diff = generateFollowUps(moved, noNoContact, today);
    expect(diff.create).toEqual([]);
    expect(diff.update).toEqual([
      {
        id: live(before)[0]?.id,
        ruleKey: `delivery_check:${p.id}`,
        changes: { due: '2025-03-21' },
      },
    ]);
  });

  it.each(['done', 'snoozed', 'dismissed'] as const)(
    'a %s check is not moved when the date moves',
    (status) => {
      const { b, p, c } = withDelivery('2025-03-14');
      const f = followUp(c.id, {
        kind: 'delivery_check',
        ruleKey: `delivery_check:${p.id}`,
        due: '2025-03-14',
        status,
      });
      const moved = {
        ...b,
        followUps: [f],
        purchases: [{ ...p, delivery: { due: '2025-03-21', done: null } }],
      };
      expect(generateFollowUps(moved, noNoContact, today)).toEqual({
        create: [],
        update: [],
        remove: [],
        close: [],
      });
    },
  );

  it('recording the delivery as done closes the open check itself (one rule per fact)', () => {
    const { b, p } = withDelivery('2025-03-14');
    const before = settle(b, today, noNoContact);
    const delivered = {
      ...before,
      purchases: [{ ...p, delivery: { due: '2025-03-14', done: '2025-03-12' } }],
    };
    const diff = generateFollowUps(delivered, noNoContact, today);
    expect(diff.update).toEqual([]);
    expect(diff.remove).toEqual([]);
    expect(diff.close).toEqual([
      { id: live(before)[0]?.id, ruleKey: `delivery_check:${p.id}`, reason: 'fact_recorded' },
    ]);
    // The satisfaction check (12 March + 30) is beyond the 30-day horizon, so only the visit is new.
    expect(diff.create.map((f) => f.kind)).toEqual(['post_sale_visit']);
  });

  it('no check is created for a milestone already done', () => {
    const { b } = withDelivery('2025-03-14', '2025-03-09');
    expect(generateFollowUps(b, noNoContact, today).create.map((f) => f.kind)).not.toContain(
      'delivery_check',
    );
  });

  it('clearing the due date removes the open check; a done one stays', () => {
    const { b, p, c } = withDelivery('2025-03-14');
    const before = settle(b, today, noNoContact);
    const done = followUp(c.id, {
      kind: 'payment_check',
      ruleKey: `payment_check:${p.id}`,
      status: 'done',
    });
    const cleared = {
      ...before,
      followUps: [...before.followUps, done],
      purchases: [{ ...p, delivery: { due: null, done: null } }],
    };
    const diff = generateFollowUps(cleared, noNoContact, today);
    expect(diff.remove).toEqual([
      { id: live(before)[0]?.id, ruleKey: `delivery_check:${p.id}`, reason: 'subject_gone' },
    ]);
  });

  it('deleting the purchase or the client removes its open checks', () => {
    const { b, p, c } = withDelivery('2025-03-14');
    const before = settle(b, today, noNoContact);
    const gonePurchase = {
      ...before,
      purchases: [{ ...p, deletedAt: '2025-03-10T10:00:00+03:00' }],
    };
    const goneClient = { ...before, clients: [{ ...c, deletedAt: '2025-03-10T10:00:00+03:00' }] };
    expect(generateFollowUps(gonePurchase, noNoContact, today).remove).toHaveLength(1);
    expect(generateFollowUps(goneClient, noNoContact, today).remove).toHaveLength(1);
  });

  it('a purchase moved to another client takes its open check along', () => {
    const { b, p } = withDelivery('2025-03-14');
    const before = settle(b, today, noNoContact);
    const other = client({ name: 'ИП Сидоров' });
    const moved = {
      ...before,
      clients: [...before.clients, other],
      purchases: [{ ...p, clientId: other.id }],
    };
    expect(generateFollowUps(moved, noNoContact, today).update[0]?.changes).toEqual({
      clientId: other.id,
    });
  });

  it('checks far beyond the planning horizon wait; long-overdue history is not created', () => {
    const c = client();
    const farAhead = purchase(c.id, { delivery: { due: '2025-06-01', done: null } });
    const ancient = purchase(c.id, { payment: { due: '2023-01-10', done: null } });
    const edgeAhead = purchase(c.id, { delivery: { due: '2025-04-09', done: null } });
    const edgePast = purchase(c.id, { payment: { due: '2025-01-09', done: null } });
    const diff = generateFollowUps(
      book({ clients: [c], purchases: [farAhead, ancient, edgeAhead, edgePast] }),
      noNoContact,
      today,
    );
    expect(diff.create.map((f) => f.subjectId)).toEqual([edgeAhead.id, edgePast.id]);
  });

  it('a check that waited beyond the horizon is created once its date comes near', () => {
    const { b } = withDelivery('2025-06-01');
    expect(generateFollowUps(b, noNoContact, '2025-03-10').create).toHaveLength(0);
    expect(generateFollowUps(b, noNoContact, '2025-05-02').create).toHaveLength(1);
  });
});

describe('after delivery', () => {
  it('a post-sale visit is due N days after the delivery was done, a satisfaction check after 30', () => {
    const { b, p } = withDelivery('2025-03-01', '2025-03-03');
    const created = generateFollowUps(b, noNoContact, today).create;
    expect(created.map((f) => [f.ruleKey, f.due])).toEqual([
      [`post_sale_visit:${p.id}`, '2025-03-10'],
      [`satisfaction_check:${p.id}`, '2025-04-02'],
    ]);
    expect(DEFAULT_PROGRAM.rules.post_sale_visit.days).toBe(7);
  });

  it('correcting the delivery day moves the open post-sale visit and satisfaction check', () => {
    const { b, p } = withDelivery('2025-03-01', '2025-03-03');
    const before = settle(b, today, noNoContact);
    const corrected = {
      ...before,
      purchases: [{ ...p, delivery: { due: '2025-03-01', done: '2025-03-05' } }],
    };
    expect(
      generateFollowUps(corrected, noNoContact, today).update.map((u) => u.changes.due),
    ).toEqual(['2025-03-12', '2025-04-04']);
  });

  it('a finished post-sale visit for the purchase means no post-sale visit follow-up is created', () => {
    const { b, p, c } = withDelivery('2025-03-01', '2025-03-03');
    const v = visit(c.id, { purchaseId: p.id, kind: 'post_sale', status: 'finished' });
    const created = generateFollowUps({ ...b, visits: [v] }, noNoContact, today).create.map(
      (f) => f.kind,
    );
    expect(created).toEqual(['satisfaction_check']);
  });

  it('a draft post-sale visit does not settle the follow-up', () => {
    const { b, p, c } = withDelivery('2025-03-01', '2025-03-03');
    const v = visit(c.id, {
      purchaseId: p.id,
      kind: 'post_sale',
      status: 'draft',
      finishedAt: null,
    });
    expect(
      generateFollowUps({ ...b, visits: [v] }, noNoContact, today).create.map((f) => f.kind),
    ).toContain('post_sale_visit');
  });

  it('un-recording the delivery removes the open post-sale follow-ups', () => {
    const { b, p } = withDelivery('2025-03-01', '2025-03-03');
    const before = settle(b, today, noNoContact);
    const undone = {
      ...before,
      purchases: [{ ...p, delivery: { due: '2025-03-01', done: null } }],
    };
    const diff = generateFollowUps(undone, noNoContact, today);
    expect(diff.remove.map((r) => r.ruleKey.split(':')[0])).toEqual([
      'post_sale_visit',
      'satisfaction_check',
    ]);
  });

  it('applying the diff and generating again changes nothing', () => {
    const { b } = withDelivery('2025-03-01', '2025-03-03');
    const once = settle(b, today);
    expect(generateFollowUps(once, DEFAULT_PROGRAM, today)).toEqual({
      create: [],
      update: [],
      remove: [],
      close: [],
    });
    const twice = applied(once, generateFollowUps(once, DEFAULT_PROGRAM, today));
    expect(twice.followUps).toEqual(once.followUps);
  });
});
