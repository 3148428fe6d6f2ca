import type { FollowUp } from '../followup';
import type { Program } from '../program';
import { PROGRAM_RULE_KINDS, type ProgramRuleKind } from '../program';
import type { FollowUpChanges, FollowUpDiff, FollowUpTarget, RemovalReason } from './types';

const STATUS_RANK: Record<FollowUp['status'], number> = { done: 0, dismissed: 1, snoozed: 2, open: 3 };

/** The rule a generated key belongs to; null for keys this version does not know (a newer app wrote them): those are left alone. */
export function ruleOfKey(ruleKey: string): ProgramRuleKind | null {
  const prefix = ruleKey.slice(0, ruleKey.indexOf(':'));
  if (prefix.startsWith('birthday')) return ['birthday', 'birthday_before', 'birthday_child', 'birthday_child_before'].includes(prefix) ? 'birthday' : null;
  return (PROGRAM_RULE_KINDS as readonly string[]).includes(prefix) ? (prefix as ProgramRuleKind) : null;
}

/**
 * Two devices offline can each generate the same key. The one the rep acted on (done, dismissed,
 * snoozed) is the one that counts; among equals the older record. Open twins of it are removed.
 */
function primaryFirst(a: FollowUp, b: FollowUp): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

function changesFor(existing: FollowUp, target: FollowUpTarget): FollowUpChanges {
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
export function createReconciler(existing: readonly FollowUp[], program: Program, liveClientIds: ReadonlySet<string>) {
  const diff: FollowUpDiff = { create: [], update: [], remove: [] };
  const groups = new Map<string, FollowUp[]>();
  for (const f of existing) {
    if (f.deletedAt !== null || f.ruleKey === null || ruleOfKey(f.ruleKey) === null) continue;
    const group = groups.get(f.ruleKey);
    if (group) group.push(f);
    else groups.set(f.ruleKey, [f]);
  }
  for (const [ruleKey, group] of groups) {
    if (group.length < 2) continue;
    group.sort(primaryFirst);
    for (const twin of group.slice(1)) if (twin.status === 'open') diff.remove.push({ id: twin.id, ruleKey, reason: 'duplicate' });
  }
  /** Keys already answered: existing ones the rules still want, and ones just created. */
  const seen = new Set<string>();

  function emit(target: FollowUpTarget): void {
    if (seen.has(target.ruleKey)) return;
    const primary = groups.get(target.ruleKey)?.[0];
    if (!primary) {
      if (target.mode !== 'create') return;
      seen.add(target.ruleKey);
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
    seen.add(target.ruleKey);
    if (primary.status !== 'open' || target.mode === 'settled') return;
    const changes = changesFor(primary, target);
    if (Object.keys(changes).length > 0) diff.update.push({ id: primary.id, ruleKey: target.ruleKey, changes });
  }

  function finish(): FollowUpDiff {
    for (const [ruleKey, group] of groups) {
      const primary = group[0];
      if (!primary || seen.has(ruleKey) || primary.status !== 'open') continue;
      diff.remove.push({ id: primary.id, ruleKey, reason: removalReason(primary, program, liveClientIds) });
    }
    return diff;
  }

  return { emit, finish };
}

function removalReason(f: FollowUp, program: Program, liveClientIds: ReadonlySet<string>): RemovalReason {
  const rule = ruleOfKey(f.ruleKey ?? '');
  if (rule && !program.rules[rule].enabled) return 'rule_off';
  if (rule === 'no_contact' && liveClientIds.has(f.clientId)) return 'contact_reset';
  return 'subject_gone';
}
