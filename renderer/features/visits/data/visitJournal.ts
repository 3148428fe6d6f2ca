/**
 * A write-ahead journal for visit edits in localStorage. localStorage writes are synchronous and
 * are handed to the browser process at once, so a keystroke journalled here survives the page
 * being closed or killed before the (debounced) IndexedDB write ran. The journal is replayed
 * through the repository when the visit is opened again, then cleared.
 */
import type { Answer } from '../../../../shared/domain';

export interface JournalEntry {
  /** Increases with every edit; a database write clears the entry only if nothing newer came in. */
  rev: number;
  notes?: string;
  currentStep?: string | null;
  answers?: Record<string, Answer>;
}

export interface JournalStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'fieldbook.visitJournal.';

function storage(): JournalStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export class VisitJournal {
  /** Revisions only grow, even after the stored entry was cleared: a late settle never drops a newer edit. */
  private lastRev = 0;

  constructor(
    private readonly visitId: string,
    private readonly store: JournalStorage | null = storage(),
  ) {}

  private get key(): string {
    return PREFIX + this.visitId;
  }

  read(): JournalEntry | null {
    const raw = this.store?.getItem(this.key);
    if (!raw) return null;
    try {
      const entry = JSON.parse(raw) as JournalEntry;
      return typeof entry === 'object' && entry !== null && typeof entry.rev === 'number'
        ? entry
        : null;
    } catch {
      return null;
    }
  }

  /** Records the latest values of the given fields; returns the new revision. */
  record(edit: Omit<JournalEntry, 'rev'>): number {
    const previous = this.read();
    this.lastRev = Math.max(previous?.rev ?? 0, this.lastRev) + 1;
    const entry: JournalEntry = { ...previous, ...edit, rev: this.lastRev };
    try {
      this.store?.setItem(this.key, JSON.stringify(entry));
    } catch {
      // Storage full: the debounced database write still runs; only the crash safety net is lost.
    }
    return entry.rev;
  }

  /** Forgets the journal once revision `rev` (and nothing newer) is safely in the database. */
  settle(rev: number): void {
    const current = this.read();
    if (current && current.rev <= rev) this.store?.removeItem(this.key);
  }

  clear(): void {
    this.store?.removeItem(this.key);
  }
}
