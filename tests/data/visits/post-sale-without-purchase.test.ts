// A post-sale visit started for a client with no purchase (possible before the picker refused
// it, and still possible from an older device) must not be stuck: filled in, it finishes.
import { describe, expect, it } from 'vitest';
import { finishVisit } from '../../../renderer/features/visits/data/visitOutcome';
import { localDay } from '../../../renderer/data/localTime';
import { addClient, freshBook, visitWith } from './helpers';

describe('a post-sale visit for a client with no purchase', () => {
  it('is not stuck: with every step filled in it finishes, and nothing is rated', async () => {
    const book = await freshBook();
    const client = await addClient(book, 'ООО Только знакомимся');
    const { visitId, runId } = await visitWith(book, 'post_sale', client.id, {
      delivery_check: 'as_agreed',
      installation_check: 'as_agreed',
      training_check: 'not_applicable',
      payment_check: 'as_agreed',
      satisfaction: 4,
      would_recommend: 8,
      buy_again: 'probably',
      referrals: 'not_asked',
    });
    const run = (await book.db.checklistRuns.get(runId))!;
    expect(run.answers.promises).toEqual([]);
    const done = await finishVisit(book.repo, visitId, { today: localDay() });
    expect(done.purchaseId).toBeNull();
    expect((await book.db.visits.get(visitId))!.status).toBe('finished');
  });
});
