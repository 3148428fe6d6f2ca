import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CADENCE_SETTINGS,
  cadenceTagKey,
  effectiveCadence,
  effectiveCadenceDays,
  parseCadenceSettings,
  type CadenceSettings,
} from '../../../shared/domain/cadence';
import type { Client } from '../../../shared/domain/client';

type CadenceClient = Pick<Client, 'cadenceDays' | 'status' | 'tags'>;
const client = (over: Partial<CadenceClient> = {}): CadenceClient => ({
  cadenceDays: null,
  status: 'active',
  tags: [],
  ...over,
});
const settings = (over: Partial<CadenceSettings> = {}): CadenceSettings => ({
  ...DEFAULT_CADENCE_SETTINGS,
  ...over,
});

describe('effective cadence: the order of the rules', () => {
  const withTags = settings({ byTag: { опт: 14, VIP: 7, розница: 60 } });

  it("the client's own cadence wins over tags and status", () => {
    expect(effectiveCadence(client({ cadenceDays: 45, tags: ['VIP'] }), withTags)).toEqual({
      days: 45,
      source: 'client',
      tag: null,
    });
  });

  it('without its own, the smallest cadence among its tags that have one', () => {
    expect(effectiveCadence(client({ tags: ['розница', 'опт', 'без срока'] }), withTags)).toEqual({
      days: 14,
      source: 'tag',
      tag: 'опт',
    });
    // A tag's cadence applies even when it is longer than the status default.
    expect(effectiveCadence(client({ tags: ['розница'] }), withTags)).toMatchObject({
      days: 60,
      source: 'tag',
    });
  });

  it('tags match whatever the case, spaces or ё/е, and the settings name the tag as written', () => {
    const s = settings({ byTag: { 'Ёлки опт': 10 } });
    expect(effectiveCadence(client({ tags: [' елки ОПТ '] }), s)).toEqual({
      days: 10,
      source: 'tag',
      tag: 'Ёлки опт',
    });
    expect(cadenceTagKey(' Ёж ')).toBe('еж');
  });

  it('without tag cadences, the default of the status', () => {
    expect(effectiveCadence(client({ status: 'at_risk', tags: ['без срока'] }), withTags)).toEqual({
      days: 7,
      source: 'status',
      tag: null,
    });
  });

  it('a status without a default falls back to the global default', () => {
    const s = settings({ defaultDays: 21, byStatus: { active: 30 } });
    expect(effectiveCadence(client({ status: 'prospect' }), s)).toEqual({
      days: 21,
      source: 'default',
      tag: null,
    });
    expect(effectiveCadenceDays(client({ status: 'active' }), s)).toBe(30);
  });

  it('without settings, the built-in defaults by status', () => {
    expect(effectiveCadenceDays(client({ status: 'prospect' }))).toBe(14);
    expect(effectiveCadenceDays(client({ status: 'lost' }))).toBe(90);
  });

  it('a changed settings object is read afresh, not from the previous one', () => {
    const before = settings({ byTag: { опт: 14 } });
    expect(effectiveCadenceDays(client({ tags: ['опт'] }), before)).toBe(14);
    const after = { ...before, byTag: { опт: 5 } };
    expect(effectiveCadenceDays(client({ tags: ['опт'] }), after)).toBe(5);
  });
});

describe('one settings object for a whole book', () => {
  it('gives every client the answer a fresh copy of the settings gives, however its tags are spelled', () => {
    const shared = settings({ byTag: { 'Ёлки опт': 10, VIP: 7, розница: 60, ' вип ': 7 } });
    const spellings = [
      'ёлки опт',
      ' ЕЛКИ ОПТ',
      'VIP',
      'vip',
      'Вип',
      'розница',
      'РОЗНИЦА ',
      'прочее',
    ];
    const statuses = ['prospect', 'active', 'at_risk', 'lost', 'won_back'] as const;
    for (let i = 0; i < 400; i++) {
      const c = client({
        status: statuses[i % statuses.length],
        cadenceDays: i % 7 === 0 ? 3 + (i % 11) : null,
        tags: spellings.filter((_, j) => (i >> j) % 3 === 0),
      });
      const fresh = structuredClone(shared);
      expect(effectiveCadence(c, shared)).toEqual(effectiveCadence(c, fresh));
      expect(effectiveCadenceDays(c, shared)).toBe(
        effectiveCadence(c, structuredClone(shared)).days,
      );
    }
  });

  it('equal tag cadences go to the tag listed first on the client', () => {
    const s = settings({ byTag: { VIP: 7, опт: 7 } });
    expect(effectiveCadence(client({ tags: ['опт', 'vip'] }), s).tag).toBe('опт');
    expect(effectiveCadence(client({ tags: ['vip', 'опт'] }), s).tag).toBe('VIP');
  });
});

describe('cadence settings from storage', () => {
  it('nothing stored gives the built-in defaults', () => {
    expect(parseCadenceSettings(undefined)).toEqual(DEFAULT_CADENCE_SETTINGS);
    expect(parseCadenceSettings('garbage')).toEqual(DEFAULT_CADENCE_SETTINGS);
  });

  it('keeps valid parts and drops broken ones, so a bad value never stops the rules', () => {
    expect(
      parseCadenceSettings({
        defaultDays: 0,
        byStatus: { active: 20, lost: 'x', won_back: 99999, nonsense: 3 },
        byTag: { опт: 10, '  ': 5, дробь: 2.5, VIP: 3 },
      }),
    ).toEqual({ defaultDays: 30, byStatus: { active: 20 }, byTag: { опт: 10, VIP: 3 } });
  });

  it('a status the rep cleared stays cleared (falls to the global default)', () => {
    const parsed = parseCadenceSettings({ defaultDays: 25, byStatus: {}, byTag: {} });
    expect(effectiveCadence(client({ status: 'active' }), parsed)).toMatchObject({
      days: 25,
      source: 'default',
    });
  });
});
