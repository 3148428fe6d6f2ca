/**
 * The client book's read model: one summary per client and the search index, in memory, loaded
 * in slices at start (so the first screen shows while the rest loads) and kept current after
 * every commit through the change feed. It is derived data, never written back to the book; the
 * repository stays the only writer. The search index alone is also kept between starts in its
 * own database (clientBookIndexStore.ts): restored at start, reconciled with the records, saved
 * again a few seconds after the last change.
 */
import {
  buildClientSearchDocument,
  createClientSearchIndex,
  documentFingerprint,
  type ClientSearchDocument,
  type ClientSearchIndex,
  type SearchHit,
} from '../../../../shared/search';
import { liveQuery } from 'dexie';
import type { Client, ContactPerson } from '../../../../shared/domain';
import { DEFAULT_CADENCE_SETTINGS, type CadenceSettings } from '../../../../shared/domain/cadence';
import type { FieldbookDb } from '../../../data/db';
import { watchClientBook, type BookChange } from '../../../data/changeFeed';
import { loadCadenceSettings } from '../../settings';
import {
  clientFacts,
  summaryFromFacts,
  withCadenceSettings,
  type ClientFacts,
  type ClientRecords,
  type ClientSummary,
} from './clientSummary';
import { ClientFactsCache, currentZone } from './clientFactsCache';
import { loadBookInSlices, loadClientRecords, type NoteText } from './clientBookLoader';
import { SearchIndexStore, readBookGeneration } from './searchIndexCache';
import { repsZone } from '../../../data/localTime';
import { yieldToMain } from '../../../platform/yield';
import { isLive } from '../../../../shared/domain/common';

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

/** The index is stored this long after the last change (a burst of writes costs one save). */
const SAVE_DELAY_MS = 5000;

export interface ClientBookOptions {
  /** Keep the search index between starts (default: when IndexedDB is there). */
  persistIndex?: boolean;
  saveDelayMs?: number;
}

/** How the index of the last load came about, for the benches and the tests. */
export interface IndexStats {
  /** A stored index was restored (else it was built from the records). */
  restored: boolean;
  /** Clients indexed from their records in the last load (all of them when built). */
  reindexed: number;
  /** Clients dropped from the index in the last load (gone from the book since it was stored). */
  removed: number;
}

export class ClientBook {
  private summaries = new Map<string, ClientSummary>();
  private index: ClientSearchIndex = createClientSearchIndex();
  /** Client id → fingerprint of the document the index holds for it. */
  private fingerprints = new Map<string, number>();
  /** The book generation the index was last reconciled with (a restore starts a new one). */
  private generation: string | null = null;
  /** The index answers searches (restored, or built); until then names only. */
  private indexReady = false;
  private readonly store: SearchIndexStore | null;
  /** Each client's facts kept between starts (clientFactsCache.ts). */
  private readonly factsCache: ClientFactsCache | null;
  /** Client id → the facts the summaries were made from, as they were last written to the store. */
  private facts = new Map<string, ClientFacts>();
  /** What the stored facts are valid for; null until they were loaded or written whole. */
  private factsKey: { bookGeneration: string | null; zone: string } | null = null;
  private readonly saveDelayMs: number;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private unsaved = false;
  private saving: Promise<boolean> = Promise.resolve(false);
  indexStats: IndexStats = { restored: false, reindexed: 0, removed: 0 };
  private listeners = new Set<() => void>();
  private stopWatching: (() => void) | null = null;
  private work: Promise<void> = Promise.resolve();
  private pending: BookChange | null = null;
  private cachedList: ClientSummary[] | null = null;
  /** The rep's cadence settings the summaries are made with (Settings → contact cadence). */
  private cadence: CadenceSettings = DEFAULT_CADENCE_SETTINGS;
  private stopCadence: (() => void) | null = null;
  phase: BookPhase = 'starting';
  version = 0;
  failure: unknown = null;

