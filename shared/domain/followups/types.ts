import type { CadenceSettings } from '../cadence';
import type { Client } from '../client';
import type { ContactLogEntry } from '../contact';
import type { FollowUp } from '../followup';
import type { ContactPerson } from '../person';
import type { Problem, RetentionPlan } from '../problem';
import type { Program, ProgramRuleKind } from '../program';
import type { Purchase } from '../purchase';
import type { Note, Visit } from '../visit';
import type { Day } from './days';

/** Everything the rules read: the rep's client book plus the follow-ups that exist already. */
export interface FollowUpBook {
  clients: readonly Client[];
  people: readonly ContactPerson[];
  purchases: readonly Purchase[];
  visits: readonly Visit[];
  notes: readonly Note[];
  contacts: readonly ContactLogEntry[];
  problems: readonly Problem[];
  retentionPlans: readonly RetentionPlan[];
  followUps: readonly FollowUp[];
  /** The rep's cadence defaults (Settings) for "no contact for N days"; absent: built-in. */
  cadence?: CadenceSettings;
}

/**
 * What a rule wants for one ruleKey. One rule per fact: a follow-up exists because a fact is
 * missing, and closes itself the moment that fact is recorded, wherever it is recorded.
 * - 'create': the fact is missing: create it if missing, keep an open one's date and title in step;
 * - 'track': keep an open one in step, but do not create it (outside the planning horizon);
 * - 'settled': the fact is recorded (delivery done, installation done in a post-sale visit,
 *   problem fixed, the client asked about satisfaction, the greeting logged): create nothing, and
 *   close an open or snoozed follow-up as done; one the rep closed or dismissed stays as it is.
 * A key no rule wants any more (its subject was deleted, its date cleared, its rule turned off, a
 * birthday greeting lapsed) has its open follow-up removed; a "no contact" follow-up whose silence
 * a contact ended is closed.
 */
export type TargetMode = 'create' | 'track' | 'settled';

export interface FollowUpTarget {
  ruleKey: string;
  kind: ProgramRuleKind;
  clientId: string;
  subjectId: string | null;
  title: string;
  due: Day;
  mode: TargetMode;
}

export type FollowUpDraft = Pick<
  FollowUp,
  | 'clientId'
  | 'kind'
  | 'ruleKey'
  | 'due'
  | 'status'
  | 'snoozedUntil'
  | 'doneAt'
  | 'title'
  | 'subjectId'
>;

export type FollowUpChanges = Partial<Pick<FollowUp, 'due' | 'title' | 'clientId' | 'subjectId'>>;

interface FollowUpUpdate {
  id: string;
  ruleKey: string;
  changes: FollowUpChanges;
}

export type RemovalReason = 'subject_gone' | 'rule_off' | 'lapsed' | 'duplicate';

interface FollowUpRemoval {
  id: string;
  ruleKey: string;
  reason: RemovalReason;
}

/** Why an open follow-up closes itself: the fact it waited for was recorded. */
type CloseReason = 'fact_recorded' | 'contact_made';

interface FollowUpClose {
  id: string;
  ruleKey: string;
  reason: CloseReason;
}

/**
 * Follow-ups to create, open ones to move or retitle, open ones to remove (soft delete), open or
 * snoozed ones to close as done (their fact was recorded). Done, snoozed and dismissed ones never
 * appear in update or remove; done and dismissed ones never in close.
 */
export interface FollowUpDiff {
  create: FollowUpDraft[];
  update: FollowUpUpdate[];
  remove: FollowUpRemoval[];
  close: FollowUpClose[];
}

/** What every rule gets besides the book. */
export interface RuleContext {
  today: Day;
  program: Program;
  /** Creation window for milestone follow-ups, as comparable day strings. */
  pastLimit: Day;
  aheadLimit: Day;
  /** The day of each client's latest contact of any kind (a logged contact, a visit, a note). */
  lastContact: ReadonlyMap<string, Day>;
  /** Each client's logged contacts, live only, oldest first: the facts contact rules look for. */
  contactsOf: (clientId: string) => readonly ContactLogEntry[];
  /** The client of each live (not deleted) client id. */
  clients: ReadonlyMap<string, Client>;
  /** Years already used by existing birthday keys, by key without the year. */
  birthdayYears: ReadonlyMap<string, ReadonlySet<number>>;
  emit: (target: FollowUpTarget) => void;
  /**
   * Whether any existing generated follow-up is about this subject (or client). A target that is
   * not to be created matters only then, so rules skip the rest without building their keys.
   */
  known: (subjectOrClientId: string) => boolean;
}

export function shortTitle(text: string, max = 120): string {
  const trimmed = text.trim();
  const end = trimmed.indexOf('\n');
  const line = end < 0 ? trimmed : trimmed.slice(0, end).trimEnd();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
