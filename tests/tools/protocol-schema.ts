/**
 * `npm run docs:schema`: writes docs/sync-protocol.schema.json, the machine-readable half of
 * docs/sync-protocol.md: a JSON Schema (draft 2020-12) of every request, response and record,
 * generated from the zod schemas both the server and the app import (shared/sync/protocol.ts,
 * shared/domain), with each endpoint, the limits and the error codes beside them. A unit test
 * (tests/unit/sync/protocol-schema.test.ts) fails when the checked-in file is not what this writes.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import { HlcSchema, IdSchema, SYNCED_SCHEMAS, SYNCED_TABLES } from '../../shared/domain';
import { HLC_PATTERN } from '../../shared/sync/hlc';
import {
  DeviceInfoSchema,
  ERROR_CODES,
  ErrorBodySchema,
  LIMITS,
  LoginRequestSchema,
  LoginResponseSchema,
  MIN_SCHEMA_VERSION,
  OP_REJECT_CODES,
  PROTOCOL_VERSION,
  PullRequestSchema,
  PullResponseSchema,
  PushOpSchema,
  PushRequestSchema,
  PushResponseSchema,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  SERVER_NODE,
  SyncConflictSchema,
  OpResultSchema,
  UserInfoSchema,
  TeamResponseSchema,
} from '../../shared/sync/protocol';

export const SCHEMA_FILE = resolve(import.meta.dirname, '../../docs/sync-protocol.schema.json');

// The bodies the routes build without a schema of their own in protocol.ts: described here from
// the same parts (server/http/routes-auth.ts and app.ts's health route answer exactly these).
const MeResponseSchema = z.object({
  user: UserInfoSchema,
  deviceId: IdSchema,
  epoch: z.string(),
  serverTime: z.number(),
});
const DevicesResponseSchema = z.object({ devices: z.array(DeviceInfoSchema) });
const OkResponseSchema = z.object({ ok: z.literal(true) });
const EmptyRequestSchema = z.object({});
const HealthResponseSchema = z.object({
  ok: z.boolean(),
  protocolVersions: z.array(z.number().int()),
  schemaVersions: z.object({ min: z.number().int(), max: z.number().int() }),
  database: z.string(),
  epoch: z.string(),
  serverTime: z.number(),
});

const BODIES = {
  LoginRequest: [LoginRequestSchema, 'input'],
  LoginResponse: [LoginResponseSchema, 'output'],
  EmptyRequest: [EmptyRequestSchema, 'input'],
  OkResponse: [OkResponseSchema, 'output'],
  MeResponse: [MeResponseSchema, 'output'],
  DevicesResponse: [DevicesResponseSchema, 'output'],
  TeamResponse: [TeamResponseSchema, 'output'],
  HealthResponse: [HealthResponseSchema, 'output'],
  PushRequest: [PushRequestSchema, 'input'],
  PushOp: [PushOpSchema, 'input'],
  PushResponse: [PushResponseSchema, 'output'],
  OpResult: [OpResultSchema, 'output'],
  SyncConflict: [SyncConflictSchema, 'output'],
  PullRequest: [PullRequestSchema, 'input'],
  PullResponse: [PullResponseSchema, 'output'],
  ErrorBody: [ErrorBodySchema, 'output'],
  ClockStamp: [HlcSchema, 'output'],
} as const;

const ENDPOINTS = {
  'POST /v1/auth/login': { request: 'LoginRequest', response: 'LoginResponse', token: false },
  'POST /v1/auth/logout': { request: 'EmptyRequest', response: 'OkResponse', token: true },
  'GET /v1/me': { response: 'MeResponse', token: true },
  'GET /v1/devices': { response: 'DevicesResponse', token: true },
  'GET /v1/team': { response: 'TeamResponse', token: true },
  'POST /v1/devices/{id}/revoke': { request: 'EmptyRequest', response: 'OkResponse', token: true },
  'POST /v1/push': { request: 'PushRequest', response: 'PushResponse', token: true },
  'POST /v1/pull': { request: 'PullRequest', response: 'PullResponse', token: true },
  'GET /v1/health': { response: 'HealthResponse', token: false, schemaHeader: false },
};

type JsonObject = Record<string, unknown>;

function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    override(ctx) {
      const def = (ctx.zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def;
      // An op's `fields` is checked by a hand-written test (protocol.ts FieldsSchema): say what it
      // accepts.
      if (def.type === 'custom') {
        Object.assign(ctx.jsonSchema, {
          type: 'object',
          maxProperties: LIMITS.maxFieldsPerOp,
          propertyNames: { minLength: 1, maxLength: 100 },
          description:
            "The op's changed fields and their new values, named as in the table's record (a new row: every field).",
        });
      }
    },
  }) as JsonObject;
  delete json.$schema;
  return json;
}

export function buildProtocolSchema(): JsonObject {
  const defs: JsonObject = {};
  for (const [name, [schema, io]] of Object.entries(BODIES))
    defs[name] = toJson(schema as z.ZodType, io);
  for (const table of SYNCED_TABLES)
    defs[`record:${table}`] = toJson(SYNCED_SCHEMAS[table], 'output');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'fieldbook-sync-protocol-v1',
    title: `Fieldbook sync protocol v${PROTOCOL_VERSION}`,
    description:
      'Generated from the zod schemas by `npm run docs:schema`; do not edit. Prose: docs/sync-protocol.md. Bodies are in $defs, the record of each table in $defs["record:<table>"], endpoints in x-endpoints.',
    'x-protocol-version': PROTOCOL_VERSION,
    'x-schema-version': {
      header: SCHEMA_VERSION_HEADER,
      min: MIN_SCHEMA_VERSION,
      max: SCHEMA_VERSION,
    },
    'x-clock-stamp': {
      pattern: HLC_PATTERN.source,
      form: '<15-digit milliseconds since the Unix epoch, zero-padded>-<4 lowercase hex: counter>-<16 lowercase hex: clock node>',
      serverNode: SERVER_NODE,
    },
    'x-tables': SYNCED_TABLES,
    'x-endpoints': ENDPOINTS,
    'x-limits': LIMITS,
    'x-error-codes': ERROR_CODES,
    'x-op-reject-codes': OP_REJECT_CODES,
    $defs: defs,
  };
}

/** The file's text: the schema as JSON, formatted as the repository's prettier formats it. */
export async function renderProtocolSchema(): Promise<string> {
  const options = (await resolveConfig(SCHEMA_FILE)) ?? {};
  return format(JSON.stringify(buildProtocolSchema(), null, 2), { ...options, parser: 'json' });
}

if (process.argv[1] && /protocol-schema\.[cm]?[jt]s$/.test(process.argv[1])) {
  const text = await renderProtocolSchema();
  writeFileSync(SCHEMA_FILE, text);
  console.log(`Wrote ${SCHEMA_FILE} (${text.length} bytes)`);
}
