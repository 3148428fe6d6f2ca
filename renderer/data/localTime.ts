/**
 * The rep's calendar day and timestamps in the device's zone. Follow-up rules read the day a
 * timestamp was written in (its own offset), so records carry the local offset, not UTC: a visit at
 * 00:30 in Moscow belongs to that Moscow day.
 */
import { format, formatISO } from 'date-fns';
import { dayFromNumber, dayNumberOf, daysInMonth } from '../../shared/domain/followups/days';

export function localDay(at: Date = new Date()): string {
  return format(at, 'yyyy-MM-dd');
}

export function localTimestamp(at: Date = new Date()): string {
  return formatISO(at);
}

/**
 * The rules take a record's day from its timestamp as written. Contacts and visits are written in
 * the rep's zone, but a note's or a client's `createdAt` is the repository's UTC stamp, so a note
 * written at 00:30 in Moscow would count as a contact the day before (and an evening one in New
 * York as one the day after). This gives the rules those as the same instant in the rep's zone: a
 * row whose UTC stamp falls on the same day in the rep's zone is returned as it is (the same
 * object); any other gets `createdAt` as `localTimestamp` of that instant. A stamp that is not UTC
 * or not a date is left alone.
 *
 * The follow-up keeper runs this over every note and client (100k+ rows), so the zone is not asked
 * per row: per UTC day of the stamps, the offset is looked up once (at the day's first and last
 * millisecond), and while it is the same at both ends, the instants of that day that stay on it in
 * the rep's zone are one range of milliseconds. A day the offset changes on (a DST switch) and any
 * unusual stamp take the exact per-row path.
 */
export function inRepsZone<T extends { createdAt: string }>(
  rows: readonly T[],
  days: RepsZone = repsZone(),
): T[] {
  const out = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    out[i] = inRepsZoneRow(row, days);
  }
  return out;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** One UTC day in the rep's zone: its offset, and the stamps of that day that stay on it. */
interface ZoneDay {
  /** Start of the UTC day, ms since the epoch. */
  start: number;
  /** Instants in [sameFrom, sameTo) have the same calendar day in the rep's zone. */
  sameFrom: number;
  sameTo: number;
  /** Minutes, as Date.getTimezoneOffset gives them (UTC minus local). */
  offset: number;
}

/** Per UTC day ('YYYY-MM-DD'); null: the offset changes that day, or the day is not one. */
type ZoneDays = Map<string, ZoneDay | null>;

const ZONE_CACHE_LIMIT = 20_000;
let cachedZone: string | undefined;
let cachedDays: ZoneDays = new Map();

/**
 * The rep's zone as it is now, for many calls of inRepsZone in a row (asking the zone costs ~40 µs,
 * more than converting a row): take it once per pass over the book, not once per client.
 */
export type RepsZone = ZoneDays;

/** The day cache of the device's current zone: the rep may travel, and tests switch TZ. */
export function repsZone(): RepsZone {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone !== cachedZone || cachedDays.size >= ZONE_CACHE_LIMIT) {
    cachedZone = zone;
    cachedDays = new Map();
  }
  return cachedDays;
}

function inRepsZoneRow<T extends { createdAt: string }>(row: T, days: ZoneDays): T {
  const stamp = row.createdAt;
  if (!stamp.endsWith('Z')) return row;
  const time = timeOfDay(stamp);
  if (time >= 0) {
    const key = stamp.slice(0, 10);
    let day = days.get(key);
    if (day === undefined) {
      day = zoneDayOf(key);
      days.set(key, day);
    }
    if (day !== null) {
      const ms = day.start + time;
      if (ms >= day.sameFrom && ms < day.sameTo) return row;
      return { ...row, createdAt: formatWithOffset(ms, day.offset) };
    }
  }
  const ms = Date.parse(stamp);
  if (Number.isNaN(ms)) return row;
  return exactRow(row, stamp, ms);
}

/**
 * Milliseconds into its day of a stamp as `Date.toISOString` writes it ('YYYY-MM-DDTHH:MM:SS.sssZ'
 * or without the fraction), read without Date.parse, which costs more than all the rest; -1 for
 * any other shape (those are parsed the usual way).
 */
function timeOfDay(stamp: string): number {
  const n = stamp.length;
  if (n !== 24 && n !== 20) return -1;
  if (stamp.charCodeAt(10) !== 84 || stamp.charCodeAt(13) !== 58 || stamp.charCodeAt(16) !== 58)
    return -1;
  let fraction = 0;
  if (n === 24) {
    if (stamp.charCodeAt(19) !== 46) return -1;
    fraction = digits(stamp, 20, 23);
  }
  const hours = digits(stamp, 11, 13);
  const minutes = digits(stamp, 14, 16);
  const seconds = digits(stamp, 17, 19);
  // NaN (not digits) fails these too.
  if (!(hours < 24 && minutes < 60 && seconds < 60 && fraction >= 0)) return -1;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
}

/** The per-row rule itself, for the days and stamps the cached ranges do not cover. */
function exactRow<T extends { createdAt: string }>(row: T, stamp: string, ms: number): T {
  const at = new Date(ms);
  if (
    Number(stamp.slice(0, 4)) === at.getFullYear() &&
    Number(stamp.slice(5, 7)) === at.getMonth() + 1 &&
    Number(stamp.slice(8, 10)) === at.getDate()
  )
    return row;
  return { ...row, createdAt: localTimestamp(at) };
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

function zoneDayOf(key: string): ZoneDay | null {
  if (key.length !== 10 || key.charCodeAt(4) !== 45 || key.charCodeAt(7) !== 45) return null;
  const year = digits(key, 0, 4);
  const month = digits(key, 5, 7);
  const date = digits(key, 8, 10);
  // Four-digit years the local formatting writes the same way; the rest go the exact way.
  if (!(year >= 1000) || !(month >= 1 && month <= 12) || !(date >= 1)) return null;
  if (date > daysInMonth(year, month)) return null;
  const start = dayNumberOf(year, month, date) * DAY_MS;
  const first = new Date(start);
  const offset = first.getTimezoneOffset();
  // A switch within the day, or an offset with seconds (local mean time, which getTimezoneOffset
  // rounds to whole minutes; UTC midnight then is not on a whole local minute): exact path.
  if (
    offset !== new Date(start + DAY_MS - 1).getTimezoneOffset() ||
    !Number.isInteger(offset) ||
    first.getSeconds() !== 0 ||
    first.getMilliseconds() !== 0
  )
    return null;
  // Local time is UTC minus the offset; the local day is this one while that stays within it.
  const shift = offset * MINUTE_MS;
  return {
    start,
    sameFrom: start + Math.max(0, shift),
    sameTo: start + DAY_MS + Math.min(0, shift),
    offset,
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `localTimestamp` of the instant `ms` when the zone's offset there is `offset` minutes. */
function formatWithOffset(ms: number, offset: number): string {
  const local = ms - offset * MINUTE_MS;
  const dayNo = Math.floor(local / DAY_MS);
  const seconds = Math.floor((local - dayNo * DAY_MS) / 1000);
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  const abs = Math.abs(offset);
  const zone =
    offset === 0 ? 'Z' : `${offset < 0 ? '+' : '-'}${pad2(Math.trunc(abs / 60))}:${pad2(abs % 60)}`;
  return `${dayFromNumber(dayNo)}T${time}${zone}`;
}
