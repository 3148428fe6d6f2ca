/**
 * The sync protocol, version 1: every request and response body as a zod schema, the limits, and
 * every error code with what a client does about it. docs/sync-protocol.md is the prose; this
 * file is the contract both the server and the client engine import, so they cannot drift.
 */
import { z } from 'zod';
import { HlcSchema, IdSchema, LongText } from '../domain/common';
import { SYNCED_TABLES, type SyncedTable } from '../domain';
import { OutboxOpSchema } from './outbox';

export const PROTOCOL_VERSION = 1;
/** The server answers these protocol versions: the current one and, once there is one, the previous. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];
/** Version of the record shapes in shared/domain. Sent on every request in SCHEMA_VERSION_HEADER. */
export const SCHEMA_VERSION = 1;
export const MIN_SCHEMA_VERSION = 1;
export const SCHEMA_VERSION_HEADER = 'fieldbook-schema-version';

/** The node id in stamps the server itself creates (merged text, a record an edit restored). */
export const SERVER_NODE = '0000000000000000';

export const LIMITS = {
  /** Whole request body, bytes. A batch that would exceed it is split by the client. */
  maxRequestBytes: 8 * 1024 * 1024,
  maxOpsPerBatch: 500,
  maxFieldsPerOp: 100,
  defaultPullLimit: 500,
  maxPullLimit: 1000,
  /**
   * Stamps further ahead of the server clock are quarantined. Generous enough for a laptop clock
   * a few minutes off, small enough that a device set to tomorrow cannot win every merge for a day.
   */
  maxClockAheadMs: 60 * 60 * 1000,
  /** Requests per device token: a bucket of `burst`, refilled at `perSecond`. */
  rate: { burst: 120, perSecond: 20 },
  /** Login attempts per client address (any outcome): bounds the password-hashing work one address causes. */
  loginRate: { burst: 30, perSecond: 1 },
  /** Failed sign-ins per account, from any address. */
  loginFailuresPerAccount: { burst: 10, perSecond: 1 / 60 },
  /** Failed sign-ins per address, across accounts (see docs/sync-protocol.md section 3). */
  loginFailuresPerAddress: { burst: 30, perSecond: 1 / 10 },
  /**
   * A record as stored (its values and per-field stamps as JSON, parked fields included), bytes.
   * An op that would make a record larger is rejected with `record_too_large`.
   */
  maxRecordBytes: 256 * 1024,
  /** A pull page stops at the first record that takes its JSON past this many bytes (at least one record). */
  maxPullPageBytes: 4 * 1024 * 1024,
} as const;

/** Names no field may have: they would shadow an object's own methods wherever a record is handled. */
export function isReservedFieldName(name: string): boolean {
  return name in Object.prototype || name === '__proto__' || name === 'prototype';
}

const SyncedTableSchema = z.enum(SYNCED_TABLES as [SyncedTable, ...SyncedTable[]]);
const DeviceIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'device id: 16 hex digits');
const EpochSchema = z.string().regex(/^[0-9a-f]{32}$/, 'epoch: 32 hex digits');

// ---- authentication -------------------------------------------------------------------------

export const LoginRequestSchema = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
  deviceName: z.string().trim().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const UserInfoSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: z.enum(['rep', 'manager']),
  teamId: IdSchema,
  teamName: z.string(),
});
export type UserInfo = z.infer<typeof UserInfoSchema>;

export const LoginResponseSchema = z.object({
  /** Shown once; the server keeps only its SHA-256. Send as `Authorization: Bearer <token>`. */
  token: z.string(),
  device: z.object({ id: IdSchema, name: z.string() }),
  user: UserInfoSchema,
  epoch: EpochSchema,
  serverTime: z.number(),
  protocolVersion: z.number().int(),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/**
 * `GET /v1/team`: the people of the signed-in user's team, so a device shows names, never ids
 * (an owner, who referred a client). Everyone gets the names; a manager also gets when each
 * person's devices last reached the server (`lastSyncAt`; null for a rep asking, or never).
 */
export const TeamMemberSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: z.enum(['rep', 'manager']),
  /** False for a person whose account was disabled: their records stay, with their name. */
  active: z.boolean(),
  lastSyncAt: z.string().nullable(),
});
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const TeamResponseSchema = z.object({
  team: z.object({ id: IdSchema, name: z.string() }),
  members: z.array(TeamMemberSchema),
});
export type TeamResponse = z.infer<typeof TeamResponseSchema>;

