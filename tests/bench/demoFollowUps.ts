// The follow-ups the rules generate for a demo book, as stored records: what the follow-up and
// agenda benches both start from.
import type { FollowUp } from '../../shared/domain';
import {
  applyFollowUpDiff,
  generateFollowUps,
  type FollowUpBook,
} from '../../shared/domain/followupRules';
import { DEFAULT_PROGRAM } from '../../shared/domain/program';

/** `ids` numbers the follow-ups: pass the same counter when a book is made chunk by chunk. */
export function storedFollowUps(
  book: FollowUpBook,
  today: string,
  ids: { n: number } = { n: 0 },
): FollowUp[] {
  const now = `${today}T08:00:00+03:00`;
  return applyFollowUpDiff([], generateFollowUps(book, DEFAULT_PROGRAM, today), {
    now,
    create: (draft): FollowUp => ({
      ...draft,
      id: `0190b000-0000-7000-8000-${(++ids.n).toString(16).padStart(12, '0')}`,
      ownerId: 'bench',
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      stamps: {},
      serverVersion: 0,
    }),
  });
}
