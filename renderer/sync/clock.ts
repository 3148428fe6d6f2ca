/**
 * This computer's clock corrected by the server's: `offsetMs` = serverTime − local time, measured
 * on every sync answer. A laptop whose clock is a day off still stamps its edits sensibly when the
 * repository's clock is `appSyncClock.now`, and pulled stamps are folded in against it.
 */
export interface SyncClock {
  readonly offsetMs: number;
  /** Local time corrected by the server's. */
  now(): number;
  /** The uncorrected local clock. */
  wallNow(): number;
  /** Records the server's time from an answer received just now. */
  observe(serverTime: number): void;
  /** Restores an offset remembered from an earlier run. */
  setOffset(offsetMs: number): void;
}

export function createSyncClock(wallNow: () => number = Date.now): SyncClock {
  let offsetMs = 0;
  return {
    get offsetMs() {
      return offsetMs;
    },
    now: () => wallNow() + offsetMs,
    wallNow,
    observe(serverTime) {
      if (Number.isFinite(serverTime)) offsetMs = serverTime - wallNow();
    },
    setOffset(value) {
      if (Number.isFinite(value)) offsetMs = value;
    },
  };
}

/** The app's one corrected clock (the sync engine measures it; the repository may stamp with it). */
export const appSyncClock = createSyncClock();
