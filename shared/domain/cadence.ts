import { z } from 'zod';
import { CLIENT_STATUSES, type Client, type ClientStatus } from './client';

/**
 * Contact cadence: how many days a client may go without contact before it needs attention
 * (docs/domain.md §5: constant contact, no long gaps). The rep sets defaults in Settings; a client may
 * override them. Health ("no contact beyond cadence"), the list filter, the "no contact for N days"
 * follow-up, the report and the card all read the cadence through `effectiveCadence` only.
 */
const CADENCE_LIMITS = { min: 1, max: 3650 } as const;

const Days = z.number().int().min(CADENCE_LIMITS.min).max(CADENCE_LIMITS.max);

export const CadenceSettingsSchema = z.object({
  /** Used when neither the client, its tags nor its status have a cadence. */
  defaultDays: Days,
  /** Per status; a status left out falls back to `defaultDays`. */
  byStatus: z.partialRecord(z.enum(CLIENT_STATUSES), Days),
  /** Per tag, as the rep wrote the tag; matched without regard to case, spaces or ё/е. */
  byTag: z.record(z.string().trim().min(1).max(60), Days),
});
export type CadenceSettings = z.infer<typeof CadenceSettingsSchema>;

/** What the app used before the rep changes anything: the long-standing defaults by status. */
export const DEFAULT_CADENCE_SETTINGS: CadenceSettings = {
  defaultDays: 30,
  byStatus: { prospect: 14, active: 30, at_risk: 7, lost: 90, won_back: 14 },
  byTag: {},
};

type CadenceSource = 'client' | 'tag' | 'status' | 'default';

export interface EffectiveCadence {
  days: number;
  /** Where the days come from, so the card can say "every 14 days (from tag «опт»)". */
  source: CadenceSource;
  /** The tag as written in the settings, when `source` is 'tag'. */
  tag: string | null;
}

/** A tag as it is compared: trimmed, lower case, ё read as е («Опт » and «опт» are one tag). */
export function cadenceTagKey(tag: string): string {
  return tag.trim().toLocaleLowerCase('ru').replaceAll('ё', 'е');
}

/**
 * The cadence in force for a client. The rules, in order:
 * 1. the client's own cadence (`cadenceDays`), when the rep set one;
 * 2. else the smallest cadence among the client's tags that have one in the settings (the tag
 *    asking for the most attention wins; ties go to the tag listed first on the client);
 * 3. else the settings' cadence for the client's status;
 * 4. else the settings' global default.
 * Tags match by `cadenceTagKey`. Pure: the same client and settings always give the same answer.
 */
export function effectiveCadence(
  client: Pick<Client, 'cadenceDays' | 'status' | 'tags'>,
  settings: CadenceSettings = DEFAULT_CADENCE_SETTINGS,
): EffectiveCadence {
  if (client.cadenceDays !== null) return { days: client.cadenceDays, source: 'client', tag: null };
  const best = tagCadence(client.tags, settings);
  if (best) return { days: best.days, source: 'tag', tag: best.tag };
  return statusCadence(client.status, settings);
}

/**
 * The days of `effectiveCadence`, for code that needs only the number. The follow-up rules, the
 * report and health ask it for every client of a 10k-client book, so it builds no answer object.
 */
export function effectiveCadenceDays(
  client: Pick<Client, 'cadenceDays' | 'status' | 'tags'>,
  settings: CadenceSettings = DEFAULT_CADENCE_SETTINGS,
): number {
  if (client.cadenceDays !== null) return client.cadenceDays;
  const best = tagCadence(client.tags, settings);
  if (best) return best.days;
  return settings.byStatus[client.status] ?? settings.defaultDays;
}

/** What a client of `status` gets with no cadence of its own and no tag cadence (rules 3 and 4). */
function statusCadence(status: ClientStatus, settings: CadenceSettings): EffectiveCadence {
  const days = settings.byStatus[status];
  return days !== undefined
    ? { days, source: 'status', tag: null }
    : { days: settings.defaultDays, source: 'default', tag: null };
}

