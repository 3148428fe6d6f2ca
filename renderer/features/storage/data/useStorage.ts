/**
 * The storage feature's state for its screens: the start check and recovery (StorageGate), and
 * what the rep should hear while working (StorageWatch): free space running low, unsynced rows the
 * journal has not taken yet, a backup that failed, and what the start check found.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DiskSpace } from '../../../../shared/ipc';
import { useDatabase } from '../../../data/DataContext';
import type { FieldbookDb } from '../../../data/db';
import { attachJournal, journalOf, type JournalStatus } from '../../../data/journal';
import { getDurableStore } from '../../../platform';
import {
  checkBook,
  reconcileJournal,
  recoverBook,
  type BookCheck,
  type DurablePort,
  type Recovery,
} from './bookCheck';
import { BackupKeeper, DISK_CHECK_EVERY_MS, isSpaceLow } from './care';

export type Notice =
  | { kind: 'no_journal' }
  | { kind: 'unreadable'; error: unknown }
  | { kind: 'skipped'; count: number }
  | { kind: 'backup_failed'; error: unknown };

type GateState =
  | { kind: 'checking' }
  | { kind: 'ready' }
  | { kind: 'recovering'; lost: Extract<BookCheck, { kind: 'lost' }> }
  | { kind: 'recovered'; lost: Extract<BookCheck, { kind: 'lost' }>; recovery: Recovery }
  | { kind: 'failed'; lost: Extract<BookCheck, { kind: 'lost' }>; error: unknown };

interface Snapshot {
  gate: GateState;
  notices: Notice[];
  space: DiskSpace | null;
  spaceLow: boolean;
}

class StorageSession {
  snapshot: Snapshot = { gate: { kind: 'checking' }, notices: [], space: null, spaceLow: false };
  private listeners = new Set<() => void>();
  readonly port: DurablePort | null;
  private stopCare: (() => void) | null = null;

  constructor(readonly db: FieldbookDb) {
    this.port = getDurableStore();
    // A journal that falls behind is most often a full disk: look at the space at once.
    attachJournal(db, this.port).subscribe((status) => {
      if (status.kind === 'behind') void this.checkSpace();
    });
    void this.start();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<Snapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  private notice(notice: Notice): void {
    this.set({
      notices: [...this.snapshot.notices.filter((n) => n.kind !== notice.kind), notice],
    });
  }

  dismiss(kind: Notice['kind']): void {
    this.set({ notices: this.snapshot.notices.filter((n) => n.kind !== kind) });
  }

  private async start(): Promise<void> {
    const check = await checkBook(this.db, this.port);
    if (check.kind === 'lost') return this.recover(check);
    if (check.kind === 'no_journal') this.notice({ kind: 'no_journal' });
    if (check.kind === 'unreadable') this.notice({ kind: 'unreadable', error: check.error });
    if (check.kind === 'ok') {
      const skipped = check.skipped.torn + check.skipped.corrupt;
      if (skipped > 0) this.notice({ kind: 'skipped', count: skipped });
      await this.settle();
    }
    this.set({ gate: { kind: 'ready' } });
  }

  /** The journal brought level with the checked book, and the care started. */
  private async settle(): Promise<void> {
    const journal = journalOf(this.db);
    if (!this.port || !journal) return;
    try {
      await reconcileJournal(this.db, this.port, journal);
    } catch (error) {
      this.notice({ kind: 'unreadable', error });
    }
    this.startCare(this.port);
  }

  private startCare(port: DurablePort): void {
    if (this.stopCare) return;
    const keeper = new BackupKeeper(this.db, port);
    const failed = (error: unknown) => this.notice({ kind: 'backup_failed', error });
    const stopBackups = keeper.start(failed);
    void keeper.takeIfDue().catch(failed);
    const checkSpace = () => void this.checkSpace();
    checkSpace();
    const timer = setInterval(checkSpace, DISK_CHECK_EVERY_MS);
    this.stopCare = () => {
      stopBackups();
      clearInterval(timer);
    };
  }

  async checkSpace(): Promise<void> {
    if (!this.port) return;
    try {
      const space = await this.port.diskSpace();
      this.set({ space, spaceLow: isSpaceLow(space) });
    } catch {
      // No estimate here: nothing to warn about, and nothing claimed.
    }
  }

  async recover(lost: Extract<BookCheck, { kind: 'lost' }>): Promise<void> {
    this.set({ gate: { kind: 'recovering', lost } });
    try {
      const recovery = await recoverBook(this.db, this.port!, lost);
      await this.settle();
      this.set({ gate: { kind: 'recovered', lost, recovery } });
    } catch (error) {
      this.set({ gate: { kind: 'failed', lost, error } });
    }
  }

  open(): void {
    this.set({ gate: { kind: 'ready' } });
  }
}

const sessions = new WeakMap<FieldbookDb, StorageSession>();

function sessionOf(db: FieldbookDb): StorageSession {
  let session = sessions.get(db);
  if (!session) sessions.set(db, (session = new StorageSession(db)));
  return session;
}

/** The storage state and its commands, for the gate and the watch. */
export function useStorage() {
  const session = sessionOf(useDatabase());
  const snapshot = useSyncExternalStore(session.subscribe, () => session.snapshot);
  return {
    ...snapshot,
    retry: () => {
      const gate = session.snapshot.gate;
      if (gate.kind === 'failed') void session.recover(gate.lost);
    },
    open: () => session.open(),
    dismiss: (kind: Notice['kind']) => session.dismiss(kind),
    checkSpace: () => void session.checkSpace(),
  };
}

/** The journal's state (every row in it, or some waiting), kept current. */
export function useJournalStatus(): JournalStatus {
  const db = useDatabase();
  const journal = journalOf(db);
  const [status, setStatus] = useState<JournalStatus>(journal?.status ?? { kind: 'ok' });
  useEffect(() => {
    if (!journal) return;
    setStatus(journal.status);
    return journal.subscribe(setStatus);
  }, [journal]);
  return status;
}
