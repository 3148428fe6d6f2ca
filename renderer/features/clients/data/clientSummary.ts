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

export interface ClientSummary {
  client: Client;
  /** Live people, first added first. */
  people: ContactPerson[];
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
 * reads. Independent of today's date; notes count on the rep's day, so the zone is part of them.
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
        .map((r) => ({ visitId: r.visitId, answers: r.answers, deletedAt: null })),
    },
  };
}

/**
 * A client's summary from its facts, its people (any order, trashed ones left out here) and the
 * rep's cadence settings; `zone` is the one the facts were made in (the client's own creation day
 * counts on it).
 */
export function summaryFromFacts(
  client: Client,
  people: readonly ContactPerson[],
  facts: ClientFacts,
  cadence: CadenceSettings = DEFAULT_CADENCE_SETTINGS,
  zone: RepsZone = repsZone(),
): ClientSummary {
  const since = facts.lastContact ?? dayOfTimestamp(inRepsZone([client], zone)[0]!.createdAt);
  return {
    client,
    healthInput: { client, cadence, ...facts.health },
    people: live(people).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
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
): ClientSummary {
  return summaryFromFacts(
    records.client,
    records.people,
    clientFacts(records, zone),
    cadence,
    zone,
  );
}

function cadenceFacts(client: Client, since: Day | null, settings: CadenceSettings) {
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
export function withCadenceSettings(
  summary: ClientSummary,
  settings: CadenceSettings,
): ClientSummary {
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
  people: readonly ContactPerson[],
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
