/**
 * What the visit screens read, each a named live query: the visit list, what a client is offered
 * to start, the facts shown during the talk, the client picker, the contact log's set-up and what
 * a finished visit recorded.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { clientAccess, type Viewer } from '../../../../shared/domain/clientAccess';
import { isLive, visitKindsOffered, type Client, type Visit } from '../../../../shared/domain';
import { useDatabase } from '../../../data/DataContext';
import { useTemplates } from '../../program';
import { templateForPurpose } from '../../program';
import { latestPurchase, listVisits, type VisitKind, type VisitRow } from './visits';

export function useVisitList(): VisitRow[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => listVisits(db), [db]);
}

/**
 * The visits offered for a client (the one to press first) and which of them is unfinished; a
 * post-sale visit only for a client with a purchase. Undefined while loading or with no client.
 */
export function useVisitStartOptions(
  clientId: string | null,
): { kinds: VisitKind[]; unfinished: Set<Visit['kind']> } | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    if (clientId === null) return undefined;
    const [purchases, visits] = await Promise.all([
      db.purchases.where('clientId').equals(clientId).toArray(),
      db.visits.where('clientId').equals(clientId).toArray(),
    ]);
    return {
      kinds: visitKindsOffered(purchases.some(isLive)),
      unfinished: new Set(
        visits.filter((v) => v.status === 'draft' && isLive(v)).map((v) => v.kind),
      ),
    };
  }, [db, clientId]);
}

/** Who is who, the last purchase and the problems still open, for the talk. */
export function useClientFacts(clientId: string) {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const [client, people, purchases, problems] = await Promise.all([
      db.clients.get(clientId),
      db.people.where('clientId').equals(clientId).toArray(),
      db.purchases.where('clientId').equals(clientId).toArray(),
      db.problems.where('clientId').equals(clientId).toArray(),
    ]);
    return {
      client,
      people: people.filter(isLive),
      purchase: latestPurchase(purchases),
      problems: problems.filter((p) => isLive(p) && p.status !== 'confirmed'),
    };
  }, [db, clientId]);
}

/** The first `limit` clients whose folded name contains the folded query, by name. */
export function useClientsNamed(
  query: string,
  fold: (text: string) => string,
  limit: number,
  /** Only the clients this account may change (shared/domain/clientAccess.ts); null: any. */
  viewer: Viewer | null,
): Client[] | undefined {
  const db = useDatabase();
  const userId = viewer?.userId ?? null;
  const role = viewer?.role ?? null;
  return useLiveQuery(async () => {
    const q = fold(query.trim());
    if (q === '') return [];
    const who = userId === null || role === null ? null : { userId, role };
    const found = await db.clients
      .filter((c) => isLive(c) && clientAccess(c, who).kind === 'edit' && fold(c.name).includes(q))
      .limit(limit)
      .toArray();
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }, [db, query, userId, role]);
}

export function useClient(clientId: string | null): Client | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () => (clientId ? await db.clients.get(clientId) : undefined),
    [db, clientId],
  );
}

/** The contact-log checklist in force and the client's people to pick from. */
export function useContactLogSetup(clientId: string) {
  const db = useDatabase();
  const templates = useTemplates();
  const people = useLiveQuery(
    async () => (await db.people.where('clientId').equals(clientId).toArray()).filter(isLive),
    [db, clientId],
  );
  if (!templates || !people) return undefined;
  return { template: templateForPurpose(templates, 'contact_log'), people };
}

/** What a finished visit recorded: its purchase, its problems, the referrals, the client. */
export function useVisitRecords(visit: Visit) {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const [purchase, problems, referred, client] = await Promise.all([
      visit.purchaseId ? db.purchases.get(visit.purchaseId) : undefined,
      db.problems.where('clientId').equals(visit.clientId).toArray(),
      db.clients.filter((c) => c.referredBy === visit.clientId && isLive(c)).toArray(),
      db.clients.get(visit.clientId),
    ]);
    return {
      purchase,
      problems: problems.filter((p) => p.visitId === visit.id && isLive(p)),
      referred,
      client,
    };
  }, [db, visit]);
}