export const DeviceInfoSchema = z.object({
  id: IdSchema,
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  current: z.boolean(),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

// ---- push -------------------------------------------------------------------------------------

/**
 * An op's `fields`: a plain object of at most LIMITS.maxFieldsPerOp values named by 1–100
 * characters (what `z.record(z.string().min(1).max(100), z.unknown())` accepts, with the count
 * limit). One pass over the keys instead of a record schema's key and value parse and copy per
 * field: the server checks every op of a 500-op push with it.
 */
const FieldsSchema = z.custom<Record<string, unknown>>((value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key.length < 1 || key.length > 100 || ++count > LIMITS.maxFieldsPerOp) return false;
    if (isReservedFieldName(key)) return false;
  }
  return true;
}, `fields: an object of at most ${LIMITS.maxFieldsPerOp} values, each named by 1 to 100 characters, none named like a built-in method (toString, constructor, __proto__…)`);

/** Keys of `stamps` and `base`: named as fields are. */
const FieldNameSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((name) => !isReservedFieldName(name), 'a field may not be named like a built-in method');

/**
 * One op as pushed: the outbox row, plus two optional extras. `stamps` gives per-field stamps when
 * they differ from `hlc` (re-pushing a whole row after an epoch change). `base` carries, for
 * line-merged text fields the op changes, the text as of `baseVersion`, so the server can merge
 * two devices' edits of one note line by line instead of keeping only the later one.
 */
export const PushOpSchema = OutboxOpSchema.extend({
  fields: FieldsSchema,
  stamps: z.record(FieldNameSchema, HlcSchema).optional(),
  base: z.record(FieldNameSchema, LongText).optional(),
});
export type PushOp = z.infer<typeof PushOpSchema>;