  constructor(
    readonly db: FieldbookDb,
    options: ClientBookOptions = {},
  ) {
    const persist = options.persistIndex ?? typeof indexedDB !== 'undefined';
    this.store = persist ? new SearchIndexStore(db.name) : null;
    this.factsCache = persist ? new ClientFactsCache(db.name) : null;
    this.saveDelayMs = options.saveDelayMs ?? SAVE_DELAY_MS;
  }

  /** Starts loading and watching; safe to call twice. */
  start(): void {
    if (this.stopWatching) return;
    this.stopWatching = watchClientBook(this.db, (change) => this.enqueue(change));
    this.enqueue({ kind: 'all' });
    const cadence = liveQuery(() => loadCadenceSettings(this.db)).subscribe((settings) => {
      // Queued behind the work in progress: a reload with the old settings is re-derived after.
      if (settings !== this.cadence) this.work = this.work.then(() => this.recadence(settings));
    });
    this.stopCadence = () => cadence.unsubscribe();
  }

  dispose(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.stopCadence?.();
    this.stopCadence = null;
    this.listeners.clear();
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    // An unsaved change is only a few clients to index again at the next start.
    void this.saving.finally(() => this.store?.close());
    const factsCache = this.factsCache;
    if (factsCache) void factsCache.flushed().finally(() => factsCache.close());
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

  /** Search answers from the index: restored at start, or once built. */
  get searchReady(): boolean {
    return this.indexReady;
  }

  search(query: string, limit = 500): BookSearch {
    if (!this.indexReady) return this.searchNames(query);
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

  /** New cadence settings change only cadence-derived facts: no records are read again. */
  private recadence(settings: CadenceSettings): void {
    if (settings === this.cadence) return;
    this.cadence = settings;
    const next = new Map<string, ClientSummary>();
    for (const [id, summary] of this.summaries)
      next.set(id, withCadenceSettings(summary, settings));
    this.summaries = next;
    this.publish();
  }

  /**
   * Reads the whole book. The index is reconciled in place: a client is indexed again only when
   * its document's fingerprint moved, so a restored index costs a hash per client, and a reload
   * after an import re-indexes only what the import touched. Without a usable index the first
   * load builds it, and the search box matches names until it is ready.
   */
  private async reload(): Promise<void> {
    this.cadence = await loadCadenceSettings(this.db);
    const generation = await readBookGeneration(this.db);
    const firstLoad = this.phase === 'starting';
    const zoneName = currentZone();
    if (firstLoad) await this.showFirstScreen();
    // The stored facts are read alongside the list (after the first screen, which they would slow).
    const storedFacts = firstLoad
      ? (this.factsCache?.load(generation, zoneName) ?? Promise.resolve(null))
      : Promise.resolve(null);
    // Read alongside the book; the slices below wait for it.
    const restoring = firstLoad ? this.restoreIndex(generation) : Promise.resolve();
    const live = new Set<string>();
    let reindexed = 0;
    let listed: { clients: Client[]; people: ContactPerson[] } | null = null;
    await loadBookInSlices(this.db, {
      onList: (clients, people) => {
        // On a reload the old facts stay visible until the new ones are ready.
        if (!firstLoad) return;
        listed = { clients, people };
      },
      afterList: async () => {
        if (!listed) return;
        const stored = await storedFacts;
        if (!stored) {
          this.summaries = listOnlySummaries(listed.clients, listed.people, this.cadence);
          this.phase = 'list';
          this.publish();
          return;
        }
        // Every client's facts as the last start and the writes since left them; the reading
        // below puts right any a crash kept from being written.
        this.facts = stored;
        this.factsKey = { bookGeneration: generation, zone: zoneName };
        this.summaries = summariesFromFacts(listed.clients, listed.people, stored, this.cadence);
        this.phase = 'facts';
        this.publish();
      },
      onFacts: async (records) => {
        const next = new Map<string, ClientSummary>();
        const nextFacts = new Map<string, ClientFacts>();
        const changed = new Map<string, ClientFacts>();
        const zone = repsZone();
        const sameKey =
          this.factsKey !== null &&
          this.factsKey.bookGeneration === generation &&
          this.factsKey.zone === zoneName;
        for (let i = 0; i < records.length; i++) {
          // A 50k book takes seconds here: the window keeps painting between slices.
          if (i > 0 && i % FACTS_SLICE === 0) await yieldToMain();
          const r = records[i]!;
          const facts = clientFacts(r, zone);
          const id = r.client.id;
          const old = this.facts.get(id);
          const kept = old !== undefined && sameFacts(old, facts) ? old : facts;
          if (kept !== old || !sameKey) changed.set(id, kept);
          nextFacts.set(id, kept);
          next.set(id, summaryFromFacts(r.client, r.people, kept, this.cadence, zone));
        }
        const removed = sameKey ? [...this.facts.keys()].filter((id) => !nextFacts.has(id)) : [];
        this.facts = nextFacts;
        this.summaries = next;
        if (this.phase !== 'ready') this.phase = 'facts';
        this.publish();
        this.factsKey = { bookGeneration: generation, zone: zoneName };
        if (changed.size + removed.length > 0 || !sameKey) {
          void this.factsCache?.write(changed, removed, { ...this.factsKey, replaceAll: !sameKey });
        }
      },
      beforeIndex: () => restoring,
      onIndexSlice: (records, notes) => {
        for (const r of records) {
          live.add(r.client.id);
          if (!this.indexClient(r, notes.get(r.client.id) ?? [])) continue;
          // Fold new words into the sealed part every few thousand clients: the first search
          // after a bulk load otherwise sorts every new word at once, which overflows the stack
          // past ~100k distinct words (shared/search/segments.ts spreads them into one push).
          if (++reindexed % OPTIMIZE_EVERY === 0) optimizeIndex(this.index);
        }
      },
    });
    let removed = 0;
    for (const id of [...this.fingerprints.keys()]) {
      if (live.has(id)) continue;
      this.index.remove(id);
      this.fingerprints.delete(id);
      removed++;
    }
    optimizeIndex(this.index);
    this.generation = generation;
    this.indexStats = { restored: this.indexStats.restored, reindexed, removed };
    this.indexReady = true;
    this.phase = 'ready';
    this.publish();
    if (reindexed + removed > 0) this.scheduleSave();
  }

  /** Indexes a client unless the index already holds this very document; true when it did. */
  private indexClient(records: ClientRecords, notes: readonly NoteText[]): boolean {
    const doc = searchDocument(records, notes);
    const fingerprint = documentFingerprint(doc);
    const id = records.client.id;
    if (this.fingerprints.get(id) === fingerprint && this.index.has(id)) return false;
    this.index.upsert(doc);
    this.fingerprints.set(id, fingerprint);
    return true;
  }

  /** Takes the stored index when there is a usable one; searches may use it at once. */
  private async restoreIndex(generation: string | null): Promise<void> {
    const restored = await this.store?.load(generation);
    if (!restored) return;
    this.generation = generation;
    this.index = restored.index;
    this.fingerprints = restored.fingerprints;
    this.indexStats = { restored: true, reindexed: 0, removed: 0 };
    this.indexReady = true;
    this.publish();
  }

  private scheduleSave(): void {
    if (!this.store) return;
    this.unsaved = true;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.saveIndex();
    }, this.saveDelayMs);
  }

