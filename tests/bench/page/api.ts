/** What the bench page exposes as `window.fieldbookBench`, shared by the page and its driver. */
import type { DemoBookOptions } from '../../../shared/demo';

export interface GenerateResult {
  records: number;
  ms: number;
}

export interface InsertResult {
  records: number;
  ms: number;
  perTable: Record<string, number>;
}

export interface SeedResult {
  records: number;
  ms: number;
  perTable: Record<string, number>;
  /** Follow-ups the rules made for the book (besides the generator's own manual ones). */
  ruleFollowUps: number;
}

export interface AgendaScreenResult {
  /** openDatabase, as the app's start does it. */
  openMs: number;
  /** The agenda's first screen read (loadAgenda) on the open database. */
  ms: number;
  /** Follow-ups on that first screen, to check the figure is about a real screen. */
  entries: number;
}

export interface FirstScreenResult {
  /** From creating the Dexie instance to the open database. */
  openMs: number;
  /** The first 50 live clients sorted by name, read through the name index after open. */
  first50Ms: number;
  names: string[];
  /** Every client, read in primary-key pages of 2000 as the app's book loader does. */
  allClientsMs: number;
  clients: number;
}

/**
 * The app's own start of the client book (renderer/features/clients/data/clientBook.ts), as the clients page runs
 * it: every figure is in ms from the moment the database is open (openDatabase resolved).
 */
export interface BookStartResult {
  /** openDatabase (create, open, device identity), as the app's start does it. */
  openMs: number;
  /** The first screen of rows: the first publish with rows the page shows, selected as it does. */
  firstScreenMs: number;
  /** The rows of that first screen (names), to check the figure is about a real screen. */
  firstScreen: string[];
  /** Every live client listed (phase "list"). */
  listMs: number;
  /** Last contact, follow-ups, health: the whole read model (phase "facts"). */
  factsMs: number;
  /** Search over the index answers (no longer the names-only fallback). */
  searchableMs: number;
  /** Everything loaded and the index current (phase "ready"). */
  readyMs: number;
  /** Clients listed when ready. */
  clients: number;
  /** How the index came about: built from the records, or restored and reconciled. */
  index: { restored: boolean; reindexed: number; removed: number };
  /** From open to ready: the longest gap between two animation frames, and the longest task. */
  longestFrameGapMs: number;
  longestTaskMs: number;
}

export interface KeystrokeResult {
  keystrokes: number;
  /** book.search alone, per keystroke (ms). */
  searchMs: number[];
  /** book.search plus the list's selection (selectClients), as the page runs per keystroke. */
  listMs: number[];
  /** Hits of each whole query (the last keystroke), to check the queries find something. */
  found: number[];
}

export interface BenchPageApi {
  /** Generates the demo book in the page and keeps it for `insert` (not timed as an insert). */
  generate(options: DemoBookOptions): Promise<GenerateResult>;
  /**
   * Generates the demo book and writes it chunk by chunk into a fresh database (a 50k book never
   * sits whole in the page), with the follow-ups the rules make for each chunk's clients.
   */
  seed(options: DemoBookOptions, batchSize: number): Promise<SeedResult>;
  /** Opens the database as the app does and reads the agenda's first screen for `today`. */
  agendaFirstScreen(today: string): Promise<AgendaScreenResult>;
  /** Bulk-writes the kept book into a fresh database with the app's schema. */
  insert(batchSize: number): Promise<InsertResult>;
  firstScreen(): Promise<FirstScreenResult>;
  /** Opens the database and starts the client book as the app does; resolves when it is ready. */
  startBook(): Promise<BookStartResult>;
  /** Types each query letter by letter into the started book's search. */
  typeQueries(queries: string[]): Promise<KeystrokeResult>;
  /** Waits until the started book has stored its search index (false: nothing to store). */
  flushSearchIndex(): Promise<boolean>;
  /**
   * The floor of the search index's pass: its reads alone, from a worker, in this browser
   * (readFloor.worker.ts); the milliseconds and the rows read.
   */
  passReadFloor(): Promise<{ ms: number; rows: number }>;
  /** Deletes the stored search index, so the next start builds it from the records. */
  dropSearchIndex(): Promise<void>;
  wipe(): Promise<void>;
}

declare global {
  interface Window {
    fieldbookBench?: BenchPageApi;
  }
}
