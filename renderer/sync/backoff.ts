/**
 * How long to wait before the next attempt after `failures` failures in a row: doubling from
 * BASE up to MAX, with "equal jitter" (half fixed, half random) so a team's laptops that lost the
 * server together do not all come back in the same second. A server's Retry-After is a floor.
 */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

export function backoffDelay(
  failures: number,
  random: () => number = Math.random,
  retryAfterMs = 0,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 20);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.round(Math.max(jittered, retryAfterMs));
}
