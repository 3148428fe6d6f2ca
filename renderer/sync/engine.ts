/**
 * The sync engine: when to sync and what state the rep sees. It syncs on start, when the network
 * comes back, every few minutes, a couple of seconds after local writes, and on "Sync now"; one
 * sync at a time. A failure backs off exponentially with jitter; a 401 waits for the rep to sign
 * in again and keeps the outbox; a pull that would trash most of the book waits for the rep's word.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SyncSignInRequest } from '../../shared/ipc-sync';
import { normalizeServerUrl } from '../../shared/ipc-sync';
import type { FieldbookDb } from '../data/db';
import { deviceIdentity } from '../data/device';
import { readSyncMeta, type SyncAccount } from './state';
import { MassDeleteHold } from './pullApply';
import { backoffDelay } from './backoff';
import { createSyncClock, type SyncClock } from './clock';
import { DEFAULT_PULL_LIMIT, DEFAULT_PUSH_BATCH, type SyncContext } from './context';
import { runCycle } from './cycle';
import { browserNetwork, realTimers, type NetworkWatch, type Timers } from './environment';
import { diagnose } from './problems';
import { recordSignIn, recordSignOut } from './session';
import { INITIAL_STATUS, type SyncStatus } from './status';
import { SyncHttpError, type SyncTransport } from './transport';
import { yieldToMain } from '../platform/yield';

export type { NetworkWatch, Timers } from './environment';
export type { SyncPhase, SyncStatus } from './status';

export interface SyncEngineDeps {
  db: FieldbookDb;
  transport: SyncTransport;
  clock?: SyncClock;
  timers?: Timers;
  network?: NetworkWatch;
  random?: () => number;
  /** Calls back when the outbox grows; returns the unsubscribe function. */
  watchOutbox?: (onGrow: () => void) => () => void;
  yieldToMain?: () => Promise<void>;
  intervalMs?: number;
  afterWriteMs?: number;
  pullLimit?: number;
  pushBatchSize?: number;
}

export const SYNC_INTERVAL_MS = 5 * 60_000;
export const AFTER_WRITE_MS = 2_000;

