/**
 * JSON that parses can still be unstorable: PostgreSQL refuses NUL in text and unpaired
 * surrogates in jsonb, and very deep nesting costs stack in every walk over it. Such a body is a
 * client's mistake (or an attack) and gets a 400 here, before any database sees it.
 */
const MAX_DEPTH = 64;
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A reason the value cannot be stored, or null. */
export function unstorableReason(value: unknown, depth = 0): string | null {
  if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
  if (typeof value === 'string')
    return UNSTORABLE.test(value) ? 'text with a NUL character or an unpaired surrogate' : null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'a number out of range';
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const reason = unstorableReason(item, depth + 1);
      if (reason) return reason;
    }
    return null;
  }
  // for…in over own keys: Object.entries would allocate a pair per key of every op's fields.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (UNSTORABLE.test(key)) return 'a key with a NUL character or an unpaired surrogate';
    const reason = unstorableReason((value as Record<string, unknown>)[key], depth + 1);
    if (reason) return reason;
  }
  return null;
}
