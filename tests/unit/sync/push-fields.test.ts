/**
 * PushOpSchema checks an op's `fields` in one pass over its keys instead of a record schema
 * (shared/sync/protocol.ts). It must accept exactly what the record schema with the count limit
 * accepted: these properties compare the two on arbitrary input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isReservedFieldName, LIMITS, PushOpSchema } from '../../../shared/sync/protocol';

const RECORD = z
  .record(z.string().min(1).max(100), z.unknown())
  .refine((f) => Object.keys(f).length <= LIMITS.maxFieldsPerOp);

/**
 * Names of an object's built-in methods are refused as well (docs/sync-protocol.md §4). Read from
 * the input's own keys: zod's record leaves a parsed `__proto__` key out of its output, so a refine
 * on the output would never see it.
 */
const hasReservedName = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).some(isReservedFieldName);
const FIELDS = PushOpSchema.shape.fields;

const keyArb = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.string({ minLength: 95, maxLength: 105 }),
  fc.constantFrom(
    '',
    'name',
    '0',
    '1e3',
    'x'.repeat(100),
    'x'.repeat(101),
    'ё'.repeat(100),
    'toString',
    'constructor',
    'valueOf',
    '__proto__',
  ),
);

describe('PushOpSchema fields', () => {
  it('accepts and refuses exactly what the record schema does', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.dictionary(keyArb, fc.jsonValue(), { maxKeys: 8 }),
          fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.constant(1), {
            minKeys: 95,
            maxKeys: 110,
          }),
          fc.anything(),
          fc.jsonValue(),
        ),
        (value) => {
          // As a request body arrives: JSON text parsed (no undefined, no symbols, no classes).
          const json: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
          expect(FIELDS.safeParse(json).success).toBe(
            RECORD.safeParse(json).success && !hasReservedName(json),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses an empty or over-long field name, too many fields, and non-objects, with a reason', () => {
    const many = Object.fromEntries(
      Array.from({ length: LIMITS.maxFieldsPerOp + 1 }, (_, i) => [`f${i}`, i]),
    );
    for (const bad of [{ '': 1 }, { ['x'.repeat(101)]: 1 }, many, [], null, 'fields', 5]) {
      const result = FIELDS.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/fields/);
    }
    const ok = Object.fromEntries(
      Array.from({ length: LIMITS.maxFieldsPerOp }, (_, i) => [`f${i}`, i]),
    );
    expect(FIELDS.safeParse(ok).success).toBe(true);
    expect(FIELDS.safeParse({ ['x'.repeat(100)]: null }).success).toBe(true);
  });
});
