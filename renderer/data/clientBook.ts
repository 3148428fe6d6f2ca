/**
 * The client book's read model: one summary per client and the search index, in memory, loaded
 * in slices at start (so the first screen shows while the rest loads) and kept current after
 * every commit through the change feed. It is derived data, rebuilt from the database, never
 * written back; the repository stays the only writer.
 */
import {
  buildClientSearchDocument,
  createClientSearchIndex,
  type ClientSearchIndex,
  type SearchHit,
} from '../../shared/search';
import type { Client, ContactPerson } from '../../shared/domain';
import type { FieldbookDb } from './db';
import { watchClientBook, type BookChange } from './changeFeed';
import { summarizeClient, type ClientRecords, type ClientSummary } from './clientSummary';
import { loadBookInSlices, loadClientRecords, type NoteText } from './clientBookLoader';

/**
 * Loading goes: the first screen of names (preview), the whole list, facts (last contact,
 * follow-ups…), the search index last.
 */
export type BookPhase = 'starting' | 'preview' | 'list' | 'facts' | 'ready' | 'failed';

/** Enough clients to fill the first screen of the list. */
const FIRST_SCREEN = 40;

export interface BookSearch {
  hits: Map<string, SearchHit>;
  /** The query's words as searched (normalised), for marking what the rep typed. */
  queryTerms: string[];
  /** Client ids, best match first. */
  ranked: string[];
  total: number;
}

/** Clients indexed between two folds of the index while it is built (see reload). */
const OPTIMIZE_EVERY = 4000;

/** The app's own index can fold its recent words; another implementation need not. */
function optimizeIndex(index: ClientSearchIndex): void {
  (index as ClientSearchIndex & { optimize?: () => void }).optimize?.();
}

/** Above this many clients touched by one commit, a full reload is cheaper than one by one. */
const RELOAD_THRESHOLD = 300;

export class ClientBook {
  private summaries = new Map<string, ClientSummary>();
  private index: ClientSearchIndex = createClientSearchIndex();
  private listeners = new Set<() => void>();
  private stopWatching: (() => void) | null = null;
  private work: Promise<void> = Promise.resolve();
  private pending: BookChange | null = null;
  private cachedList: ClientSummary[] | null = null;
  phase: BookPhase = 'starting';
  version = 0;
  failure: unknown = null;

  constructor(readonly db: FieldbookDb) {}

  /** Starts loading and watching; safe to call twice. */
  start(): void {
    if (this.stopWatching) return;
    this.stopWatching = watchClientBook(this.db, (change) => this.enqueue(change));
    this.enqueue({ kind: 'all' });
  }

