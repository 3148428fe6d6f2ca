/** Records written through the repository, as the screens would write them. */
import type { Repository } from '../../../renderer/data/repository';
import {
  emptyClientDraft,
  emptyPersonDraft,
} from '../../../renderer/features/clients/data/clients';
import type { ClientStatus } from '../../../shared/domain';
import { NO_FILTERS, useClientList } from '../../../renderer/store/clientList';

/** Each test starts with the list as a new rep sees it: sorted by name, no filters. */
export function resetListState() {
  localStorage.clear();
  useClientList.setState({ sort: 'name', filters: NO_FILTERS });
}

export function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export async function addClient(
  repo: Repository,
  name: string,
  extra: { status?: ClientStatus; tags?: string[]; cadenceDays?: number | null } = {},
) {
  return repo.create('clients', { ...emptyClientDraft(), name, ...extra });
}

export async function addPerson(
  repo: Repository,
  clientId: string,
  fields: Partial<ReturnType<typeof emptyPersonDraft>> & { name: string },
) {
  return repo.create('people', { ...emptyPersonDraft(), clientId, ...fields });
}

export async function addContact(repo: Repository, clientId: string, at: string, summary = '') {
  return repo.create('contacts', {
    clientId,
    personId: null,
    type: 'seller_initiated',
    subtype: 'none',
    channel: 'phone',
    at,
    summary,
    deletedAt: null,
  });
}
