/** The contact log and problem statuses: small writes made from the agenda and visit mode. */
import type { ContactLogEntry, Problem } from '../../../../shared/domain';
import { PROBLEM_STATUSES } from '../../../../shared/domain';
import type { Repository } from '../../../data/repository';
import { localTimestamp } from '../../../data/localTime';

export type ContactFields = Pick<
  ContactLogEntry,
  'clientId' | 'personId' | 'type' | 'subtype' | 'channel' | 'summary'
>;

/** Logs a contact now; any logged contact resets the client's "no contact" clock. */
export async function logContact(
  repo: Repository,
  fields: ContactFields,
): Promise<ContactLogEntry> {
  return repo.create('contacts', { ...fields, at: localTimestamp(), deletedAt: null });
}

/** The status after this one (open → in progress → fixed → confirmed by the client); null at the end. */
export function nextProblemStatus(status: Problem['status']): Problem['status'] | null {
  const i = PROBLEM_STATUSES.indexOf(status);
  return PROBLEM_STATUSES[i + 1] ?? null;
}

export async function advanceProblem(repo: Repository, problem: Problem): Promise<void> {
  const next = nextProblemStatus(problem.status);
  if (next) await repo.update('problems', problem.id, { status: next });
}