  /**
   * Stores the index now if it changed since the last save (after the work queued so far); true
   * when it wrote. The app saves on its own a few seconds after the last change.
   */
  async flushIndex(): Promise<boolean> {
    await this.work;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.saving;
    await this.factsCache?.flushed();
    if (!this.unsaved) return false;
    return this.saveIndex();
  }

  private saveIndex(): Promise<boolean> {
    const store = this.store;
    if (!store || !this.unsaved || !this.indexReady) return Promise.resolve(false);
    this.unsaved = false;
    const { index, fingerprints, generation } = this;
    this.saving = this.saving
      .then(() => store.save(index, fingerprints, generation))
      .then(
        () => true,
        // A cache that cannot be written (disk full) only costs a longer next start.
        () => false,
      );
    return this.saving;
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
      .filter((c) => isLive(c))
      .slice(0, FIRST_SCREEN);
    const ids = clients.map((c) => c.id);
    const people =
      ids.length === 0 ? [] : await this.db.people.where('clientId').anyOf(ids).toArray();
    if (this.phase !== 'starting') return;
    this.summaries = listOnlySummaries(clients, people, this.cadence);
    this.phase = 'preview';
    this.publish();
  }

  private async refresh(ids: Set<string>): Promise<void> {
    const zone = repsZone();
    const changed = new Map<string, ClientFacts>();
    const removed: string[] = [];
    for (const id of ids) {
      const loaded = await loadClientRecords(this.db, id);
      if (!loaded || loaded.records.client.deletedAt !== null) {
        this.summaries.delete(id);
        this.index.remove(id);
        this.fingerprints.delete(id);
        if (this.facts.delete(id)) removed.push(id);
        continue;
      }
      const { records } = loaded;
      const facts = clientFacts(records, zone);
      const old = this.facts.get(id);
      const kept = old !== undefined && sameFacts(old, facts) ? old : facts;
      if (kept !== old) changed.set(id, kept);
      this.facts.set(id, kept);
      this.summaries.set(
        id,
        summaryFromFacts(records.client, records.people, kept, this.cadence, zone),
      );
      this.indexClient(records, loaded.noteTexts);
    }
    this.publish();
    this.scheduleSave();
    // Kept as current as the summaries: written right after every commit that touched them.
    if (this.factsKey && changed.size + removed.length > 0) {
      void this.factsCache?.write(changed, removed, this.factsKey);
    }
  }
}