interface TagCadence {
  days: number;
  /** As written in the settings. */
  tag: string;
}

/** One settings object's tag cadences, normalised once for every client asked about. */
interface TagIndex {
  /** By `cadenceTagKey`. */
  byKey: Map<string, TagCadence>;
  /**
   * By the tag as a client has it: the same few tags recur on thousands of clients, and
   * normalising one (locale lower case) costs more than the rest of the rule.
   */
  byTag: Map<string, TagCadence | null>;
}

/** Rule 2: the smallest cadence among the tags (first listed wins a tie); null when none has one. */
function tagCadence(tags: readonly string[], settings: CadenceSettings): TagCadence | null {
  if (tags.length === 0) return null;
  const index = tagIndex(settings);
  if (index.byKey.size === 0) return null;
  let best: TagCadence | null = null;
  for (const tag of tags) {
    let found = index.byTag.get(tag);
    if (found === undefined) {
      found = index.byKey.get(cadenceTagKey(tag)) ?? null;
      if (index.byTag.size >= TAG_MEMO_LIMIT) index.byTag.clear();
      index.byTag.set(tag, found);
    }
    if (found && (best === null || found.days < best.days)) best = found;
  }
  return best;
}

const TAG_MEMO_LIMIT = 10_000;

// Settings objects are replaced, never mutated, so their tag index can be kept per object: the
// list and the follow-up rules ask for thousands of clients with one settings object.
const tagIndexes = new WeakMap<CadenceSettings, TagIndex>();

function tagIndex(settings: CadenceSettings): TagIndex {
  let index = tagIndexes.get(settings);
  if (!index) {
    const byKey = new Map<string, TagCadence>();
    for (const [tag, days] of Object.entries(settings.byTag)) {
      const key = cadenceTagKey(tag);
      const known = byKey.get(key);
      if (key !== '' && (!known || days < known.days)) byKey.set(key, { days, tag: tag.trim() });
    }
    index = { byKey, byTag: new Map() };
    tagIndexes.set(settings, index);
  }
  return index;
}

/**
 * Settings from anything stored (an older app version, a hand-edited backup): a broken part falls
 * back to its default, a number out of range is dropped, so a bad value never stops the rules.
 */
export function parseCadenceSettings(input: unknown): CadenceSettings {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const days = (value: unknown): number | undefined => {
    const parsed = Days.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  const byStatusRaw = (
    typeof raw.byStatus === 'object' && raw.byStatus !== null ? raw.byStatus : {}
  ) as Record<string, unknown>;
  const byStatus: CadenceSettings['byStatus'] = {};
  for (const status of CLIENT_STATUSES) {
    const d = status in byStatusRaw ? days(byStatusRaw[status]) : undefined;
    if (d !== undefined) byStatus[status] = d;
  }
  const byTagRaw = (typeof raw.byTag === 'object' && raw.byTag !== null ? raw.byTag : {}) as Record<
    string,
    unknown
  >;
  const byTag: Record<string, number> = {};
  for (const [tag, value] of Object.entries(byTagRaw)) {
    const d = days(value);
    const name = tag.trim();
    if (d !== undefined && name !== '' && name.length <= 60) byTag[name] = d;
  }
  return {
    defaultDays: days(raw.defaultDays) ?? DEFAULT_CADENCE_SETTINGS.defaultDays,
    byStatus: 'byStatus' in raw ? byStatus : { ...DEFAULT_CADENCE_SETTINGS.byStatus },
    byTag,
  };
}

/**
 * A cadence the rep typed: null for an empty field (use the defaults), the number of days, or
 * 'invalid' for anything but a whole number from 1 to 3650 (the field keeps what was typed).
 */
export function readCadenceDays(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const days = Number(trimmed);
  return days >= CADENCE_LIMITS.min && days <= CADENCE_LIMITS.max ? days : 'invalid';
}
