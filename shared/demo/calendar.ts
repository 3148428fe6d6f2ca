/**
 * Days and instants for demo data, all relative to the `today` the caller gives, in UTC arithmetic
 * so that no time zone or DST change can move a birthday or a due date.
 */
import type { DemoRandom } from './random';

export const DAY_MS = 86_400_000;

function dayToUtcMs(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`expected YYYY-MM-DD, got ${day}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`no such day: ${day}`);
  return ms;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export class DemoCalendar {
  /** Midnight UTC of `today`. */
  readonly todayMs: number;
  /**
   * The latest instant an event may carry: the morning (UTC) of the day before `today`. Whatever
   * the rep's time zone, that is already past when their calendar shows `today`, so no generated
   * clock stamp is ahead of the wall clock and none is quarantined by sync.
   */
  readonly latestMs: number;
  private readonly days = new Map<number, string>();

  constructor(today: string) {
    this.todayMs = dayToUtcMs(today);
    this.latestMs = this.todayMs - DAY_MS + 8 * 3_600_000;
  }

  /** The day `offset` days from today (negative: the past), as YYYY-MM-DD. */
  day(offset: number): string {
    let text = this.days.get(offset);
    if (text === undefined) {
      text = new Date(this.todayMs + offset * DAY_MS).toISOString().slice(0, 10);
      this.days.set(offset, text);
    }
    return text;
  }

  /** Whole days from today to the day containing `ms` (negative: the past). */
  offsetOf(ms: number): number {
    return Math.floor((ms - this.todayMs) / DAY_MS);
  }

  dayOf(ms: number): string {
    return this.day(this.offsetOf(ms));
  }

  /** ISO 8601 in UTC with milliseconds, like Date#toISOString, without a Date per call. */
  iso(ms: number): string {
    const offset = this.offsetOf(ms);
    let rest = ms - (this.todayMs + offset * DAY_MS);
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const sec = rest % 60;
    rest = (rest - sec) / 60;
    const min = rest % 60;
    const hour = (rest - min) / 60;
    return `${this.day(offset)}T${pad2(hour)}:${pad2(min)}:${pad2(sec)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
  }

  /** A working-hours instant (06:00–15:00 UTC) on the day `offset`, never after `latestMs`. */
  instant(offset: number, rng: DemoRandom): number {
    const ms = this.todayMs + offset * DAY_MS + 6 * 3_600_000 + rng.int(0, 9 * 3_600_000 - 1);
    return Math.min(ms, this.latestMs - rng.int(0, 3_600_000));
  }
}

/**
 * A UUIDv7-shaped id whose time part is `ms` and whose remaining bits come from the seeded source,
 * so that ids sort by creation time like the app's own and the same seed gives the same ids.
 */
export function demoUuid(ms: number, rng: DemoRandom): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  const r1 = rng.uint32();
  const r2 = rng.uint32();
  const r3 = rng.uint32();
  const version = (0x7000 | (r1 & 0x0fff)).toString(16);
  const variant = (0x8000 | ((r1 >>> 16) & 0x3fff)).toString(16);
  const tail = r2.toString(16).padStart(8, '0') + (r3 & 0xffff).toString(16).padStart(4, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${version}-${variant}-${tail}`;
}
