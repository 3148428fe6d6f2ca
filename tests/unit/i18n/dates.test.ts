/**
 * The app's one date formatter (renderer/i18n/dates.ts): each named style in Russian and English,
 * calendar days read as that day in any zone, year-less birthdays, and input that is no date.
 */
import { describe, expect, it } from 'vitest';
import { DATE_STYLES, formatDate, type DateStyle } from '../../../renderer/i18n/dates';

/** 24 November 2026, 14:05 on this machine's clock, whatever its zone. */
const MOMENT = new Date(2026, 10, 24, 14, 5);

describe('formatDate', () => {
  it('writes every named style in Russian and in English', () => {
    const expected: Record<DateStyle, [ru: string, en: string]> = {
      withMonth: ['24 нояб. 2026', '24 Nov 2026'],
      withTime: ['24 нояб. 2026, 14:05', '24 Nov 2026, 14:05'],
      numeric: ['24.11.2026', '24/11/2026'],
      numericWithTime: ['24.11.2026, 14:05', '24/11/2026, 14:05'],
      dayAndMonth: ['24 ноября', '24 November'],
      weekdayDay: ['вт, 24 нояб.', 'Tue, 24 Nov'],
      monthAndYear: ['ноябрь 2026', 'November 2026'],
      monthShort: ['нояб.', 'Nov'],
      monthName: ['ноябрь', 'November'],
      time: ['14:05', '14:05'],
    };
    expect(Object.keys(expected).sort()).toEqual(Object.keys(DATE_STYLES).sort());
    for (const [style, [ru, en]] of Object.entries(expected) as [DateStyle, [string, string]][]) {
      expect(formatDate(MOMENT, style, 'ru'), style).toBe(ru);
      expect(formatDate(MOMENT, style, 'en'), style).toBe(en);
    }
  });

  it('reads a calendar day as that day, not as midnight UTC moved into the zone', () => {
    expect(formatDate('2026-11-24', 'withMonth', 'ru')).toBe('24 нояб. 2026');
    expect(formatDate('2026-01-01', 'numeric', 'en')).toBe('01/01/2026');
    expect(formatDate('2026-12-31', 'withMonth', 'en')).toBe('31 Dec 2026');
  });

  it('reads a month as its first day', () => {
    expect(formatDate('2026-05', 'monthAndYear', 'ru')).toBe('май 2026');
    expect(formatDate('2026-05', 'monthShort', 'en')).toBe('May');
  });

  it('writes a year-less birthday as day and month whatever style was asked', () => {
    expect(formatDate('--05-12', 'withMonth', 'ru')).toBe('12 мая');
    expect(formatDate('--05-12', 'numeric', 'en')).toBe('12 May');
    expect(formatDate('--02-29', 'withMonth', 'ru')).toBe('29 февраля');
  });

  it('writes a timestamp in this machine’s time', () => {
    const iso = MOMENT.toISOString();
    expect(formatDate(iso, 'withTime', 'ru')).toBe('24 нояб. 2026, 14:05');
    expect(formatDate(MOMENT.getTime(), 'withTime', 'en')).toBe('24 Nov 2026, 14:05');
  });

  it('gives nothing for nothing and gives back what is not a date', () => {
    expect(formatDate(null, 'withMonth', 'ru')).toBe('');
    expect(formatDate(undefined, 'withMonth', 'en')).toBe('');
    expect(formatDate('', 'withMonth', 'en')).toBe('');
    expect(formatDate('2026-04-31', 'withMonth', 'ru')).toBe('2026-04-31');
    expect(formatDate('скоро', 'withMonth', 'ru')).toBe('скоро');
  });

  it('falls back to English for a language it has no words for, and reads ru-RU as Russian', () => {
    expect(formatDate('2026-11-24', 'withMonth', 'de')).toBe('24 Nov 2026');
    expect(formatDate('2026-11-24', 'withMonth', 'ru-RU')).toBe('24 нояб. 2026');
  });
});
