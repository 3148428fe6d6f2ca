/**
 * Per-field merge of one record, used by the server when it applies a pushed change and by the
 * client when it folds a pulled row into a row with unpushed edits. Per field the later clock
 * stamp wins; a value that loses while both sides had changed the field since their common base
 * is returned as a conflict, so nothing disappears silently.
 */
import type { SyncedTable } from '../domain';
import { compareHlc, formatHlc, MAX_COUNTER, parseHlc } from './hlc';
import { mergeLines } from './text-merge';

export interface StampedValues {
  values: Record<string, unknown>;
  /** field -> clock stamp of its last change */
  stamps: Record<string, string>;
}

/**
 * What both sides last agreed on. `stamps[field]` is the stamp the field had at the base: a side
 * whose stamp differs changed the field since. `values` (optional) feed the three-way text merge.
 */
export interface MergeBase {
  stamps: Record<string, string | undefined>;
  values?: Record<string, unknown>;
}

export interface MergeOptions {
  table: SyncedTable;
  /** The merging side's wall clock (the server's, on the server). */
  nowMs: number;
  /** Stamps further ahead of `nowMs` than this are quarantined, not merged. */
  maxAheadMs: number;
  /** Node id for stamps this merge itself creates (merged text, an edit restoring a deleted row). */
  node: string;
}

type FieldOutcome = 'local' | 'remote' | 'merged' | 'quarantined';

type ConflictKind = 'field' | 'text_merge' | 'edit_vs_delete' | 'clock_quarantine';

/** A value that lost, seen from the merging side: `local` is what it held, `remote` what arrived. */
export interface MergeConflict {
  field: string;
  kind: ConflictKind;
  localValue: unknown;
  remoteValue: unknown;
  localStamp: string | null;
  remoteStamp: string | null;
  /** Which value the record now holds. */
  kept: 'local' | 'remote' | 'merged';
}

export interface MergeResult extends StampedValues {
  /** Only fields the remote side carried; fields it did not carry keep the local value. */
  outcome: Record<string, FieldOutcome>;
  conflicts: MergeConflict[];
  /** True when the merged record differs from the local one. */
  changed: boolean;
}

/** Fields the sync layer manages; never merged from a remote value. */
export const UNMERGED_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'ownerId',
  'stamps',
  'serverVersion',
]);
/** Bookkeeping that changes with every edit: last writer wins, and a loss is no conflict. */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['createdAt', 'updatedAt']);

/**
 * Long free text gets a line merge instead of last-writer-wins. Visit notes first of all; the
 * other long-text fields are notes too (a client's, a person's, a problem's), so they get the same care.
 */
export const LINE_MERGED_FIELDS: Readonly<Partial<Record<SyncedTable, readonly string[]>>> = {
  visits: ['notes'],
  notes: ['text'],
  clients: ['notes'],
  people: ['personalNotes'],
  problems: ['description'],
  contacts: ['summary'],
  retentionPlans: ['cause'],
};

export function isLineMerged(table: SyncedTable, field: string): boolean {
  return LINE_MERGED_FIELDS[table]?.includes(field) ?? false;
}

/** A field a rep edits (not bookkeeping, not the delete marker). */
function isContentField(field: string): boolean {
  return !UNMERGED_FIELDS.has(field) && !BOOKKEEPING_FIELDS.has(field) && field !== 'deletedAt';
}

/** A stamp later than every given stamp and not before `nowMs`, for values a merge creates. */
export function stampAfter(
  stamps: readonly (string | null | undefined)[],
  node: string,
  nowMs: number,
): string {
  let max: string | undefined;
  for (const s of stamps) if (s && (!max || compareHlc(s, max) > 0)) max = s;
  const top = max ? parseHlc(max) : { ms: 0, counter: 0 };
  if (nowMs > top.ms) return formatHlc({ ms: nowMs, counter: 0, node });
  if (top.counter >= MAX_COUNTER) return formatHlc({ ms: top.ms + 1, counter: 0, node });
  return formatHlc({ ms: top.ms, counter: top.counter + 1, node });
}

/** Structural equality of JSON values (field values are JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function isTooFarAhead(stamp: string, nowMs: number, maxAheadMs: number): boolean {
  return parseHlc(stamp).ms > nowMs + maxAheadMs;
}

/**
 * Merge `remote` into `local` (null: the row is new here). With `base` null nobody knows what the
 * other side saw, so fields are decided by stamp alone and no conflict is reported (a client
 * folding a pulled row over its unpushed edits: the server reports the conflict when they arrive).
 */
