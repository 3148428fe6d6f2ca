/**
 * The bookkeeping every generated record carries: a time-ordered id, the owner, creation and
 * update times, and a clock stamp for every field, exactly as a repository write would leave them.
 */
import { SYSTEM_FIELDS, type SyncedRecord } from '../domain/common';
import { formatHlc } from '../sync/hlc';
import type { DemoCalendar } from './calendar';
import { demoUuid } from './calendar';
import type { DemoRandom } from './random';

export interface DemoContext {
  rng: DemoRandom;
  cal: DemoCalendar;
  ownerId: string;
  /** The HLC node of the demo device: every stamp in the book comes from it. */
  node: string;
}

const UNSTAMPED: Readonly<Record<string, true>> = Object.fromEntries(
  [...SYSTEM_FIELDS, 'stamps'].map((field) => [field, true]),
);

/** The synced-record fields of a record created at `createdMs`; stamps are added by `stampAll`. */
export function synced(ctx: DemoContext, createdMs: number): SyncedRecord {
  const at = ctx.cal.iso(createdMs);
  return {
    id: demoUuid(createdMs, ctx.rng),
    ownerId: ctx.ownerId,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    stamps: {},
    serverVersion: 0,
  };
}

/** Stamps every field a rep can change with the clock stamp of the creating write. */
export function stampAll<T extends SyncedRecord>(
  ctx: DemoContext,
  record: T,
  createdMs: number,
): T {
  const stamp = formatHlc({ ms: createdMs, counter: 0, node: ctx.node });
  const stamps: Record<string, string> = {};
  for (const field of Object.keys(record)) if (UNSTAMPED[field] !== true) stamps[field] = stamp;
  record.stamps = stamps;
  return record;
}

/**
 * Records a later edit of `fields` at `ms`: their stamps move forward and so does updatedAt. An
 * edit is never placed before the record's creation.
 */
export function touch<T extends SyncedRecord>(
  ctx: DemoContext,
  record: T,
  ms: number,
  fields: readonly (keyof T & string)[],
): T {
  // Our ISO strings share one format, so string order is time order: no parsing in the hot path.
  let atIso = ctx.cal.iso(ms);
  let at = ms;
  if (atIso <= record.createdAt) {
    at = Date.parse(record.createdAt) + 1;
    atIso = ctx.cal.iso(at);
  }
  const stamp = formatHlc({ ms: at, counter: 0, node: ctx.node });
  for (const field of fields) record.stamps[field] = stamp;
  if (atIso > record.updatedAt) record.updatedAt = atIso;
  return record;
}

/** An id for a nested item (benefit, retention action): same shape, same time as its record. */
export function nestedId(ctx: DemoContext, ms: number): string {
  return demoUuid(ms, ctx.rng);
}

/**
 * Moves a client and everything hanging off it to the trash at one moment, as the repository does
 * when a rep deletes a client, so the demo trash has something to restore.
 */
export function trashAll(ctx: DemoContext, records: readonly SyncedRecord[], ms: number): void {
  let latestCreated = 0;
  for (const r of records) latestCreated = Math.max(latestCreated, Date.parse(r.createdAt));
  const at = Math.min(Math.max(ms, latestCreated + 1000), ctx.cal.latestMs);
  for (const r of records) {
    r.deletedAt = ctx.cal.iso(Math.max(at, Date.parse(r.createdAt) + 1));
    touch(ctx, r, at, ['deletedAt']);
  }
}
