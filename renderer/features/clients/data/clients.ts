/** Client book writes and reads used by the screens. */
import type { Client, ContactPerson } from '../../../../shared/domain';
import {
  emptyClientDraft as emptySharedClientDraft,
  emptyPersonDraft as emptySharedPersonDraft,
} from '../../../../shared/importing/drafts';
import type { Editable, Repository } from '../../../data/repository';

export type ClientDraft = Editable<'clients'>;
export type PersonDraft = Omit<Editable<'people'>, 'clientId'>;

/** A blank client as the form starts it: a prospect, everything else from the shared draft. */
export function emptyClientDraft(): ClientDraft {
  return { ...emptySharedClientDraft('prospect'), deletedAt: null };
}

export function emptyPersonDraft(): PersonDraft {
  return { ...emptySharedPersonDraft(), deletedAt: null };
}

export interface ClientWithPerson {
  client: ClientDraft;
  /** The main contact person; null when the rep left it empty. */
  person: PersonDraft | null;
}

/**
 * Saves a client and its main contact person together: one transaction, so a crash never leaves a
 * client without the person the rep just typed (or the other way round).
 */
export async function saveClient(
  repo: Repository,
  input: ClientWithPerson,
  ids: { clientId?: string; personId?: string } = {},
): Promise<{ client: Client; person: ContactPerson | null }> {
  const db = repo.db;
  return db.transaction('rw', [db.clients, db.people, db.outbox, db.meta], async () => {
    const client = ids.clientId
      ? await repo.update('clients', ids.clientId, input.client)
      : await repo.create('clients', input.client);
    let person: ContactPerson | null = null;
    if (input.person && ids.personId) {
      person = await repo.update('people', ids.personId, input.person);
    } else if (input.person && input.person.name.trim() !== '') {
      person = await repo.create('people', { ...input.person, clientId: client.id });
    }
    return { client, person };
  });
}
