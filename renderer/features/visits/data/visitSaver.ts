/**
 * Saves visit mode's edits as they happen: each edit is journalled at once (see visitJournal.ts)
 * and written through the repository after a short pause, so a burst of keystrokes becomes one
 * write and one outbox row instead of one per key. flush() writes at once; the screen calls it on
 * blur, when the page is hidden or left, on a step change and before finishing.
 */
import type { Repository } from '../../../data/repository';
import { saveVisitEdits, type VisitEdits } from './visits';
import { VisitJournal, type JournalEntry } from './visitJournal';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/** The longest a keystroke waits before it is written to the database. */
const SAVE_DELAY_MS = 250;

export interface VisitIds {
  visitId: string;
  runId: string | null;
}

export class VisitSaver {
  private pending: VisitEdits = {};
  private pendingRev = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private listener: ((state: SaveState, error?: unknown) => void) | null = null;

  constructor(
    private readonly repo: Repository,
    private readonly ids: VisitIds,
    private readonly journal: VisitJournal = new VisitJournal(ids.visitId),
    private readonly delayMs: number = SAVE_DELAY_MS,
  ) {}

  onState(listener: (state: SaveState, error?: unknown) => void): void {
    this.listener = listener;
  }

  edit(edits: VisitEdits, options: { immediate?: boolean } = {}): void {
    this.pending = { ...this.pending, ...edits };
    this.pendingRev = this.journal.record(edits);
    this.listener?.('pending');
    if (options.immediate) {
      void this.flush();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  get hasPending(): boolean {
    return Object.keys(this.pending).length > 0;
  }

  /** Writes whatever is pending now; resolves when everything edited so far is in the database. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.hasPending) return this.chain;
    const edits = this.pending;
    const rev = this.pendingRev;
    this.pending = {};
    this.chain = this.chain.then(async () => {
      this.listener?.('saving');
      try {
        await saveVisitEdits(this.repo, this.ids, edits);
        this.journal.settle(rev);
        this.listener?.(this.hasPending ? 'pending' : 'saved');
      } catch (error) {
        // Keep the edits (newer ones win) for the next attempt; the journal still holds them.
        this.pending = { ...edits, ...this.pending };
        this.listener?.('error', error);
      }
    });
    return this.chain;
  }

  dispose(): void {
    void this.flush();
    this.listener = null;
  }
}

/**
 * Writes a journal a closed or crashed page left behind into the database, then clears it.
 * Returns what was replayed (null when there was nothing to replay).
 */
export async function replayJournal(
  repo: Repository,
  ids: VisitIds,
  journal: VisitJournal = new VisitJournal(ids.visitId),
): Promise<JournalEntry | null> {
  const entry = journal.read();
  if (!entry) return null;
  const { rev, ...edits } = entry;
  await saveVisitEdits(repo, ids, edits);
  journal.settle(rev);
  return entry;
}
