/**
 * What the client list needs to know about one client, derived from its records: last contact,
 * next and overdue follow-ups, open problems, birthdays, health. Derived, never stored, so "last
 * contact" can never disagree with the timeline it comes from.
 */
import {
  DEFAULT_CADENCE_SETTINGS,
  effectiveCadence,
  type CadenceSettings,
  type ChecklistRun,
  type Client,
  type ContactLogEntry,
  type ContactPerson,
  type FollowUp,
  type Note,
  type Problem,
  type Purchase,
  type RetentionPlan,
  type EffectiveCadence,
  type Visit,
} from '../../../../shared/domain';
import {
  addDays,
  birthdayInYear,
  dayOfTimestamp,
  yearOf,
  type Day,
} from '../../../../shared/domain/followups/days';
import { lastContactDays } from '../../../../shared/domain/followups/contactGaps';
import { lastContactAt, type ClientHealthInput } from '../../../../shared/domain/health';
import { inRepsZone, repsZone, type RepsZone } from '../../../data/localTime';
import { isLive } from '../../../../shared/domain/common';

/** The records of one client (trashed rows included; each derivation leaves them out). */
export interface ClientRecords {
  client: Client;
  people: readonly ContactPerson[];
  purchases: readonly Purchase[];
  visits: readonly Visit[];
  /** Only the note's day matters here; the text goes to the search index. */
  notes: readonly Pick<Note, 'clientId' | 'createdAt' | 'deletedAt'>[];
  contacts: readonly ContactLogEntry[];
  followUps: readonly FollowUp[];
  problems: readonly Problem[];
  retentionPlans: readonly RetentionPlan[];
  /** Checklist runs of the client's visits (post-sale answers feed client health). */
  checklistRuns: readonly ChecklistRun[];
}

/** The records of one client with whole notes, as the card shows them. */
export interface FullClientRecords extends ClientRecords {
  notes: readonly Note[];
}

/**
 * A client as the list keeps it: the record without its per-field clocks (`stamps`), which only
 * sync and the editors read (they load the record itself). Half of a record's size, and of the
 * renderer's memory at 50k clients.
 */
export type ListedClient = Omit<Client, 'stamps'>;
/** A person as the list keeps it: what the list shows, filters on (birthdays) and exports. */
export type ListedPerson = Pick<
  ContactPerson,
  'id' | 'clientId' | 'name' | 'birthday' | 'children' | 'channels' | 'createdAt' | 'deletedAt'
>;

/** The client without its clocks (the same object when it has none). */
export function listedClient(client: ListedClient): ListedClient {
  if (!('stamps' in client)) return client;
  const { stamps: _stamps, ...listed } = client as Client;
  return listed;
}

/**
 * Live people as the list keeps them, first added first (the same list when it is so already:
 * records read from the book carry their clocks, listed people never do).
 */
export function listedPeople(people: readonly ListedPerson[]): ListedPerson[] {
  if (!people.some((p) => 'stamps' in p)) return livePeople(people);
  const out: ListedPerson[] = [];
  for (const p of people) {
    if (p.deletedAt !== null) continue;
    const { id, clientId, name, birthday, children, channels, createdAt, deletedAt } = p;
    out.push({ id, clientId, name, birthday, children, channels, createdAt, deletedAt });
  }
  return livePeople(out);
}

