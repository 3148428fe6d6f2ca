/** Saving why a client is leaving and the plan to win them back: both or neither. */
import {
  retentionPlanHasContent,
  type CHURN_REASONS,
  type RetentionPlan,
} from '../../../../shared/domain';

type ChurnReason = (typeof CHURN_REASONS)[number];
import type { Repository } from '../../../data/repository';

export interface RetentionInput {
  churnReason: ChurnReason | null;
  churnComment: string;
  cause: string;
  status: RetentionPlan['status'];
  actions: RetentionPlan['actions'];
}

/** Updates the client's churn reason and the plan (or creates one with content) in one transaction. */
export async function saveRetention(
  repo: Repository,
  clientId: string,
  plan: RetentionPlan | undefined,
  input: RetentionInput,
): Promise<void> {
  const { db } = repo;
  await db.transaction('rw', [db.clients, db.retentionPlans, db.outbox, db.meta], async () => {
    await repo.update('clients', clientId, {
      churnReason: input.churnReason,
      churnComment: input.churnComment.trim(),
    });
    const fields = {
      clientId,
      cause: input.cause.trim(),
      status: input.status,
      actions: input.actions,
      deletedAt: null,
    };
    if (plan) await repo.update('retentionPlans', plan.id, fields);
    else if (retentionPlanHasContent(fields.cause, fields.actions))
      await repo.create('retentionPlans', fields);
  });
}