export function mergeRecord(
  local: StampedValues | null,
  remote: StampedValues,
  base: MergeBase | null,
  options: MergeOptions,
): MergeResult {
  const values: Record<string, unknown> = { ...(local?.values ?? {}) };
  const stamps: Record<string, string> = { ...(local?.stamps ?? {}) };
  const outcome: Record<string, FieldOutcome> = {};
  const conflicts: MergeConflict[] = [];
  let changed = false;

  // A record's stamps are mostly one stamp repeated (an op stamps every field it carries with its
  // own): each run of equal stamps is parsed and judged once, not once per field.
  let judged: string | undefined;
  let ahead = false;
  for (const field of Object.keys(remote.values)) {
    if (UNMERGED_FIELDS.has(field)) continue;
    const rs = remote.stamps[field];
    if (rs === undefined) continue; // an unstamped value cannot be ordered; the caller stamps every value
    const rv = remote.values[field];
    const ls = local?.stamps[field];
    const lv = local?.values[field];
    if (rs !== judged) {
      judged = rs;
      ahead = isTooFarAhead(rs, options.nowMs, options.maxAheadMs);
    }
    if (ahead) {
      outcome[field] = 'quarantined';
      conflicts.push(conflict(field, 'clock_quarantine', lv, rv, ls, rs, 'local'));
      continue;
    }
    if (ls === rs) {
      outcome[field] = 'local';
      continue;
    }
    const remoteWins = ls === undefined || compareHlc(rs, ls) > 0;
    const concurrent =
      localChangedField(local, base, field) &&
      remoteChangedField(remote, base, field) &&
      !sameValue(lv, rv);
    if (concurrent && !BOOKKEEPING_FIELDS.has(field)) {
      const baseText = base?.values?.[field];
      if (
        isLineMerged(options.table, field) &&
        typeof baseText === 'string' &&
        typeof lv === 'string' &&
        typeof rv === 'string'
      ) {
        // The older edit's lines go first when both added paragraphs in the same place.
        const merged = mergeLines(baseText, lv, rv, remoteWins ? 'ours' : 'theirs');
        if (merged.ok) {
          values[field] = merged.text;
          stamps[field] = stampAfter([ls, rs], options.node, options.nowMs);
          outcome[field] = 'merged';
          changed = true;
          continue;
        }
        conflicts.push(
          conflict(field, 'text_merge', lv, rv, ls, rs, remoteWins ? 'remote' : 'local'),
        );
      } else {
        conflicts.push(conflict(field, 'field', lv, rv, ls, rs, remoteWins ? 'remote' : 'local'));
      }
    } else if (
      !remoteWins &&
      remoteChangedField(remote, base, field) &&
      !sameValue(lv, rv) &&
      !BOOKKEEPING_FIELDS.has(field)
    ) {
      // The arriving value is older than one its sender had already seen: a clock gone wrong.
      // It still loses, but visibly.
      conflicts.push(conflict(field, 'field', lv, rv, ls, rs, 'local'));
    }
    if (remoteWins) {
      values[field] = rv;
      stamps[field] = rs;
      outcome[field] = 'remote';
      changed = true;
    } else {
      outcome[field] = 'local';
    }
  }

  if (base !== null && local !== null && values.deletedAt != null) {
    const restored = editBeatsDelete(
      local,
      remote,
      outcome,
      (f) => localChangedField(local, base, f),
      (f) => remoteChangedField(remote, base, f),
    );
    if (restored) {
      conflicts.push(
        conflict(
          'deletedAt',
          'edit_vs_delete',
          local.values.deletedAt ?? null,
          remote.values.deletedAt ?? null,
          local.stamps.deletedAt,
          remote.stamps.deletedAt,
          restored,
        ),
      );
      values.deletedAt = null;
      stamps.deletedAt = stampAfter(
        [local.stamps.deletedAt, remote.stamps.deletedAt],
        options.node,
        options.nowMs,
      );
      changed = true;
    }
  }
  return { values, stamps, outcome, conflicts, changed };
}

/** Did the local side change the field since the base (a field it never had: no)? */
function localChangedField(
  local: StampedValues | null,
  base: MergeBase | null,
  f: string,
): boolean {
  return (
    base !== null &&
    local !== null &&
    local.stamps[f] !== undefined &&
    local.stamps[f] !== base.stamps[f]
  );
}

/** Did the remote side change the field since the base? (Plain functions, not closures made per
 * merge: the server merges every op of a push.) */
function remoteChangedField(remote: StampedValues, base: MergeBase | null, f: string): boolean {
  return base !== null && remote.stamps[f] !== base.stamps[f];
}

/**
 * When one side deleted the record while the other edited it without having seen the deletion,
 * the edit wins and the record comes back. Returns the side whose edit restored it, or null.
 */
function editBeatsDelete(
  local: StampedValues,
  remote: StampedValues,
  outcome: Record<string, FieldOutcome>,
  localChanged: (f: string) => boolean,
  remoteChanged: (f: string) => boolean,
): 'local' | 'remote' | null {
  const remoteDeleted = outcome.deletedAt === 'remote' && remote.values.deletedAt != null;
  const localDeleted =
    local.values.deletedAt != null && localChanged('deletedAt') && outcome.deletedAt !== 'remote';
  if (remoteDeleted && Object.keys(local.stamps).some((f) => isContentField(f) && localChanged(f)))
    return 'local';
  if (
    localDeleted &&
    Object.keys(remote.values).some(
      (f) => isContentField(f) && remoteChanged(f) && outcome[f] !== 'quarantined',
    )
  ) {
    return 'remote';
  }
  return null;
}

function conflict(
  field: string,
  kind: ConflictKind,
  localValue: unknown,
  remoteValue: unknown,
  localStamp: string | undefined,
  remoteStamp: string | undefined,
  kept: MergeConflict['kept'],
): MergeConflict {
  return {
    field,
    kind,
    localValue: localValue ?? null,
    remoteValue: remoteValue ?? null,
    localStamp: localStamp ?? null,
    remoteStamp: remoteStamp ?? null,
    kept,
  };
}