/** Live people, first added first (the same list when it is so already). */
function livePeople<P extends ListedPerson>(people: readonly P[]): P[] {
  let ready = true;
  for (let i = 0; i < people.length && ready; i++) {
    const p = people[i]!;
    ready =
      p.deletedAt === null && (i === 0 || people[i - 1]!.createdAt.localeCompare(p.createdAt) <= 0);
  }
  if (ready) return people as P[];
  return live(people).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** `P`: the book keeps people without their clocks; the card summarises whole records. */
export interface ClientSummary<P extends ListedPerson = ListedPerson> {
  client: ListedClient;
  /** Live people, first added first. */
  people: P[];
  lastContact: Day | null;
  /** The day the silence counts from: the last contact, else the day the client was added. */
  contactSince: Day | null;
  /** The cadence in force under the settings the summary was made with, and where it comes from. */
  cadence: EffectiveCadence;
  /** The day the client falls out of its cadence: contactSince + cadence days. */
  contactDue: Day | null;
  /** The earliest open follow-up (a snoozed one counts from the day it wakes); overdue when < today. */
  nextFollowUp: Day | null;
  openProblems: number;
  /** Just what client health reads, so it can be assessed for any day without the database. */
  healthInput: ClientHealthInput;
}

const live = <T extends { deletedAt: string | null }>(rows: readonly T[]) =>
  rows.filter((r) => isLive(r));

function followUpDay(f: FollowUp): Day | null {
  if (f.deletedAt !== null) return null;
  if (f.status === 'open') return f.due;
  if (f.status === 'snoozed') return f.snoozedUntil ?? f.due;
  return null;
}

/**
 * The facts of one client that come from its records (everything in a summary but the client,
 * its people and what the cadence settings decide). They are what the book keeps stored between
 * starts (clientFactsCache.ts), so each is plain data: health's input is cut to the fields health
 * reads (of a checklist run, only the answers that can judge a promise: lists of objects). Independent
 * of today's date; notes count on the rep's day, so the zone is part of them.
 */
export interface ClientFacts {
  lastContact: Day | null;
  nextFollowUp: Day | null;
  openProblems: number;
  /** Health's input besides the client and the cadence settings. */
  health: Required<
    Pick<ClientHealthInput, 'purchases' | 'problems' | 'contacts' | 'visits' | 'checklistRuns'>
  >;
}

/** The facts of one client from its records (trashed rows left out). */
export function clientFacts(records: ClientRecords, zone: RepsZone = repsZone()): ClientFacts {
  const { client } = records;
  const notes = inRepsZone(records.notes as readonly Note[], zone);
  const last = lastContactDays(records.contacts, records.visits, notes).get(client.id) ?? null;
  let nextFollowUp: Day | null = null;
  for (const f of records.followUps) {
    const day = followUpDay(f);
    if (day !== null && (nextFollowUp === null || day < nextFollowUp)) nextFollowUp = day;
  }
  const lastAt = lastContactAt({ ...records, notes });
  const postSale = live(records.visits).filter((v) => v.kind === 'post_sale');
  const postSaleIds = new Set(postSale.map((v) => v.id));
  const problems = live(records.problems);
  return {
    lastContact: last,
    nextFollowUp,
    openProblems: problems.filter((p) => p.status === 'open' || p.status === 'in_progress').length,
    health: {
      purchases: live(records.purchases).map((p) => ({
        id: p.id,
        date: p.date,
        delivery: p.delivery,
        installation: p.installation,
        training: p.training,
        payment: p.payment,
        promisedBenefits: p.promisedBenefits,
        deletedAt: null,
      })),
      problems: problems.map((p) => ({
        id: p.id,
        status: p.status,
        due: p.due,
        sellersFault: p.sellersFault,
        description: p.description,
        createdAt: p.createdAt,
        deletedAt: null,
      })),
      // Only the latest contact matters to health; keeping one row keeps the facts small.
      contacts: lastAt === null ? [] : [{ at: lastAt, deletedAt: null }],
      visits: postSale.map((v) => ({
        id: v.id,
        kind: v.kind,
        startedAt: v.startedAt,
        deletedAt: null,
      })),
      checklistRuns: live(records.checklistRuns)
        .filter((r) => postSaleIds.has(r.visitId))
        .map((r) => ({ visitId: r.visitId, answers: judgingAnswers(r.answers), deletedAt: null })),
    },
  };
}

/**
 * The answers of a run that health may read: a post-sale run's verdicts on promises are lists of
 * objects ({benefitId, reality}); ticks, texts and choices never judge a promise, and dropping
 * them keeps the facts a third smaller. A superset of what health checks, so health sees the same.
 */
function judgingAnswers(answers: ChecklistRun['answers']): ChecklistRun['answers'] {
  let out: ChecklistRun['answers'] | null = null;
  for (const key in answers) {
    const value = answers[key];
    if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
      (out ??= {})[key] = value;
    }
  }
  return out ?? NO_ANSWERS;
}

const NO_ANSWERS: ChecklistRun['answers'] = Object.freeze({}) as ChecklistRun['answers'];

/** Whether two facts of a client say the same (plain data compared deeply, no allocation). */
export function sameFacts(a: ClientFacts, b: ClientFacts): boolean {
  return (
    a.lastContact === b.lastContact &&
    a.nextFollowUp === b.nextFollowUp &&
    a.openProblems === b.openProblems &&
    samePlain(a.health, b.health)
  );
}

/** The facts a summary was made from. */
export function factsOfSummary(s: ClientSummary): ClientFacts {
  const h = s.healthInput;
  return {
    lastContact: s.lastContact,
    nextFollowUp: s.nextFollowUp,
    openProblems: s.openProblems,
    health: {
      purchases: h.purchases ?? [],
      problems: h.problems ?? [],
      contacts: h.contacts ?? [],
      visits: h.visits ?? [],
      checklistRuns: h.checklistRuns ?? [],
    },
  };
}

