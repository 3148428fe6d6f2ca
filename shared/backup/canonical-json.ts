/**
 * JSON with object keys sorted and no spacing, so the same data always gives the same text, and
 * so the same checksum, whatever order the fields were written in.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join('');
}

function write(value: unknown, out: string[]): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    out.push(JSON.stringify(value));
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
    out.push(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      // As JSON.stringify does: a hole or undefined in an array is null.
      write(item === undefined ? null : item, out);
    });
    out.push(']');
  } else if (typeof value === 'object' && isPlainObject(value)) {
    const entries = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    out.push('{');
    entries.forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write((value as Record<string, unknown>)[key], out);
    });
    out.push('}');
  } else {
    throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}

/** Dates, maps and class instances would silently become {}; only plain data is allowed. */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