  dispose(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Resolves once every change seen so far is applied (tests and restore wait on it). */
  settled(): Promise<void> {
    return this.work;
  }

  list(): ClientSummary[] {
    this.cachedList ??= [...this.summaries.values()];
    return this.cachedList;
  }

  get(id: string): ClientSummary | undefined {
    return this.summaries.get(id);
  }

  get searchReady(): boolean {
    return this.phase === 'ready';
  }

  search(query: string, limit = 500): BookSearch {
    if (this.phase !== 'ready') return this.searchNames(query);
    const result = this.index.search(query, { limit });
    return {
      hits: new Map(result.hits.map((h) => [h.id, h])),
      queryTerms: result.queryTerms,
      ranked: result.hits.map((h) => h.id),
      total: result.total,
    };
  }

  /** Until the index is built, a plain match on names keeps the search box useful. */
  private searchNames(query: string): BookSearch {
    const needle = query.trim().toLocaleLowerCase();
    const ranked = this.list()
      .filter((s) => s.client.name.toLocaleLowerCase().includes(needle))
      .map((s) => s.client.id);
    const hits = new Map<string, SearchHit>(
      ranked.map((id) => [id, { id, score: 1, fields: ['name'], terms: [needle] }]),
    );
    return { hits, queryTerms: [needle], ranked, total: ranked.length };
  }

  private publish(): void {
    this.version += 1;
    this.cachedList = null;
    for (const listener of this.listeners) listener();
  }

  /** Changes queue behind the work in progress and merge, so a burst of commits costs one pass. */
  private enqueue(change: BookChange): void {
    if (this.pending === null) {
      this.pending = change;
      this.work = this.work.then(() => this.drain());
    } else if (this.pending.kind === 'clients' && change.kind === 'clients') {
      for (const id of change.ids) this.pending.ids.add(id);
      for (const id of change.visitIds) this.pending.visitIds.add(id);
    } else {
      this.pending = { kind: 'all' };
    }
  }

  private async drain(): Promise<void> {
    const change = this.pending;
    this.pending = null;
    if (change === null) return;
    try {
      if (change.kind === 'all' || change.ids.size + change.visitIds.size > RELOAD_THRESHOLD) {
        await this.reload();
      } else {
        const visits = await this.db.visits.bulkGet([...change.visitIds]);
        for (const v of visits) if (v) change.ids.add(v.clientId);
        await this.refresh(change.ids);
      }
    } catch (error) {
      this.failure = error;
      this.phase = 'failed';
      this.publish();
    }
  }

  private async reload(): Promise<void> {
    const firstLoad = this.phase === 'starting';
    if (firstLoad) await this.showFirstScreen();
    const building = createClientSearchIndex();
    let indexed = 0;
    await loadBookInSlices(this.db, {
      onList: (clients, people) => {
        // On a reload the old facts stay visible until the new ones are ready.
        if (!firstLoad) return;
        this.summaries = listOnlySummaries(clients, people);
        this.phase = 'list';
        this.publish();
      },
      onFacts: (records) => {
        const next = new Map<string, ClientSummary>();
        for (const r of records) next.set(r.client.id, summarizeClient(r));
        this.summaries = next;
        if (this.phase !== 'ready') this.phase = 'facts';
        this.publish();
      },
      onIndexSlice: (records, notes) => {
        for (const r of records) upsertDocument(building, r, notes.get(r.client.id) ?? []);
        indexed += records.length;
        // Fold new words into the sealed part every few thousand clients: the first search
        // after a bulk load otherwise sorts every new word at once, which overflows the stack
        // past ~100k distinct words (shared/search/segments.ts spreads them into one push).
        if (indexed % OPTIMIZE_EVERY < records.length) optimizeIndex(building);
      },
    });
    optimizeIndex(building);
    // Searches during a rebuild use the old index; the new one replaces it whole.
    this.index = building;
    this.phase = 'ready';
    this.publish();
  }

  /**
   * The first names by the name index, so the list shows at once while the whole book loads.
   * IndexedDB orders by code point, not by the rep's alphabet; the full list replaces it soon.
   */
  private async showFirstScreen(): Promise<void> {
    const clients = (
      await this.db.clients
        .orderBy('name')
        .limit(FIRST_SCREEN * 2)
        .toArray()
    )
      .filter((c) => c.deletedAt === null)
      .slice(0, FIRST_SCREEN);
    const ids = clients.map((c) => c.id);
    const people =
      ids.length === 0 ? [] : await this.db.people.where('clientId').anyOf(ids).toArray();
    if (this.phase !== 'starting') return;
    this.summaries = listOnlySummaries(clients, people);
    this.phase = 'preview';
    this.publish();
  }

  private async refresh(ids: Set<string>): Promise<void> {
    for (const id of ids) {
      const loaded = await loadClientRecords(this.db, id);
      if (!loaded || loaded.records.client.deletedAt !== null) {
        this.summaries.delete(id);
        this.index.remove(id);
        continue;
      }
      this.summaries.set(id, summarizeClient(loaded.records));
      if (this.phase === 'ready') upsertDocument(this.index, loaded.records, loaded.noteTexts);
    }
    this.publish();
  }
}

function upsertDocument(
  index: ClientSearchIndex,
  records: ClientRecords,
  notes: readonly NoteText[],
): void {
  index.upsert(
    buildClientSearchDocument({
      client: records.client,
      people: records.people,
      purchases: records.purchases,
      notes,
      visits: records.visits,
      contacts: records.contacts,
    }),
  );
}

function listOnlySummaries(
  clients: readonly Client[],
  people: readonly ContactPerson[],
): Map<string, ClientSummary> {
  const byClient = new Map<string, ContactPerson[]>();
  for (const p of people) {
    if (p.deletedAt !== null) continue;
    const list = byClient.get(p.clientId);
    if (list) list.push(p);
    else byClient.set(p.clientId, [p]);
  }
  const map = new Map<string, ClientSummary>();
  for (const client of clients) {
    map.set(
      client.id,
      summarizeClient({
        client,
        people: byClient.get(client.id) ?? [],
        purchases: [],
        visits: [],
        notes: [],
        contacts: [],
        followUps: [],
        problems: [],
        retentionPlans: [],
        checklistRuns: [],
      }),
    );
  }
  return map;
}

const books = new WeakMap<FieldbookDb, ClientBook>();

/** The one read model per open database, started on first use. */
export function getClientBook(db: FieldbookDb): ClientBook {
  let book = books.get(db);
  if (!book) {
    book = new ClientBook(db);
    books.set(db, book);
    book.start();
  }
  return book;
}
