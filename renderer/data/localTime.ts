/**
 * The rep's calendar day and timestamps in the device's zone. Follow-up rules read the day a
 * timestamp was written in (its own offset), so records carry the local offset, not UTC: a visit at
 * 00:30 in Moscow belongs to that Moscow day.
 */
import { format, formatISO } from 'date-fns';

export function localDay(at: Date = new Date()): string {
  return format(at, 'yyyy-MM-dd');
}

export function localTimestamp(at: Date = new Date()): string {
  return formatISO(at);
}
