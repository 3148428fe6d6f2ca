import { z } from 'zod';
import { HLC_PATTERN } from '../sync/hlc';
import { UUID_PATTERN } from '../ids';

export const IdSchema = z.string().regex(UUID_PATTERN, 'invalid id');
/** True for a real calendar day (2024-02-29 yes, 2023-02-29 no); a year-less day allows Feb 29. */
export function isCalendarDay(value: string): boolean {
  const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = m[1] === '-' ? 2000 : Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** A calendar day with no time zone: birthdays and due dates must not move with the zone. */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isCalendarDay, 'not a calendar day');
/** A birthday may omit the year (people often tell the day only): YYYY-MM-DD or --MM-DD. */
export const BirthdaySchema = z
  .string()
  .regex(/^(\d{4}|-)-\d{2}-\d{2}$/, 'expected YYYY-MM-DD or --MM-DD')
  .refine(isCalendarDay, 'not a calendar day');
export const TimestampSchema = z.iso.datetime({ offset: true });
export const HlcSchema = z.string().regex(HLC_PATTERN, 'invalid clock stamp');
export const MoneySchema = z.object({
  amount: z.number().finite().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code'),
});
export const ShortText = z.string().max(500);
export const LongText = z.string().max(200_000);

/**
 * Fields every synced record carries. `stamps` maps each field name to the clock stamp of its last
 * change, the unit of per-field merge. `deletedAt` puts a record in the trash; the rep never
 * hard-deletes. `serverVersion` is the server's version of the row this device last saw (0: never).
 */
export const SyncedRecordSchema = z.object({
  id: IdSchema,
  ownerId: z.string().min(1).max(100),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  deletedAt: TimestampSchema.nullable(),
  stamps: z.record(z.string(), HlcSchema),
  serverVersion: z.number().int().nonnegative(),
});
export type SyncedRecord = z.infer<typeof SyncedRecordSchema>;

/** Not in the trash: the one test for a record the rep still sees. */
export function isLive(record: { deletedAt: string | null }): boolean {
  return record.deletedAt === null;
}

/** The bookkeeping fields that repositories manage; never part of a rep's edit. */
export const SYSTEM_FIELDS = [
  'id',
  'ownerId',
  'createdAt',
  'updatedAt',
  'stamps',
  'serverVersion',
] as const;

export const ChannelSchema = z.object({
  kind: z.enum(['phone', 'email', 'telegram', 'whatsapp', 'viber', 'other']),
  value: z.string().min(1).max(200),
  label: z.string().max(100).optional(),
});
export type Channel = z.infer<typeof ChannelSchema>;
