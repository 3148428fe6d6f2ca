import { describe, expect, it } from 'vitest';
import {
  addDays,
  birthdayInYear,
  dayFromNumber,
  dayNumber,
  dayOfTimestamp,
  daysBetween,
  isDay,
} from '../../../shared/domain/followups/days';

describe('calendar days as strings', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-03-01', 365)).toBe('2026-03-01');
  });

  it('adding across a DST switch moves by whole days (New York 9 March, Moscow 27 March 2011)', () => {
    expect(addDays('2025-03-08', 1)).toBe('2025-03-09');
    expect(addDays('2025-03-08', 2)).toBe('2025-03-10');
    expect(addDays('2011-03-26', 2)).toBe('2011-03-28');
    expect(daysBetween('2025-03-01', '2025-03-31')).toBe(30);
    expect(daysBetween('2025-11-01', '2025-11-03')).toBe(2);
  });

  it('accepts only real calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-13-01')).toBe(false);
    expect(isDay('2025-3-1')).toBe(false);
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('places a birthday in a year, 29 February on the 28th in common years', () => {
    expect(birthdayInYear('1988-02-29', 2025)).toBe('2025-02-28');
    expect(birthdayInYear('1988-02-29', 2024)).toBe('2024-02-29');
    expect(birthdayInYear('--02-29', 2100)).toBe('2100-02-28');
    expect(birthdayInYear('--02-29', 2000)).toBe('2000-02-29');
    expect(birthdayInYear('--12-31', 2025)).toBe('2025-12-31');
    expect(birthdayInYear('--02-30', 2025)).toBeNull();
    expect(birthdayInYear('31.12', 2025)).toBeNull();
  });

  it('takes the day of a timestamp as the device wrote it', () => {
    expect(dayOfTimestamp('2025-03-09T23:59:00-05:00')).toBe('2025-03-09');
    expect(dayOfTimestamp('2025-03-10T00:30:00+03:00')).toBe('2025-03-10');
    expect(dayOfTimestamp('garbage')).toBeNull();
  });
});

describe('day numbers', () => {
  it('agree with the UTC calendar for every day from 1600 to 2400, both ways', () => {
    const wrong: string[] = [];
    for (let n = dayNumber('1600-01-01'); n <= dayNumber('2400-12-31'); n += 1) {
      const expected = new Date(n * 86_400_000).toISOString().slice(0, 10);
      const day = dayFromNumber(n);
      if (day !== expected || dayNumber(expected) !== n) wrong.push(`${n}: ${day} / ${expected}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(dayNumber('1970-01-01')).toBe(0);
  });
});
