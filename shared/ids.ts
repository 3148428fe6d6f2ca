/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. String order is creation
 * order, so ids sort by time in IndexedDB and PostgreSQL alike. Within one millisecond a counter in
 * the random part keeps ids from one process strictly increasing.
 */
interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

const random = (globalThis as unknown as { crypto: RandomSource }).crypto;
let lastMs = -1;
let lastTail: Uint8Array = new Uint8Array(10);

function increment(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 1; i >= 0; i--) {
    const next = (bytes[i] ?? 0) + 1;
    bytes[i] = next & 0xff;
    if (next <= 0xff) return true;
  }
  return false;
}

export function uuidv7(nowMs: number = Date.now()): string {
  let ms = Math.max(nowMs, lastMs);
  let tail: Uint8Array;
  if (ms === lastMs) {
    tail = lastTail.slice();
    if (!increment(tail)) {
      ms += 1;
      tail = random.getRandomValues(new Uint8Array(10));
    }
  } else {
    tail = random.getRandomValues(new Uint8Array(10));
    tail[0] = (tail[0] ?? 0) & 0x0f; // leave head-room for the in-millisecond counter
  }
  lastMs = ms;
  lastTail = tail;

  const bytes = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes.set(tail, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Milliseconds since the epoch encoded in a UUIDv7. */
export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** A random hex string of `bytes` bytes (device ids, HLC node ids). */
export function randomHex(bytes: number): string {
  return Array.from(random.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
