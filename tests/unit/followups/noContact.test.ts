import { describe, expect, it } from 'vitest';
import { generateFollowUps } from '../../../shared/domain/followupRules';
import { DEFAULT_PROGRAM } from '../../../shared/domain/program';
import { book, client, contact, followUp, live, note, settle, visit } from './book';

const today = '2025-03-10';

describe('no contact for N days', () => {
  it("falls due the client's cadence after the last contact (active: 30 days)", () => {
    const c = client({ status: 'active' });
    const b = book({ clients: [c], contacts: [contact(c.id, '2025-02-12T15:00:00+03:00')] });
    expect(generateFollowUps(b, DEFAULT_PROGRAM, today).create).toEqual([
      expect.objectContaining({
        kind: 'no_contact',
        ruleKey: `no_contact:${c.id}:2025-02-12`,
        due: '2025-03-14',
        title: c.name,
      }),
    ]);
  });

  it("a client's own cadence overrides the default of its status", () => {
    const c = client({ status: 'active', cadenceDays: 10 });
    const b = book({ clients: [c], contacts: [contact(c.id, '2025-02-12T15:00:00+03:00')] });
    expect(generateFollowUps(b, DEFAULT_PROGRAM, today).create[0]?.due).toBe('2025-02-22');
  });

  it("the rep's settings apply: a tag cadence first, else the status default from Settings", () => {
    const opt = client({ status: 'active', tags: ['опт'] });
    const plain = client({ status: 'active' });
    const contacts = [
      contact(opt.id, '2025-02-12T15:00:00+03:00'),
      contact(plain.id, '2025-02-12T15:00:00+03:00'),
    ];
    const cadence = { defaultDays: 30, byStatus: { active: 20 }, byTag: { Опт: 5 } };
    const dues = generateFollowUps(
      book({ clients: [opt, plain], contacts, cadence }),
      DEFAULT_PROGRAM,
      today,
    ).create.map((f) => [f.clientId, f.due] as const);
    expect(new Map(dues)).toEqual(
      new Map([
        [opt.id, '2025-02-17'],
        [plain.id, '2025-03-04'],
      ]),
    );
  });

  it('changing the settings moves the open follow-up, same key, no duplicate', () => {
    const c = client({ status: 'active', tags: ['опт'] });
    const b = book({ clients: [c], contacts: [contact(c.id, '2025-02-12T15:00:00+03:00')] });
    const before = settle(b, today);
    expect(live(before, 'no_contact')[0]?.due).toBe('2025-03-14');
    const diff = generateFollowUps(
      { ...before, cadence: { defaultDays: 30, byStatus: {}, byTag: { опт: 10 } } },
      DEFAULT_PROGRAM,
      today,
    );
    expect(diff.create).toEqual([]);
    expect(diff.update).toEqual([
      expect.objectContaining({ changes: expect.objectContaining({ due: '2025-02-22' }) }),
    ]);
  });

  it('a client never contacted counts from the day it was added', () => {
    const c = client({ status: 'at_risk', createdAt: '2025-03-01T10:00:00+03:00' });
    expect(generateFollowUps(book({ clients: [c] }), DEFAULT_PROGRAM, today).create[0]?.due).toBe(
      '2025-03-08',
    );
  });

  it('appears only within a week of falling due', () => {
    const c = client({ status: 'active' });
    const b = book({ clients: [c], contacts: [contact(c.id, '2025-02-20T10:00:00+03:00')] });
    expect(generateFollowUps(b, DEFAULT_PROGRAM, today).create).toEqual([]);
    expect(generateFollowUps(b, DEFAULT_PROGRAM, '2025-03-15').create).toHaveLength(1);
  });

  const resets = {
    'a contact log entry': (clientId: string) => ({
      contacts: [contact(clientId, '2025-03-09T18:00:00+03:00')],
    }),
    'a visit': (clientId: string) => ({
      visits: [
        visit(clientId, {
          startedAt: '2025-03-09T18:00:00+03:00',
          status: 'draft',
          finishedAt: null,
        }),
      ],
    }),
    'a note': (clientId: string) => ({ notes: [note(clientId, '2025-03-09T18:00:00+03:00')] }),
  };

  it.each(Object.keys(resets) as (keyof typeof resets)[])(
    '%s ends the silence: the open follow-up closes itself as done, a new one waits',
    (kind) => {
      const c = client({ status: 'active', createdAt: '2025-01-01T10:00:00+03:00' });
      const before = settle(book({ clients: [c] }), today);
      expect(live(before, 'no_contact')).toHaveLength(1);
      const after = { ...before, ...resets[kind](c.id) };
      const diff = generateFollowUps(after, DEFAULT_PROGRAM, today);
      expect(diff.remove).toEqual([]);
      expect(diff.close).toEqual([
        {
          id: live(before)[0]?.id,
          ruleKey: `no_contact:${c.id}:2025-01-01`,
          reason: 'contact_made',
        },
      ]);
      expect(diff.create).toEqual([]);
      // Thirty days later the new silence is due.
      expect(
        generateFollowUps(settle(after, today), DEFAULT_PROGRAM, '2025-04-05').create[0]?.ruleKey,
      ).toBe(`no_contact:${c.id}:2025-03-09`);
    },
  );

  it('a done "no contact" follow-up stays done, and the next silence gets a new one', () => {
    const c = client({ status: 'active', createdAt: '2025-01-01T10:00:00+03:00' });
    const done = followUp(c.id, {
      kind: 'no_contact',
      ruleKey: `no_contact:${c.id}:2025-01-01`,
      due: '2025-01-31',
      status: 'done',
    });
    const b = book({ clients: [c], followUps: [done] });
    expect(generateFollowUps(b, DEFAULT_PROGRAM, today)).toEqual({
      create: [],
      update: [],
      remove: [],
      close: [],
    });
    const later = { ...b, contacts: [contact(c.id, '2025-03-01T10:00:00+03:00')] };
    expect(
      generateFollowUps(later, DEFAULT_PROGRAM, '2025-03-28').create.map((f) => f.ruleKey),
    ).toEqual([`no_contact:${c.id}:2025-03-01`]);
  });

  it('a deleted contact does not count, and the latest of all kinds wins', () => {
    const c = client({ status: 'active' });
    const deleted = {
      ...contact(c.id, '2025-03-05T10:00:00+03:00'),
      deletedAt: '2025-03-06T10:00:00+03:00',
    };
    const b = book({
      clients: [c],
      contacts: [deleted, contact(c.id, '2025-02-01T10:00:00+03:00')],
      notes: [note(c.id, '2025-02-07T10:00:00+03:00')],
      visits: [visit(c.id, { startedAt: '2025-02-03T10:00:00+03:00' })],
    });
    expect(generateFollowUps(b, DEFAULT_PROGRAM, today).create[0]?.ruleKey).toBe(
      `no_contact:${c.id}:2025-02-07`,
    );
  });

  it('the day of a contact is the day the device wrote, whatever zone reads it', () => {
    const c = client({ status: 'active' });
    const b = book({ clients: [c], contacts: [contact(c.id, '2025-02-12T23:30:00-05:00')] });
    expect(generateFollowUps(b, DEFAULT_PROGRAM, today).create[0]?.ruleKey).toBe(
      `no_contact:${c.id}:2025-02-12`,
    );
  });

  it('changing the cadence moves the open follow-up', () => {
    const c = client({ status: 'active', createdAt: '2025-02-01T10:00:00+03:00' });
    const before = settle(book({ clients: [c] }), today);
    const changed = { ...before, clients: [{ ...c, cadenceDays: 20 }] };
    expect(generateFollowUps(changed, DEFAULT_PROGRAM, today).update[0]?.changes).toEqual({
      due: '2025-02-21',
    });
  });
});
