import type { FollowUp } from '../followup';
import type { Program } from '../program';
import { PROGRAM_RULE_KINDS, type ProgramRuleKind } from '../program';
import type { FollowUpChanges, FollowUpDiff, FollowUpTarget, RemovalReason } from './types';

const STATUS_RANK: Record<FollowUp['status'], number> = {
  done: 0,
  dismissed: 1,
  snoozed: 2,
  open: 3,
};

const RULE_OF_PREFIX = new Map<string, ProgramRuleKind>([
  ...PROGRAM_RULE_KINDS.map((k) => [k, k] as const),
  ['birthday_before', 'birthday'],
  ['birthday_child', 'birthday'],
  ['birthday_child_before', 'birthday'],
]);

/** The rule a generated key belongs to; null for keys this version does not know (a newer app wrote them): those are left alone. */
function ruleOfKey(ruleKey: string): ProgramRuleKind | null {
  return RULE_OF_PREFIX.get(ruleKey.slice(0, ruleKey.indexOf(':'))) ?? null;
}

/** The follow-ups holding one rule key: normally one; twins sorted, the one that counts first. */
interface KeyGroup {
  members: FollowUp[];
  /** Set while reconciling, once a rule still wants this key. */
  wanted: boolean;
}

/** What the rules need to know about the follow-ups that exist, gathered in one pass. */
export interface ExistingIndex {
  /** Live generated follow-ups by rule key. */
  groups: Map<string, KeyGroup>;
  /** Subject and client ids that existing generated follow-ups are about. */
  known: Set<string>;
  /** Years used by birthday keys, by key without the year. */
  birthdayYears: Map<string, Set<number>>;
}

export function indexExisting(existing: readonly FollowUp[]): ExistingIndex {
  const index: ExistingIndex = { groups: new Map(), known: new Set(), birthdayYears: new Map() };
  for (const f of existing) {
    const key = f.ruleKey;
    if (f.deletedAt !== null || key === null) continue;
    const rule = ruleOfKey(key);
    if (rule === null) continue;
    const group = index.groups.get(key);
    if (group) group.members.push(f);
    else index.groups.set(key, { members: [f], wanted: false });
    index.known.add(f.clientId);
    if (f.subjectId !== null) index.known.add(f.subjectId);
    // Birthday keys end in ':<year>'.
    if (rule === 'birthday' && key.length > 5 && key.charCodeAt(key.length - 5) === 58) {
      const base = key.slice(0, -5);
      const years = index.birthdayYears.get(base) ?? new Set<number>();
      years.add(Number(key.slice(-4)));
      index.birthdayYears.set(base, years);
    }
  }
  for (const group of index.groups.values()) {
    if (group.members.length > 1) group.members.sort(primaryFirst);
  }
  return index;
}

/**
 * Two devices offline can each generate the same key. The one the rep acted on (done, dismissed,
 * snoozed) is the one that counts; among equals the older record. Open twins of it are removed.
 */
function primaryFirst(a: FollowUp, b: FollowUp): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

function changesFor(existing: FollowUp, target: FollowUpTarget): FollowUpChanges | null {
  if (
    existing.due === target.due &&
    existing.title === target.title &&
    existing.clientId === target.clientId &&
    existing.subjectId === target.subjectId
  ) {
    return null;
  }
  const changes: FollowUpChanges = {};
  if (existing.due !== target.due) changes.due = target.due;
  if (existing.title !== target.title) changes.title = target.title;
  if (existing.clientId !== target.clientId) changes.clientId = target.clientId;
  if (existing.subjectId !== target.subjectId) changes.subjectId = target.subjectId;
  return changes;
}

/**
 * Turns what the rules want into the smallest diff against what exists, as the rules emit (no
 * list of every target is kept: on a 10k-client book most targets match nothing and would only
 * feed the garbage collector). Only open follow-ups are ever updated or removed: done, snoozed
 * and dismissed ones are the rep's decisions and are never reopened, moved or deleted.
 */
export function createReconciler(
  index: ExistingIndex,
  program: Program,
  liveClients: { has(clientId: string): boolean },
  today = '',
) {
  const diff: FollowUpDiff = { create: [], update: [], remove: [], close: [] };
  const { groups } = index;
  for (const [ruleKey, group] of groups) {
    for (let i = 1; i < group.members.length; i++) {
      const twin = group.members[i];
      if (twin?.status === 'open') diff.remove.push({ id: twin.id, ruleKey, reason: 'duplicate' });
    }
    group.wanted = false;
  }
  /** Keys created in this run: a key is created once even if a rule offered it twice. */
  const created = new Set<string>();

  function emit(target: FollowUpTarget): void {
    const group = groups.get(target.ruleKey);
    if (!group) {
      if (target.mode !== 'create' || created.has(target.ruleKey)) return;
      created.add(target.ruleKey);
      diff.create.push({
        clientId: target.clientId,
        kind: target.kind,
        ruleKey: target.ruleKey,
        due: target.due,
        status: 'open',
        snoozedUntil: null,
        doneAt: null,
        title: target.title,
        subjectId: target.subjectId,
      });
      return;
    }
    const primary = group.members[0];
    if (group.wanted || !primary) return;
    group.wanted = true;
    if (target.mode === 'settled') {
      // The fact is recorded: the follow-up closes itself, open or held; the rep's done or
      // dismissed stays as it is.
      if (primary.status === 'open' || primary.status === 'snoozed')
        diff.close.push({ id: primary.id, ruleKey: target.ruleKey, reason: 'fact_recorded' });
      return;
    }
    if (primary.status !== 'open') return;
    const changes = changesFor(primary, target);
    if (changes) diff.update.push({ id: primary.id, ruleKey: target.ruleKey, changes });
  }

  function finish(): FollowUpDiff {
    for (const [ruleKey, group] of groups) {
      const primary = group.members[0];
      if (!primary || group.wanted) continue;
      const rule = ruleOfKey(ruleKey);
      const ruleOn = rule !== null && program.rules[rule].enabled;
      // A silence that a contact ended: the follow-up asked for a contact, and one was made.
      if (rule === 'no_contact' && ruleOn && liveClients.has(primary.clientId)) {
        if (primary.status === 'open' || primary.status === 'snoozed')
          diff.close.push({ id: primary.id, ruleKey, reason: 'contact_made' });
        continue;
      }
      if (primary.status !== 'open') continue;
      diff.remove.push({
        id: primary.id,
        ruleKey,
        reason: removalReason(primary, program, today),
      });
    }
    return diff;
  }

  return { emit, finish };
}

function removalReason(f: FollowUp, program: Program, today: string): RemovalReason {
  const rule = ruleOfKey(f.ruleKey ?? '');
  if (rule && !program.rules[rule].enabled) return 'rule_off';
  // A greeting whose day (and grace) passed, or a reminder ahead of a day that has come.
  if (rule === 'birthday' && f.due < today) return 'lapsed';
  return 'subject_gone';
}
