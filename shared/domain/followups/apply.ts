import type { FollowUp } from '../followup';
import type { FollowUpDiff, FollowUpDraft } from './types';

export function isEmptyDiff(diff: FollowUpDiff): boolean {
  return (
    diff.create.length === 0 &&
    diff.update.length === 0 &&
    diff.remove.length === 0 &&
    diff.close.length === 0
  );
}

/**
 * The follow-ups after a diff, for callers that hold them in memory (tests, benches, a preview).
 * The data layer applies the same diff through its repository, which stamps and syncs each change;
 * `create` gives a new draft its record fields (id, owner, timestamps). Removal is a soft delete;
 * closing marks the follow-up done at `now`.
 */
export function applyFollowUpDiff(
  followUps: readonly FollowUp[],
  diff: FollowUpDiff,
  options: { now: string; create: (draft: FollowUpDraft) => FollowUp },
): FollowUp[] {
  const updates = new Map(diff.update.map((u) => [u.id, u.changes]));
  const removals = new Set(diff.remove.map((r) => r.id));
  const closes = new Set(diff.close.map((c) => c.id));
  const result = followUps.map((f) => {
    if (removals.has(f.id)) return { ...f, deletedAt: options.now, updatedAt: options.now };
    if (closes.has(f.id))
      return {
        ...f,
        status: 'done' as const,
        doneAt: options.now,
        snoozedUntil: null,
        updatedAt: options.now,
      };
    const changes = updates.get(f.id);
    return changes ? { ...f, ...changes, updatedAt: options.now } : f;
  });
  for (const draft of diff.create) result.push(options.create(draft));
  return result;
}
