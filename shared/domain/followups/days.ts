/**
 * Calendar-day arithmetic over 'YYYY-MM-DD' strings. A day is turned into a count of days since
 * 1970-01-01 through Date.UTC, which has no time zone and no DST, so a birthday or a due date can
 * never move with the device's zone. Integer days are also what keeps generation over 10k clients
 * fast (no Date objects in the hot path).
 */
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export type Day = string;

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD'; throws on anything else. */
export function dayNumber(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`Not a calendar day: ${day}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`Not a calendar day: ${day}`);
  return Math.round(Date.UTC(y, mo - 1, d) / MS_PER_DAY);
}

export function dayFromNumber(n: number): Day {
  const date = new Date(n * MS_PER_DAY);
  return makeDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function isDay(value: unknown): value is Day {
  if (typeof value !== 'string' || !DAY_RE.test(value)) return false;
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

/**
 * The day a birthday ('YYYY-MM-DD' or year-less '--MM-DD') falls on in `year`. A 29 February
 * birthday is kept on 28 February in years without that day, so the greeting is never a day late.
 * Null for a malformed birthday.
 */
export function birthdayInYear(birthday: string, year: number): Day | null {
  const m = /^(?:\d{4}|-)-(\d{2})-(\d{2})$/.exec(birthday);
  if (!m) return null;
  const month = Number(m[1]);
  let day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return null;
  if (month === 2 && day === 29 && !isLeapYear(year)) day = 28;
  return makeDay(year, month, day);
}

/**
 * The calendar day of a stored timestamp, as written: the offset the device wrote it with decides
 * the day (a contact at 00:30+03:00 belongs to that Moscow day), never the zone of whoever reads it.
 */
export function dayOfTimestamp(timestamp: string): Day | null {
  const day = timestamp.slice(0, 10);
  return isDay(day) ? day : null;
}

export function maxDay(a: Day | null, b: Day | null): Day | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