export const PushRequestSchema = z.object({
  /** The epoch this client last saw; null before its first successful sync with this server. */
  epoch: EpochSchema.nullable(),
  deviceId: DeviceIdSchema,
  /**
   * Only right after an epoch change and its repair: the device's sequence restarts at this
   * batch's first op. Refused once the device has pushed in the current epoch.
   */
  resetSequence: z.boolean().optional(),
  ops: z.array(PushOpSchema).min(1),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const SyncConflictSchema = z.object({
  field: z.string(),
  kind: z.enum(['field', 'text_merge', 'edit_vs_delete', 'clock_quarantine']),
  /** The pushing device's value (its op). */
  localValue: z.unknown(),
  /** The value the server held. */
  remoteValue: z.unknown(),
  localStamp: HlcSchema.nullable(),
  remoteStamp: HlcSchema.nullable(),
  /** What the server's row now holds for the field. */
  kept: z.enum(['local', 'remote', 'merged']),
});
export type SyncConflict = z.infer<typeof SyncConflictSchema>;

export const OP_STATUSES = ['applied', 'unchanged', 'rejected', 'quarantined'] as const;

export const OpResultSchema = z.object({
  opId: IdSchema,
  seq: z.number().int().positive(),
  table: SyncedTableSchema,
  rowId: IdSchema,
  /**
   * applied: the row changed; unchanged: every field lost to a later value (see conflicts);
   * rejected: refused for `code` (the op is settled and will not be retried);
   * quarantined: its clock stamps are too far ahead of the server's; kept aside, not merged.
   */
  status: z.enum(OP_STATUSES),
  /** The row's server version after this batch (null when the row did not change). */
  version: z.number().int().nullable(),
  /** True when this op had been applied by an earlier request (a retry); the result is the original. */
  duplicate: z.boolean(),
  code: z.string().optional(),
  reason: z.string().optional(),
  conflicts: z.array(SyncConflictSchema),
});
export type OpResult = z.infer<typeof OpResultSchema>;

export const PushResponseSchema = z.object({
  epoch: EpochSchema,
  serverTime: z.number(),
  /** Every op with seq <= lastSeq is settled: delete it from the outbox. */
  lastSeq: z.number().int().nonnegative(),
  results: z.array(OpResultSchema),
  /** Set when the batch stopped before its end: ops from `expectedSeq` on were not looked at. */
  stopped: z
    .object({ code: z.literal('sequence_gap'), expectedSeq: z.number().int().positive() })
    .nullable(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ---- pull -------------------------------------------------------------------------------------

export const PullRequestSchema = z.object({
  epoch: EpochSchema.nullable(),
  /** Opaque; null for a first (or a full) pull. */
  cursor: z.string().max(200).nullable(),
  limit: z.number().int().min(1).max(LIMITS.maxPullLimit).optional(),
});
export type PullRequest = z.infer<typeof PullRequestSchema>;

export const PulledRecordSchema = z.object({
  table: SyncedTableSchema,
  id: IdSchema,
  version: z.number().int().positive(),
  /** The whole record as in shared/domain (stamps, serverVersion = version, ownerId set by the server). */
  record: z.record(z.string(), z.unknown()),
});
export type PulledRecord = z.infer<typeof PulledRecordSchema>;

export const PullResponseSchema = z.object({
  epoch: EpochSchema,
  serverTime: z.number(),
  records: z.array(PulledRecordSchema),
  /** Save with the page, in the same local transaction. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

// ---- errors -----------------------------------------------------------------------------------

/** What a client does on an error: the protocol doc explains each. */
export type ClientAction =
  | 'fix_request'
  | 'sign_in'
  | 'retry_later'
  | 'split_batch'
  | 'resync_epoch'
  | 'reset_cursor'
  | 'upgrade_app'
  | 'wait_for_server'
  | 'report_bug';

export const ERROR_CODES = {
  bad_request: { status: 400, action: 'fix_request' },
  invalid_json: { status: 400, action: 'fix_request' },
  schema_version_required: { status: 400, action: 'fix_request' },
  bad_cursor: { status: 400, action: 'reset_cursor' },
  unauthorized: { status: 401, action: 'sign_in' },
  invalid_credentials: { status: 401, action: 'sign_in' },
  forbidden: { status: 403, action: 'fix_request' },
  not_found: { status: 404, action: 'fix_request' },
  unsupported_protocol: { status: 404, action: 'upgrade_app' },
  epoch_changed: { status: 409, action: 'resync_epoch' },
  sequence_mismatch: { status: 409, action: 'report_bug' },
  sequence_reset_refused: { status: 409, action: 'report_bug' },
  schema_too_new: { status: 409, action: 'wait_for_server' },
  payload_too_large: { status: 413, action: 'split_batch' },
  batch_too_large: { status: 413, action: 'split_batch' },
  unsupported_media_type: { status: 415, action: 'fix_request' },
  schema_too_old: { status: 426, action: 'upgrade_app' },
  rate_limited: { status: 429, action: 'retry_later' },
  internal: { status: 500, action: 'retry_later' },
  unavailable: { status: 503, action: 'retry_later' },
} as const satisfies Record<string, { status: number; action: ClientAction }>;
export type ErrorCode = keyof typeof ERROR_CODES;

/** Reasons a single op is refused (OpResult.code when status is rejected or quarantined). */
export const OP_REJECT_CODES = [
  'forbidden',
  'read_only',
  'invalid_record',
  'table_mismatch',
  'clock_ahead',
  'record_too_large',
] as const;
export type OpRejectCode = (typeof OP_REJECT_CODES)[number];

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    /** With rate_limited and unavailable. */
    retryAfterMs: z.number().optional(),
    /** With epoch_changed. */
    epoch: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export function clientActionFor(code: string): ClientAction {
  return (ERROR_CODES as Record<string, { action: ClientAction }>)[code]?.action ?? 'retry_later';
}
