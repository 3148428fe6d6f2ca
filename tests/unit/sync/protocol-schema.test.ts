/**
 * docs/sync-protocol.schema.json is what `npm run docs:schema` writes from today's zod schemas:
 * a client written from the docs validates against the shapes the server really checks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SYNCED_TABLES } from '../../../shared/domain';
import {
  buildProtocolSchema,
  renderProtocolSchema,
  SCHEMA_FILE,
} from '../../tools/protocol-schema';

describe('the generated protocol schema (docs/sync-protocol.schema.json)', () => {
  it('is current: the checked-in file is exactly what npm run docs:schema writes', async () => {
    const checkedIn = readFileSync(SCHEMA_FILE, 'utf8');
    const fresh = await renderProtocolSchema();
    expect(
      checkedIn === fresh,
      'docs/sync-protocol.schema.json is out of date: run `npm run docs:schema` and commit it',
    ).toBe(true);
  });

  it('names a body for every endpoint and a record for every synced table', () => {
    const schema = buildProtocolSchema() as {
      $defs: Record<string, unknown>;
      'x-endpoints': Record<string, { request?: string; response: string }>;
    };
    for (const [endpoint, { request, response }] of Object.entries(schema['x-endpoints'])) {
      expect(schema.$defs, endpoint).toHaveProperty([response]);
      if (request) expect(schema.$defs, endpoint).toHaveProperty([request]);
    }
    for (const table of SYNCED_TABLES) expect(schema.$defs).toHaveProperty([`record:${table}`]);
  });

  it('accepts what the server accepts and refuses baseVersion null (read back with zod)', () => {
    const defs = (buildProtocolSchema() as { $defs: Record<string, object> }).$defs;
    const op = z.fromJSONSchema(defs.PushOp as never);
    const good = {
      seq: 1,
      opId: '01900000-0000-7000-8000-000000000001',
      deviceId: '0123456789abcdef',
      hlc: '001790000000000-0000-0123456789abcdef',
      table: 'clients',
      rowId: '01900000-0000-7000-8000-000000000002',
      fields: { name: 'x' },
      baseVersion: 0,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect(op.safeParse(good).success).toBe(true);
    expect(op.safeParse({ ...good, baseVersion: null }).success).toBe(false);
    expect(op.safeParse({ ...good, hlc: '1790000000000-0-0123456789abcdef' }).success).toBe(false);
  });
});