function searchDocument(records: ClientRecords, notes: readonly NoteText[]): ClientSearchDocument {
  return buildClientSearchDocument({
    client: records.client,
    people: records.people,
    purchases: records.purchases,
    notes,
    visits: records.visits,
    contacts: records.contacts,
    problems: records.problems,
    retentionPlans: records.retentionPlans,
  });
}

/** Clients summarised per slice of the facts pass, between which the window paints. */
const FACTS_SLICE = 2000;

/** Whether two facts of a client say the same (stored rows carry their id besides). */
function sameFacts(a: ClientFacts, b: ClientFacts): boolean {
  return (
    a.lastContact === b.lastContact &&
    a.nextFollowUp === b.nextFollowUp &&
    a.openProblems === b.openProblems &&
    JSON.stringify(a.health) === JSON.stringify(b.health)
  );
}

/** The summaries of listed clients from stored facts; a client without them shows as listed. */
function summariesFromFacts(
  clients: readonly Client[],
  people: readonly ContactPerson[],
  facts: ReadonlyMap<string, ClientFacts>,
  cadence: CadenceSettings,
): Map<string, ClientSummary> {
  const byClient = peopleByClient(people);
  const zone = repsZone();
  const map = new Map<string, ClientSummary>();
  for (const client of clients) {
    const people = byClient.get(client.id) ?? [];
    map.set(
      client.id,
      summaryFromFacts(client, people, facts.get(client.id) ?? NO_FACTS, cadence, zone),
    );
  }
  return map;
}

const NO_FACTS: ClientFacts = {
  lastContact: null,
  nextFollowUp: null,
  openProblems: 0,
  health: { purchases: [], problems: [], contacts: [], visits: [], checklistRuns: [] },
};

function peopleByClient(people: readonly ContactPerson[]): Map<string, ContactPerson[]> {
  const byClient = new Map<string, ContactPerson[]>();
  for (const p of people) {
    if (p.deletedAt !== null) continue;
    const list = byClient.get(p.clientId);
    if (list) list.push(p);
    else byClient.set(p.clientId, [p]);
  }
  return byClient;
}

function listOnlySummaries(
  clients: readonly Client[],
  people: readonly ContactPerson[],
  cadence: CadenceSettings,
): Map<string, ClientSummary> {
  return summariesFromFacts(clients, people, new Map(), cadence);
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
