/**
 * Hybrid logical clock. A stamp is `<15-digit ms>-<4-hex counter>-<16-hex node>`, so plain string
 * comparison is time order and ties break by node. Monotonic even when the wall clock steps back;
 * refuses stamps (own clock or received) too far ahead of the wall clock, so one device with a
 * clock set to next year cannot poison every later merge.
 */
export const HLC_PATTERN = /^\d{15}-[0-9a-f]{4}-[0-9a-f]{16}$/;
export const MAX_COUNTER = 0xffff;
/** How far ahead of our wall clock a received stamp may be before it is refused. */
const DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000;

export interface HlcState {
  ms: number;
  counter: number;
  node: string;
}

export class ClockDriftError extends Error {
  readonly code = 'clock_drift';
  constructor(
    readonly stampMs: number,
    readonly wallMs: number,
  ) {
    super(
      `Clock stamp ${new Date(stampMs).toISOString()} is ahead of the wall clock ${new Date(wallMs).toISOString()}`,
    );
  }
}

export function formatHlc(s: HlcState): string {
  return `${String(s.ms).padStart(15, '0')}-${s.counter.toString(16).padStart(4, '0')}-${s.node}`;
}

export function parseHlc(stamp: string): HlcState {
  if (!HLC_PATTERN.test(stamp)) throw new Error(`Not a clock stamp: ${stamp}`);
  const [ms, counter, node] = stamp.split('-') as [string, string, string];
  return { ms: Number(ms), counter: parseInt(counter, 16), node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface HlcOptions {
  node: string;
  now?: () => number;
  maxDriftMs?: number;
  /** The last stamp this device issued (persisted), so a restart never goes back in time. */
  last?: string;
}

export class HybridLogicalClock {
  private ms: number;
  private counter: number;
  readonly node: string;
  private readonly now: () => number;
  private readonly maxDriftMs: number;

  constructor(options: HlcOptions) {
    if (!/^[0-9a-f]{16}$/.test(options.node)) throw new Error('HLC node id must be 16 hex digits');
    this.node = options.node;
    this.now = options.now ?? Date.now;
    this.maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
    const last = options.last ? parseHlc(options.last) : undefined;
    this.ms = last?.ms ?? 0;
    this.counter = last?.counter ?? 0;
  }

  /** A new stamp for a local event, strictly greater than every stamp seen so far. */
  tick(): string {
    const wall = this.now();
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else {
      this.bump();
    }
    return this.current();
  }

  /** Fold in a stamp from elsewhere; refuses stamps too far ahead of our wall clock. */
  receive(stamp: string): string {
    const remote = parseHlc(stamp);
    const wall = this.now();
    if (remote.ms > wall + this.maxDriftMs) throw new ClockDriftError(remote.ms, wall);
    const maxMs = Math.max(this.ms, remote.ms, wall);
    if (maxMs === this.ms && maxMs === remote.ms) {
      this.counter = Math.max(this.counter, remote.counter);
      this.bump();
    } else if (maxMs === this.ms) {
      this.bump();
    } else if (maxMs === remote.ms) {
      this.ms = remote.ms;
      this.counter = remote.counter;
      this.bump();
    } else {
      this.ms = wall;
      this.counter = 0;
    }
    return this.current();
  }

  /** True when a stamp is further ahead of the wall clock than the allowed drift. */
  isTooFarAhead(stamp: string): boolean {
    return parseHlc(stamp).ms > this.now() + this.maxDriftMs;
  }

  current(): string {
    return formatHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }

  private bump(): void {
    if (this.counter >= MAX_COUNTER) {
      // The counter is exhausted within one millisecond: borrow the next millisecond.
      this.ms += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
