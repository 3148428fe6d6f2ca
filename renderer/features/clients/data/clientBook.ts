/**
 * The client book's read model: one summary per client and the search index, in memory, loaded
 * in slices at start (so the first screen shows while the rest loads) and kept current after
 * every commit through the change feed. It is derived data, never written back to the book; the
 * repository stays the only writer. The search index is kept by searchIndexLoader.ts: restored
 * from its own database at start, reconciled with the records in a worker, saved again a few
 * seconds after the last change. Each client's list row (client, people, facts) is kept between
 * starts by clientFactsCache.ts, so a start lists every client with its facts from one table.
 */
import type { SearchHit } from '../../../../shared/search';
import { liveQuery } from 'dexie';
import type { Client, ContactPerson } from '../../../../shared/domain';
import { DEFAULT_CADENCE_SETTINGS, type CadenceSettings } from '../../../../shared/domain/cadence';
import type { FieldbookDb } from '../../../data/db';
import { watchClientBook, type BookChange } from '../../../data/changeFeed';
import { loadCadenceSettings } from '../../settings';
import {
  clientFacts,
  factsOfSummary,
  listedClient,
  listedPeople,
  samePlain,
  summaryFromFacts,
  summaryHasFacts,
  withCadenceSettings,
  type ClientFacts,
  type ClientSummary,
  type ListedClient,
  type ListedPerson,
} from './clientSummary';
import { ClientFactsCache, currentZone, type StoredClientRow } from './clientFactsCache';
import { loadBookInSlices, loadClientRecords } from './clientBookLoader';
import type { RowsSink } from './clientRowsScan';
import { readBookGeneration } from './searchIndexCache';
import { BookSearchIndex, type IndexStats } from './searchIndexLoader';
import { repsZone } from '../../../data/localTime';
import { inSlices } from '../../../platform/yield';
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

/** Above this many clients touched by one commit, a full reload is cheaper than one by one. */
const RELOAD_THRESHOLD = 300;

/** The index is stored this long after the last change (a burst of writes costs one save). */
const SAVE_DELAY_MS = 5000;

export interface ClientBookOptions {
  /** Keep the search index between starts (default: when IndexedDB is there). */
  persistIndex?: boolean;
  saveDelayMs?: number;
}

export type { IndexStats } from './searchIndexLoader';