/** Whether a summary was made from these facts (compared field by field, no allocation). */
export function summaryHasFacts(s: ClientSummary, f: ClientFacts): boolean {
  const h = s.healthInput;
  return (
    s.lastContact === f.lastContact &&
    s.nextFollowUp === f.nextFollowUp &&
    s.openProblems === f.openProblems &&
    samePlain(h.purchases, f.health.purchases) &&
    samePlain(h.problems, f.health.problems) &&
    samePlain(h.contacts, f.health.contacts) &&
    samePlain(h.visits, f.health.visits) &&
    samePlain(h.checklistRuns, f.health.checklistRuns)
  );
}

/**
 * Deep equality of plain data (what IndexedDB stores: objects, arrays, strings, numbers, booleans,
 * null); a key whose value is undefined counts as absent, as after a JSON round trip.
 */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const key in x) {
    const v = x[key];
    if (v === undefined) continue;
    defined++;
    if (!samePlain(v, y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) defined--;
  return defined === 0;
}

/**
 * A client's summary from its facts, its people (any order, trashed ones left out here) and the
 * rep's cadence settings; `zone` is the one the facts were made in (the client's own creation day
 * counts on it).
 */
export function summaryFromFacts<P extends ListedPerson>(
  record: ListedClient,
  people: readonly P[],
  facts: ClientFacts,
  cadence: CadenceSettings = DEFAULT_CADENCE_SETTINGS,
  zone: RepsZone = repsZone(),
): ClientSummary<P> {
  const client = listedClient(record);
  const since = facts.lastContact ?? dayOfTimestamp(inRepsZone([client], zone)[0]!.createdAt);
  return {
    client,
    healthInput: { client, cadence, ...facts.health },
    people: livePeople(people),
    lastContact: facts.lastContact,
    ...cadenceFacts(client, since, cadence),
    nextFollowUp: facts.nextFollowUp,
    openProblems: facts.openProblems,
  };
}

/**
 * Independent of today's date, so a summary stays right past midnight; filters compare with today.
 * `cadence` is the rep's settings in force (renderer/features/settings/data/cadenceSettings.ts). Notes and the
 * client's own creation count on the rep's day, as the follow-up rules count them (a note at 00:30
 * in Moscow is that Moscow day's contact); `zone` is taken once by a caller summarising many.
 */
export function summarizeClient(
  records: ClientRecords,
  cadence: CadenceSettings = DEFAULT_CADENCE_SETTINGS,
  zone: RepsZone = repsZone(),
): ClientSummary<ContactPerson> {
  return summaryFromFacts(
    records.client,
    records.people,
    clientFacts(records, zone),
    cadence,
    zone,
  );
}

function cadenceFacts(client: ListedClient, since: Day | null, settings: CadenceSettings) {
  const cadence = effectiveCadence(client, settings);
  return {
    contactSince: since,
    cadence,
    contactDue: since === null ? null : addDays(since, cadence.days),
  };
}

/**
 * The same summary under other cadence settings, without reading the records again: only the
 * cadence, the day contact is due and health's input depend on them. A new object, so caches by
 * identity (health) see the change.
 */
export function withCadenceSettings<P extends ListedPerson>(
  summary: ClientSummary<P>,
  settings: CadenceSettings,
): ClientSummary<P> {
  if (summary.healthInput.cadence === settings) return summary;
  return {
    ...summary,
    ...cadenceFacts(summary.client, summary.contactSince, settings),
    healthInput: { ...summary.healthInput, cadence: settings },
  };
}

export interface UpcomingBirthday {
  /** The person's or the child's name. */
  name: string;
  /** Set for a child: the parent's name. */
  parent: string | null;
  day: Day;
}

/**
 * Birthdays of the client's people and their children from today to `days` ahead (year-less
 * birthdays included; 29 February is greeted on the 28th in other years).
 */
export function upcomingBirthdays(
  people: readonly ListedPerson[],
  today: Day,
  days = 7,
): UpcomingBirthday[] {
  const until = addDays(today, days);
  const year = yearOf(today);
  const found: UpcomingBirthday[] = [];
  const check = (name: string, parent: string | null, birthday: string | null) => {
    if (!birthday) return;
    for (const y of [year, year + 1]) {
      const day = birthdayInYear(birthday, y);
      if (day !== null && day >= today && day <= until) {
        found.push({ name, parent, day });
        return;
      }
    }
  };
  for (const p of people) {
    if (p.deletedAt !== null) continue;
    check(p.name, null, p.birthday);
    for (const child of p.children) check(child.name, p.name, child.birthday);
  }
  return found.sort((a, b) => a.day.localeCompare(b.day));
}
