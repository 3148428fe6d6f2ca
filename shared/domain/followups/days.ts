/**
 * Calendar-day arithmetic over 'YYYY-MM-DD' strings. A day is turned into a count of days since
 * 1970-01-01 through Date.UTC, which has no time zone and no DST, so a birthday or a due date can
 * never move with the device's zone. Integer days are also what keeps generation over 10k clients
 * fast (no Date objects in the hot path).
 */
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export type Day = string;

/*
 * Follow-up generation turns the same few thousand days back and forth for 10k clients, so both
 * directions are remembered. The caches only ever hold valid days and are emptied when they grow
 * past a few years' worth, so they stay small for the life of the app.
 */
const CACHE_LIMIT = 20_000;
const numberOfDay = new Map<string, number>();
const dayOfNumber = new Map<number, Day>();

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD'; throws on anything else. */
export function dayNumber(day: Day): number {
  const cached = numberOfDay.get(day);
  if (cached !== undefined) return cached;
  const n = parseDayNumber(day);
  if (numberOfDay.size >= CACHE_LIMIT) numberOfDay.clear();
  numberOfDay.set(day, n);
  return n;
}

function parseDayNumber(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`Not a calendar day: ${day}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    throw new RangeError(`Not a calendar day: ${day}`);
  return Math.round(Date.UTC(y, mo - 1, d) / MS_PER_DAY);
}

export function dayFromNumber(n: number): Day {
  const cached = dayOfNumber.get(n);
  if (cached !== undefined) return cached;
  const date = new Date(n * MS_PER_DAY);
  const day = makeDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  if (dayOfNumber.size >= CACHE_LIMIT) dayOfNumber.clear();
  dayOfNumber.set(n, day);
  return day;
}

/** Days since 1970-01-01 of year-month-day (month 1..12), without building a string. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function isDay(value: unknown): value is Day {
  if (typeof value !== 'string' || !DAY_RE.test(value)) return false;
  if (numberOfDay.has(value)) return true;
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: Day, days: number): Day {
  return dayFromNumber(dayNumber(day) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: Day, to: Day): number {
  return dayNumber(to) - dayNumber(from);
}

export function makeDay(year: number, month: number, day: number): Day {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function yearOf(day: Day): number {
  return Number(day.slice(0, 4));
}

/** 'YYYY-MM' of a day. */
export function monthOf(day: Day): string {
  return day.slice(0, 7);
}

export interface BirthdayParts {
  month: number;
  day: number;
  /** Null for a year-less birthday. */
  year: number | null;
}

/** A birthday ('YYYY-MM-DD' or year-less '--MM-DD') taken apart; null when malformed. */
export function parseBirthday(birthday: string): BirthdayParts | null {
  const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(birthday);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return null;
  return { month, day, year: m[1] === '-' ? null : Number(m[1]) };
}

/**
 * The day number a birthday falls on in `year`. A 29 February birthday is kept on 28 February in
 * years without that day, so the greeting is never a day late.
 */
export function birthdayNumberInYear(b: BirthdayParts, year: number): number {
  const day = b.month === 2 && b.day === 29 && !isLeapYear(year) ? 28 : b.day;
  return dayNumberOf(year, b.month, day);
}

/** The day a birthday falls on in `year` (see birthdayNumberInYear); null for a malformed birthday. */
export function birthdayInYear(birthday: string, year: number): Day | null {
  const b = parseBirthday(birthday);
  return b ? dayFromNumber(birthdayNumberInYear(b, year)) : null;
}

/**
 * The calendar day of a stored timestamp, as written: the offset the device wrote it with decides
 * the day (a contact at 00:30+03:00 belongs to that Moscow day), never the zone of whoever reads it.
 */
export function dayOfTimestamp(timestamp: string): Day | null {
  const day = timestamp.slice(0, 10);
  return isDay(day) ? day : null;
}

/**
 * The same, for hot loops over records that passed their schema: only the shape is checked
 * (digits and dashes), not that the day exists. Day strings of one shape compare in time order.
 */
export function dayOfValidTimestamp(timestamp: string): Day | null {
  if (timestamp.length < 10 || timestamp.charCodeAt(4) !== 45 || timestamp.charCodeAt(7) !== 45)
    return null;
  return timestamp.slice(0, 10);
}