export class ClientBook {
  private summaries = new Map<string, ClientSummary>();
  /** The search index, its stored copy and its background passes (searchIndexLoader.ts). */
  private readonly searchIndex: BookSearchIndex;
  /**
   * Each live client's list row kept between starts (clientFactsCache.ts): the summaries are made
   * from what was last written there, so a summary is also what its stored row says.
   */
  private readonly factsCache: ClientFactsCache | null;
  /** What the stored rows are valid for; null until they were loaded or written whole. */
  private factsKey: { bookGeneration: string | null; zone: string } | null = null;
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
    this.searchIndex = new BookSearchIndex(db, {
      persist,
      saveDelayMs: options.saveDelayMs ?? SAVE_DELAY_MS,
    });
    this.searchIndex.onChange(() => this.publish());
    this.factsCache = persist ? new ClientFactsCache(db.name) : null;
  }

  /** How the index of the last load came about, for the benches and the tests. */
  get indexStats(): IndexStats {
    return this.searchIndex.stats;
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
    this.searchIndex.dispose();
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
    return this.searchIndex.ready;
  }

  search(query: string, limit = 500): BookSearch {
    if (!this.searchIndex.ready) return this.searchNames(query);
    const result = this.searchIndex.search(query, limit);
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
    // Every client with its facts from one table of stored rows, as the last start and the writes
    // since left them; the reading below puts right any a crash kept from being written.
    const showing = firstLoad && this.showStoredRows(generation, zoneName);
    // The stored index restores (search ready) at once; its pass over the book in a worker waits
    // for the stored rows. With them on screen, that pass is the only reading of the book: it
    // makes every client's row anew from what it reads (two whole reads of a 50k book competed
    // for the same two cores), and the summaries are put right from those rows.
    const fromPass: { pass: FactsPass | null } = { pass: null };
    const sink: RowsSink = async (rows, done) => {
      // Given only once the stored rows are shown: the summaries to compare with are theirs.
      const pass = (fromPass.pass ??= this.factsPass(generation, zoneName));
      if (pass.finished) return;
      await inSlices(rows, (row) => pass.take(row.client, row.people, row.facts));
      if (done) pass.finish();
    };
    const indexing = this.searchIndex.reconcile(
      generation,
      showing ? showing.then((shown) => (shown ? sink : null)) : undefined,
    );
    indexing.catch(() => {});
    const stored = await showing;
    if (stored) {
      // Its failure fails the load.
      await indexing;
      if (!fromPass.pass?.finished) throw new Error('the pass over the book made no list rows');
      this.phase = 'ready';
      this.publish();
      return;
    }
    // Otherwise the list is read here (clients and people first), and the facts after.
    await loadBookInSlices(this.db, {
      onList: (clients, people) => {
        // On a reload the old facts stay visible until the new ones are ready.
        if (!firstLoad) return;
        this.summaries = listOnlySummaries(clients, people, this.cadence);
        this.phase = 'list';
        this.publish();
      },
      onFacts: async (records) => {
        const pass = this.factsPass(generation, zoneName);
        // A 50k book takes seconds here: the window keeps painting between slices.
        await inSlices(records, (r) =>
          pass.take(listedClient(r.client), listedPeople(r.people), clientFacts(r, pass.zone)),
        );
        pass.finish();
      },
    });
    await indexing;
    this.phase = 'ready';
    this.publish();
  }

  /**
   * Summaries made anew for every live client of a whole-book read, put in place (and the stored
   * rows that moved written) once the last client is taken.
   */
  private factsPass(generation: string | null, zoneName: string): FactsPass {
    const old = this.summaries;
    const next = new Map<string, ClientSummary>();
    const changed: StoredClientRow[] = [];
    const zone = repsZone();
    const sameKey =
      this.factsKey !== null &&
      this.factsKey.bookGeneration === generation &&
      this.factsKey.zone === zoneName;
    const pass: FactsPass = {
      zone,
      finished: false,
      take: (client, people, facts) => {
        const id = client.id;
        const [summary, moved] = this.summarize(
          client,
          people,
          facts,
          sameKey ? old.get(id) : undefined,
          zone,
        );
        if (moved) changed.push(storedRow(summary));
        next.set(id, summary);
      },
      finish: () => {
        pass.finished = true;
        const removed = sameKey ? [...old.keys()].filter((id) => !next.has(id)) : [];
        this.summaries = next;
        if (this.phase !== 'ready') this.phase = 'facts';
        this.publish();
        this.factsKey = { bookGeneration: generation, zone: zoneName };
        if (changed.length + removed.length > 0 || !sameKey) {
          void this.factsCache?.write(changed, removed, { ...this.factsKey, replaceAll: !sameKey });
        }
      },
    };
    return pass;
  }

  /**
   * A client's summary from its listed record, people and facts, and whether what its stored
   * row says moved. The old summary itself comes back when nothing in it moved, so what is cached
   * by summary (health) stays valid; its client and people objects are kept when only the facts
   * moved.
   */
  private summarize(
    listed: ListedClient,
    listedPeopleOf: ListedPerson[],
    facts: ClientFacts,
    old: ClientSummary | undefined,
    zone: ReturnType<typeof repsZone>,
  ): [ClientSummary, boolean] {
    let client = listed;
    let people = listedPeopleOf;
    if (old !== undefined) {
      const sameClient = samePlain(old.client, client);
      const samePeople = samePlain(old.people, people);
      if (sameClient) client = old.client;
      if (samePeople) people = old.people;
      if (sameClient && samePeople && summaryHasFacts(old, facts)) {
        if (old.healthInput.cadence === this.cadence) return [old, false];
        return [summaryFromFacts(client, people, factsOfSummary(old), this.cadence, zone), false];
      }
    }
    return [summaryFromFacts(client, people, facts, this.cadence, zone), true];
  }

  /**
   * Shows every client with its facts from the stored rows, read page by page; false (nothing
   * shown) when there are none usable for this generation of the book and this zone.
   */
  private async showStoredRows(generation: string | null, zoneName: string): Promise<boolean> {
    if (!this.factsCache) return false;
    const zone = repsZone();
    const summaries = new Map<string, ClientSummary>();
    const loaded = await this.factsCache.load(generation, zoneName, (rows) => {
      for (const row of rows) {
        summaries.set(
          row.id,
          summaryFromFacts(row.client, row.people, row.facts, this.cadence, zone),
        );
      }
    });
    if (!loaded) return false;
    this.summaries = summaries;
    this.factsKey = { bookGeneration: generation, zone: zoneName };
    this.phase = 'facts';
    this.publish();
    return true;
  }

  /**
   * Stores the index now if it changed since the last save (after the work queued so far); true
   * when it wrote. The app saves on its own a few seconds after the last change.
   */
  async flushIndex(): Promise<boolean> {
    await this.work;
    await this.factsCache?.flushed();
    return this.searchIndex.flush();
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
    // Facts count notes on the rep's day: in another zone every client's are computed again.
    if (this.factsKey !== null && this.factsKey.zone !== currentZone()) return this.reload();
    const zone = repsZone();
    const changed: StoredClientRow[] = [];
    const removed: string[] = [];
    for (const id of ids) {
      const loaded = await loadClientRecords(this.db, id);
      if (!loaded || loaded.records.client.deletedAt !== null) {
        if (this.summaries.delete(id)) removed.push(id);
        this.searchIndex.removeClient(id);
        continue;
      }
      const { records } = loaded;
      const [summary, moved] = this.summarize(
        listedClient(records.client),
        listedPeople(records.people),
        clientFacts(records, zone),
        this.summaries.get(id),
        zone,
      );
      if (moved) changed.push(storedRow(summary));
      this.summaries.set(id, summary);
      this.searchIndex.updateClient(records, loaded.noteTexts);
    }
    this.publish();
    // Kept as current as the summaries: written right after every commit that touched them.
    if (this.factsKey && changed.length + removed.length > 0) {
      void this.factsCache?.write(changed, removed, this.factsKey);
    }
  }
}

/** A summary as its client's stored row. */
function storedRow(summary: ClientSummary): StoredClientRow {
  return {
    id: summary.client.id,
    client: summary.client,
    people: summary.people,
    facts: factsOfSummary(summary),
  };
}

/** The summaries of listed clients before their facts are known. */
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
    const people = listedPeople(byClient.get(client.id) ?? []);
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

/** One whole-book making of the summaries (ClientBook.factsPass). */
interface FactsPass {
  zone: ReturnType<typeof repsZone>;
  finished: boolean;
  take(client: ListedClient, people: ListedPerson[], facts: ClientFacts): void;
  finish(): void;
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