export class SyncEngine {
  readonly status: StoreApi<SyncStatus>;
  readonly clock: SyncClock;
  private readonly timers: Timers;
  private readonly network: NetworkWatch;
  private timer: unknown = null;
  private timerAt = Infinity;
  private backoffUntil = 0;
  private failures = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  /** Bumped by stop(): a start() still awaiting its first read must not subscribe after it. */
  private generation = 0;
  private allowMassDelete = false;
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly deps: SyncEngineDeps) {
    this.clock = deps.clock ?? createSyncClock();
    this.timers = deps.timers ?? realTimers;
    this.network = deps.network ?? browserNetwork;
    this.status = createStore<SyncStatus>(() => ({ ...INITIAL_STATUS }));
  }

  private set(patch: Partial<SyncStatus>): void {
    this.status.setState(patch);
  }

  /** Loads the saved state, starts listening, and syncs at once when signed in. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const generation = ++this.generation;
    const meta = await readSyncMeta(this.deps.db);
    if (generation !== this.generation) return;
    this.clock.setOffset(meta.flags.clockOffsetMs);
    this.set({
      account: meta.account,
      lastSyncAt: meta.flags.lastSyncAt,
      clockAheadMs: meta.flags.clockAheadMs,
      phase: meta.account ? 'idle' : 'signed_out',
    });
    this.unsubscribe.push(
      this.network.subscribe((online) => {
        if (online) void this.syncNow();
        else if (!this.running) this.set({ phase: 'offline', problem: { code: 'offline' } });
      }),
    );
    if (this.deps.watchOutbox)
      this.unsubscribe.push(this.deps.watchOutbox(() => this.noteLocalWrite()));
    if (meta.account) await this.syncNow();
  }

  stop(): void {
    this.started = false;
    this.generation++;
    this.clearTimer();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** Runs a sync now (the rep asked, or the network came back): any backoff is forgotten. */
  syncNow(): Promise<void> {
    this.failures = 0;
    this.backoffUntil = 0;
    return this.run();
  }

  /** Resolves when the sync running now, if any, has finished. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** A local write: sync shortly, unless a backoff asks for longer. */
  noteLocalWrite(): void {
    const { phase } = this.status.getState();
    if (!this.started || phase === 'signed_out' || phase === 'sign_in_needed') return;
    this.schedule(this.deps.afterWriteMs ?? AFTER_WRITE_MS);
  }

  /** The rep agreed that the held pull may move those clients to the trash. */
  async confirmMassDelete(): Promise<void> {
    this.allowMassDelete = true;
    try {
      await this.syncNow();
    } finally {
      this.allowMassDelete = false;
    }
  }

  /** Signs in (errors are thrown for the form to show) and syncs. */
  async signIn(request: SyncSignInRequest): Promise<SyncAccount> {
    const serverUrl = normalizeServerUrl(request.serverUrl);
    if (serverUrl === null) throw new SyncHttpError(0, 'invalid_server_url', 'invalid address');
    const signedIn = await this.deps.transport.signIn({ ...request, serverUrl });
    this.clock.observe(signedIn.serverTime);
    const account = await recordSignIn(
      this.deps.db,
      signedIn,
      { serverUrl, deviceName: request.deviceName },
      new Date(this.clock.wallNow()).toISOString(),
    );
    // The first sync starts at once; until it ends nothing is "up to date".
    this.set({ account, phase: 'syncing', problem: null });
    void this.syncNow();
    return account;
  }

  /** Signs out: the desktop forgets the token; the book and the outbox stay on this computer. */
  async signOut(): Promise<void> {
    this.clearTimer();
    await this.deps.transport.signOut();
    await recordSignOut(this.deps.db);
    this.set({
      account: null,
      phase: 'signed_out',
      problem: null,
      nextAttemptAt: null,
      held: null,
    });
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
    this.set({ nextAttemptAt: null });
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    const at = Math.max(this.clock.wallNow() + delayMs, this.backoffUntil);
    if (this.timer !== null && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = this.timers.setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        void this.run();
      },
      Math.max(0, at - this.clock.wallNow()),
    );
    this.set({ nextAttemptAt: at });
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.cycle();
      } while (this.again && this.started && this.failures === 0);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async cycle(): Promise<void> {
    this.clearTimer();
    const { db } = this.deps;
    const meta = await readSyncMeta(db);
    if (!meta.account) {
      this.set({ account: null, phase: 'signed_out' });
      return;
    }
    if (!this.network.isOnline()) {
      this.set({ phase: 'offline', problem: { code: 'offline' } });
      return;
    }
    this.set({ phase: 'syncing', account: meta.account });
    const ctx: SyncContext = {
      db,
      transport: this.deps.transport,
      deviceId: (await deviceIdentity(db)).deviceId,
      clock: this.clock,
      yieldToMain: this.deps.yieldToMain ?? yieldToMain,
      pullLimit: this.deps.pullLimit ?? DEFAULT_PULL_LIMIT,
      pushBatchSize: this.deps.pushBatchSize ?? DEFAULT_PUSH_BATCH,
      allowMassDelete: this.allowMassDelete,
    };
    try {
      const summary = await runCycle(ctx);
      const after = await readSyncMeta(db);
      this.failures = 0;
      this.backoffUntil = 0;
      this.set({
        phase: 'idle',
        problem: null,
        held: null,
        lastSyncAt: after.flags.lastSyncAt,
        clockAheadMs: after.flags.clockAheadMs,
        lastSummary: summary,
      });
      this.schedule(this.deps.intervalMs ?? SYNC_INTERVAL_MS);
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    // Signed out while this sync was running: its 401 is expected, not a problem to show.
    if (this.status.getState().account === null) {
      this.set({ phase: 'signed_out', problem: null });
      return;
    }
    if (error instanceof MassDeleteHold) {
      // Pushing went on; only the pull waits. Ask again at the next regular sync.
      this.set({
        phase: 'held',
        problem: null,
        held: { deletions: error.deletions, liveClients: error.liveClients },
      });
      this.schedule(this.deps.intervalMs ?? SYNC_INTERVAL_MS);
      return;
    }
    const online = this.network.isOnline();
    const { problem, retry } = diagnose(error, online);
    if (retry.kind === 'wait_for_rep') {
      this.set({
        phase: problem.code === 'sign_in_again' ? 'sign_in_needed' : 'retrying',
        problem,
      });
      return;
    }
    this.failures += 1;
    const delay =
      retry.kind === 'later'
        ? retry.afterMs
        : backoffDelay(this.failures, this.deps.random, retry.retryAfterMs);
    this.backoffUntil = this.clock.wallNow() + delay;
    this.set({ phase: online ? 'retrying' : 'offline', problem });
    this.schedule(delay);
  }
}
