import { describe, it, expect } from 'vitest';
import { uuidv7, uuidv7Time, UUID_PATTERN } from '../../../shared/ids';
import {
  BirthdaySchema,
  DaySchema,
  isCalendarDay,
  effectiveCadenceDays,
  ClientSchema,
  FollowUpSchema,
  newFollowUp,
  newPurchase,
  PurchaseSchema,
} from '../../../shared/domain';

describe('UUIDv7 ids', () => {
  // uuidv7 never encodes a time earlier than the last id it made, so a test cannot pick a fixed
  // calendar time: it asks for a time later than every id made so far (now, plus a margin).
  it('an id made at a time later than every earlier id carries that time and sorts after them', () => {
    const before = uuidv7();
    const t = Math.max(Date.now(), uuidv7Time(before)) + 60_000;
    const a = uuidv7(t);
    const b = uuidv7(t + 1);
    expect(a).toMatch(UUID_PATTERN);
    expect(a[14]).toBe('7');
    expect(uuidv7Time(a)).toBe(t);
    expect(uuidv7Time(b)).toBe(t + 1);
    expect(before < a && a < b).toBe(true);
  });

  it('never go backwards, even when the clock does or an earlier time is passed', () => {
    const first = uuidv7(Date.now() + 120_000);
    const ids = [first, uuidv7(Date.now()), uuidv7(0), uuidv7(Date.parse('2000-01-01T00:00:00Z'))];
    for (let i = 1; i < ids.length; i++) {
      expect(ids[i]! > ids[i - 1]!).toBe(true);
      expect(uuidv7Time(ids[i]!)).toBeGreaterThanOrEqual(uuidv7Time(first));
    }
  });

  it('stay strictly increasing within one millisecond', () => {
    const t = Date.parse('2030-01-01T00:00:00Z');
    const ids = Array.from({ length: 1000 }, () => uuidv7(t));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('calendar days', () => {
  it('accept real days and year-less birthdays, refuse impossible ones', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(BirthdaySchema.safeParse('--02-29').success).toBe(true);
    expect(BirthdaySchema.safeParse('--04-31').success).toBe(false);
    expect(DaySchema.safeParse('--02-29').success).toBe(false);
    expect(DaySchema.safeParse('24.11.2026').success).toBe(false);
  });
});

describe('client schema', () => {
  it('falls back to the cadence of the status when the client has none', () => {
    expect(effectiveCadenceDays({ cadenceDays: null, status: 'at_risk', tags: [] })).toBe(7);
    expect(effectiveCadenceDays({ cadenceDays: 45, status: 'at_risk', tags: [] })).toBe(45);
  });

  it('refuses a record without bookkeeping fields', () => {
    expect(ClientSchema.safeParse({ name: 'X', kind: 'company' }).success).toBe(false);
  });
});

const bookkeeping = {
  id: uuidv7(),
  ownerId: 'local',
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  stamps: {},
  serverVersion: 0,
};

describe('a new purchase', () => {
  it('is a valid purchase with nothing due, promised or done, and keeps what it is given', () => {
    const fields = newPurchase({
      clientId: uuidv7(),
      date: '2026-11-24',
      delivery: { due: '2026-12-01', done: null },
    });
    expect(PurchaseSchema.safeParse({ ...bookkeeping, ...fields }).success).toBe(true);
    expect(fields.delivery).toEqual({ due: '2026-12-01', done: null });
    expect([fields.installation, fields.training, fields.payment]).toEqual([
      { due: null, done: null },
      { due: null, done: null },
      { due: null, done: null },
    ]);
    expect(fields).toMatchObject({
      items: [],
      promisedBenefits: [],
      crossSell: [],
      deletedAt: null,
    });
  });
});

describe('a new follow-up added by hand', () => {
  it('is a valid open follow-up of no rule, and keeps what it is given', () => {
    const fields = newFollowUp({ clientId: uuidv7(), due: '2026-11-30', title: 'Перезвонить' });
    expect(FollowUpSchema.safeParse({ ...bookkeeping, ...fields }).success).toBe(true);
    expect(fields).toMatchObject({
      kind: 'custom',
      ruleKey: null,
      status: 'open',
      snoozedUntil: null,
      doneAt: null,
      due: '2026-11-30',
    });
    expect(newFollowUp({ ...fields, kind: 'birthday' }).kind).toBe('birthday');
  });
});
