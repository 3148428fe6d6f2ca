/**
 * Calendar-day arithmetic over 'YYYY-MM-DD' strings. A day is turned into a count of days since
 * 1970-01-01 by integer arithmetic on the proleptic Gregorian calendar: no Date object, no time
 * zone, no DST, so a birthday or a due date can never move with the device's zone. Integer days
 * are also what keeps generation over 10k clients fast.
 */
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type Day = string;

/*
 * Follow-up generation turns the same few thousand days back and forth for 10k clients, so both
 * directions are remembered. The caches only ever hold valid days and are emptied when they grow
 * past a few years' worth, so they stay small for the life of the app.
 */
const CACHE_LIMIT = 20_000;

/** `compute` with its answers remembered (a call that throws is not). */
function remembered<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/** Days since 1970-01-01 for a valid 'YYYY-MM-DD'; throws on anything else. */
export const dayNumber: (day: Day) => number = remembered((day: Day) => parseDayNumber(day));

function parseDayNumber(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`Not a calendar day: ${day}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    throw new RangeError(`Not a calendar day: ${day}`);
  return dayNumberOf(y, mo, d);
}

export const dayFromNumber: (n: number) => Day = remembered((n: number) => civilDay(n));

function civilDay(n: number): Day {
  // Civil from days (H. Hinnant's algorithm): integer arithmetic, no Date, no zone.
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return makeDay(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/**
 * Days since 1970-01-01 of year-month-day (month 1..12), without building a string: days from
 * civil (H. Hinnant's algorithm), integer arithmetic that no time zone can touch.
 */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
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

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function yearOf(day: Day): number {
  return Number(day.slice(0, 4));
}

export interface BirthdayParts {
  month: number;
  day: number;
  /** Null for a year-less birthday. */
  year: number | null;
}

/** A birthday ('YYYY-MM-DD' or year-less '--MM-DD') taken apart; null when malformed. */
export const parseBirthday: (birthday: string) => BirthdayParts | null = remembered(
  (birthday: string) => parseBirthdayParts(birthday),
);

function parseBirthdayParts(birthday: string): BirthdayParts | null {
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
