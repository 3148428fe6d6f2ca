/**
 * Each live client's row of the list kept between starts in its own IndexedDB database beside the
 * book's (`<book>-facts`): the client without its clocks, what the list reads of its live people,
 * and its facts (last contact, next follow-up, open problems, health's input: see
 * clientSummary.ts). A start reads this one table, in pages, and shows every client's health and
 * last contact, instead of reading clients, people and then every note of the book (a row is
 * about 2 kB of plain data, where a client's record, its people's and its facts were 4.5 kB).
 *
 * Kept as the search index is kept: the client book writes the rows of the clients a commit
 * touched right after it recomputed them from the change feed, and every start reads the whole
 * book in the background anyway and writes the rows that differ. So a row can be behind only
 * between a commit and the write that follows it (a crash there: a client added, trashed or
 * changed then shows as it was), and then only until the next start has read the book. Like the index, the rows are a cache: stored for
 * another generation of the book (a backup restored), another time zone (notes count on the rep's
 * day) or another layout, none is used and the start computes them all from the records.
 */
import Dexie, { type Table } from 'dexie';
import type { ClientFacts, ListedClient, ListedPerson } from './clientSummary';

/** The rows' own layout: a change to the row or to ClientFacts needs a new number. */
export const STORED_FACTS_VERSION = 3;

const STATE_KEY = 'state';

/** One live client as the list shows it. */
export interface StoredClientRow {
  /** The client's id. */
  id: string;
  client: ListedClient;
  /** Live people, first added first, without their clocks. */
  people: ListedPerson[];
  facts: ClientFacts;
}

interface FactsState {
  key: typeof STATE_KEY;
  version: number;
  bookGeneration: string | null;
  /** The IANA zone the facts were computed in. */
  zone: string;
}

type FactsDb = Dexie & {
  facts: Table<StoredClientRow, string>;
  state: Table<FactsState, string>;
};

export function clientFactsDbName(bookDbName: string): string {
  return `${bookDbName}-facts`;
}

/** The device's zone now, as the facts are computed in it (renderer/data/localTime.ts). */
export function currentZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Rows written per transaction when many change at once (a start, an import). */
const WRITE_SLICE = 1000;

/**
 * Rows read per request at start: small enough that one page's values (cloned on the main thread
 * as the page arrives) stay well under a long task. The next page is asked for before this one is
 * handed on, so the database reads while the window summarises. (Asking for every page at once
 * needs the keys first, and reading the keys walks the whole table: it took twice as long.)
 */
const READ_PAGE = 1000;

export class ClientFactsCache {
  private readonly db: FactsDb;
  /** Writes run one after another, in the order the book made them. */
  private writing: Promise<void> = Promise.resolve();

  constructor(bookDbName: string) {
    this.db = new Dexie(clientFactsDbName(bookDbName)) as FactsDb;
    this.db.version(1).stores({ facts: 'id', state: 'key' });
  }

  /**
   * Hands every stored row to `onPage`, page by page; false (and nothing handed on, or only part:
   * the caller drops it) when there are none usable for this generation of the book and this zone.
   * Never throws.
   */
  async load(
    bookGeneration: string | null,
    zone: string,
    onPage: (rows: StoredClientRow[]) => void,
  ): Promise<boolean> {
    try {
      const state = await this.db.state.get(STATE_KEY);
      if (
        !state ||
        state.version !== STORED_FACTS_VERSION ||
        state.bookGeneration !== bookGeneration ||
        state.zone !== zone
      ) {
        return false;
      }
      const { facts } = this.db;
      const after = (id: string | null) =>
        (id === null ? facts.orderBy(':id') : facts.where(':id').above(id))
          .limit(READ_PAGE)
          .toArray();
      let next: Promise<StoredClientRow[]> | null = after(null);
      while (next) {
        const rows: StoredClientRow[] = await next;
        next = rows.length === READ_PAGE ? after(rows[rows.length - 1]!.id) : null;
        onPage(rows);
      }
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Writes the rows given and deletes those of `removed`. With `replaceAll`, the stored rows are
   * first dropped and the state written anew (facts computed for another generation or zone). A
   * write that fails (disk full) only costs a longer next start.
   */
  write(
    rows: readonly StoredClientRow[],
    removed: readonly string[],
    where: { bookGeneration: string | null; zone: string; replaceAll?: boolean },
  ): Promise<void> {
    const { db } = this;
    const state: FactsState = {
      key: STATE_KEY,
      version: STORED_FACTS_VERSION,
      bookGeneration: where.bookGeneration,
      zone: where.zone,
    };
    const work = async () => {
      // The state row is written last when everything is replaced: a crash midway leaves the
      // old state over a partial set (read again in full at the next start) or no state at all.
      if (where.replaceAll) {
        await db.transaction('rw', db.facts, db.state, async () => {
          await db.state.clear();
          await db.facts.clear();
        });
      }
      for (let i = 0; i < Math.max(rows.length, 1); i += WRITE_SLICE) {
        const slice = rows.slice(i, i + WRITE_SLICE);
        const last = i + WRITE_SLICE >= rows.length;
        await db.transaction('rw', db.facts, db.state, async () => {
          if (slice.length > 0) await db.facts.bulkPut(slice);
          if (last && removed.length > 0) await db.facts.bulkDelete([...removed]);
          if (last && where.replaceAll) await db.state.put(state);
        });
      }
    };
    this.writing = this.writing.then(work).catch(() => undefined);
    return this.writing;
  }

  /** Resolves once every write asked so far has ended. */
  flushed(): Promise<void> {
    return this.writing;
  }

  async drop(): Promise<void> {
    await this.db.transaction('rw', this.db.facts, this.db.state, async () => {
      await this.db.state.clear();
      await this.db.facts.clear();
    });
  }

  close(): void {
    this.db.close();
  }
}
