/**
 * The DesktopApi contract: what the renderer may ask of the desktop, with a zod schema for the
 * arguments and the result of every channel. The main process validates both sides against this
 * table in one gate; the browser implementation validates against it too, so both behave alike.
 * Every payload has a size limit: the renderer is treated as untrusted input.
 */
import { z } from 'zod';
import {
  DESKTOP_METHODS,
  DURABLE_STORE_METHODS,
  type DesktopChannel,
  type DesktopMethod,
  type DurableStoreMethod,
  DESKTOP_BRIDGE_GLOBAL,
  DESKTOP_ONLY_METHODS,
  type DesktopOnlyMethod,
} from './ipc-channels';
import { SyncHttpResultSchema, SyncRequestSchema, SyncSignInRequestSchema } from './ipc-sync';

export {
  DESKTOP_METHODS,
  DESKTOP_BRIDGE_GLOBAL,
  DURABLE_STORE_METHODS,
  DESKTOP_ONLY_METHODS,
  type DesktopChannel,
  type DesktopMethod,
  type DesktopOnlyMethod,
  type DurableStoreMethod,
};

export const SECRET_KEY_PATTERN = /^[a-z0-9_.:-]{1,64}$/;
export const MAX_SECRET_BYTES = 16 * 1024;
export const MAX_NOTIFY_TITLE_LENGTH = 200;
export const MAX_NOTIFY_BODY_LENGTH = 2000;
export const MAX_FILE_NAME_LENGTH = 200;
/** Backups are JSON text; 50 MiB of it is years of a rep's work. */
export const MAX_SAVE_FILE_CHARS = 50 * 1024 * 1024;
export const MAX_OPEN_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_ACCEPTED_EXTENSIONS = 20;
const MAX_PATH_LENGTH = 4096;
const MAX_ERROR_MESSAGE_LENGTH = 500;

/**
 * What can go wrong, as codes the renderer turns into the rep's words (i18n keys
 * `desktop.errors.<code>`); the message beside a code is for logs only.
 */
export const DESKTOP_ERROR_CODES = [
  'no_secret_store',
  'invalid_request',
  'unknown_channel',
  'forbidden_sender',
  'file_too_large',
  'file_type_not_allowed',
  'unsafe_url',
  'notifications_unavailable',
  'io_error',
  'internal',
] as const;
export const DesktopErrorCodeSchema = z.enum(DESKTOP_ERROR_CODES);
export type DesktopErrorCode = z.infer<typeof DesktopErrorCodeSchema>;

/** Thrown by handlers on either side; the IPC gate carries `code` across as data. */
export class DesktopError extends Error {
  override readonly name = 'DesktopError';
  constructor(
    readonly code: DesktopErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}

export function isDesktopError(error: unknown): error is DesktopError {
  return (
    error instanceof DesktopError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'DesktopError' &&
      DesktopErrorCodeSchema.safeParse((error as { code?: unknown }).code).success)
  );
}

/** UTF-8 length without TextEncoder (not part of the no-DOM, no-Node shared/ typecheck). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

// A UTF-8 encoding is never shorter than the UTF-16 length, so the cheap max() runs first.
export const SecretKeySchema = z.string().regex(SECRET_KEY_PATTERN, 'invalid secret key');
export const SecretValueSchema = z
  .string()
  .max(MAX_SECRET_BYTES)
  .refine((value) => utf8ByteLength(value) <= MAX_SECRET_BYTES, 'secret too large');

function isSafeFileName(name: string): boolean {
  if (name === '.' || name === '..' || name.endsWith('.') || name.endsWith(' ')) return false;
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || '/\\:*?"<>|'.includes(char)) return false;
  }
  return true;
}

/** A bare file name: no folders, nothing Windows refuses, so it can only suggest a name. */
export const FileNameSchema = z
  .string()
  .min(1)
  .max(MAX_FILE_NAME_LENGTH)
  .refine(isSafeFileName, 'invalid file name');
export const MimeTypeSchema = z
  .string()
  .max(100)
  .regex(/^[a-z]+\/[a-z0-9.+-]+(; ?charset=[a-z0-9-]+)?$/i, 'invalid MIME type');
export const FileExtensionSchema = z.string().regex(/^[a-z0-9]{1,10}$/, 'invalid file extension');

function isUint8Array(value: unknown): value is Uint8Array {
  // Realm-safe: bytes that crossed the context bridge are not instances of this realm's class.
  return Object.prototype.toString.call(value) === '[object Uint8Array]';
}

export const AppInfoSchema = z.strictObject({
  version: z.string().min(1).max(50),
  platform: z.string().min(1).max(32),
  electron: z.string().max(50).nullable().optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const NotificationSchema = z.strictObject({
  title: z.string().min(1).max(MAX_NOTIFY_TITLE_LENGTH),
  body: z.string().max(MAX_NOTIFY_BODY_LENGTH),
});

export const SaveFileRequestSchema = z.strictObject({
  suggestedName: FileNameSchema,
  content: z.string().max(MAX_SAVE_FILE_CHARS),
  mimeType: MimeTypeSchema,
});
export type SaveFileRequest = z.infer<typeof SaveFileRequestSchema>;

export const SaveFileResultSchema = z.strictObject({
  saved: z.boolean(),
  path: z.string().max(MAX_PATH_LENGTH).optional(),
});
export type SaveFileResult = z.infer<typeof SaveFileResultSchema>;

export const OpenFileRequestSchema = z.strictObject({
  accept: z.array(FileExtensionSchema).min(1).max(MAX_ACCEPTED_EXTENSIONS),
  maxBytes: z.number().int().positive().max(MAX_OPEN_FILE_BYTES),
});
export type OpenFileRequest = z.infer<typeof OpenFileRequestSchema>;

/** Bytes, not text: a CSV from an old office PC may be Windows-1251; import decides. */
export const OpenedFileSchema = z.strictObject({
  name: z.string().min(1).max(MAX_PATH_LENGTH),
  bytes: z.custom<Uint8Array>(
    (value) => isUint8Array(value) && value.byteLength <= MAX_OPEN_FILE_BYTES,
    'expected at most 50 MiB of bytes',
  ),
});
export type OpenedFile = z.infer<typeof OpenedFileSchema>;

export const ExternalUrlSchema = z.string().min(1).max(2048);

/** One outbox row as JSON; an op's fields are a note at most, so 1 MiB is far beyond a real one. */
export const MAX_JOURNAL_ROW_CHARS = 1024 * 1024;
export const MAX_JOURNAL_BATCH = 1000;
export const MAX_JOURNAL_READ = 5000;
export const JournalIdSchema = z.string().min(1).max(200);

/**
 * A value as JSON keeps it: undefined fields dropped, dates as ISO text, NaN as null (what
 * JSON.stringify does). Anything JSON cannot hold (a cycle, a BigInt, a bare function) becomes
 * undefined, which the schema then refuses.
 */
function asJsonValue(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * What the journal keeps of one outbox row: its op id (to ack it) and the row itself, as JSON
 * (an outbox row with an undefined field is taken, without that field).
 */
export const JournalEntrySchema = z.strictObject({
  id: JournalIdSchema,
  row: z.preprocess(
    asJsonValue,
    z
      .json()
      .refine(
        (row) => JSON.stringify(row).length <= MAX_JOURNAL_ROW_CHARS,
        'journal row too large',
      ),
  ),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const JournalAppendResultSchema = z.strictObject({
  /** The sequence number given to the last appended row; rows are numbered 1, 2, 3… */
  lastSeq: z.number().int().nonnegative(),
});

export const JournalReadRequestSchema = z.strictObject({
  /** Only rows with a larger sequence number; 0 or absent reads from the start. */
  afterSeq: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().max(MAX_JOURNAL_READ).optional(),
});
export type JournalReadRequest = z.infer<typeof JournalReadRequestSchema>;

export const JournalReadResultSchema = z.strictObject({
  /** The rows not yet acknowledged, oldest first. */
  entries: z
    .array(z.strictObject({ seq: z.number().int().positive(), id: JournalIdSchema, row: z.json() }))
    .max(MAX_JOURNAL_READ),
  /** True when more rows follow: read again with afterSeq = the last entry's seq. */
  more: z.boolean(),
  /** Records that could not be read: a torn tail (a crash mid-append) or a bad checksum. */
  skipped: z.strictObject({
    torn: z.number().int().nonnegative(),
    corrupt: z.number().int().nonnegative(),
  }),
});
export type JournalReadResult = z.infer<typeof JournalReadResultSchema>;

export const JournalStateSchema = z.strictObject({
  /** Rows appended and not yet acknowledged. */
  live: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
export type JournalState = z.infer<typeof JournalStateSchema>;

export const BACKUP_REASONS = [
  'scheduled',
  'before_import',
  'before_restore',
  'before_pull',
  'manual',
] as const;
export const BackupReasonSchema = z.enum(BACKUP_REASONS);
export type BackupReason = z.infer<typeof BackupReasonSchema>;
/** backup-<UTC time as 20261207T013208123Z>-<reason>.json, as the main process names them. */
export const BackupNameSchema = z
  .string()
  .max(100)
  .regex(/^backup-\d{8}T\d{9}Z-[a-z_]{1,20}\.json$/, 'invalid backup name');

export const BackupWriteRequestSchema = z.strictObject({
  reason: BackupReasonSchema,
  /** The backup as made by shared/backup (JSON text). */
  content: z.string().min(1).max(MAX_SAVE_FILE_CHARS),
});

export const BackupInfoSchema = z.strictObject({
  name: BackupNameSchema,
  reason: BackupReasonSchema,
  /** ISO time the backup was written. */
  createdAt: z.string().max(40),
  bytes: z.number().int().nonnegative(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

/** The volume that holds the app's data: what is free for the rep's work, and its size. */
export const DiskSpaceSchema = z.strictObject({
  freeBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
});
export type DiskSpace = z.infer<typeof DiskSpaceSchema>;

/** Print the page (the visit report's print view) to a PDF saved where the rep chooses. */
export const PrintToPdfRequestSchema = z.strictObject({ suggestedName: FileNameSchema });
export type PrintToPdfRequest = z.infer<typeof PrintToPdfRequestSchema>;

const noArgs = z.tuple([]);
const nothing = z.void();

/** Every channel the main process answers, with its argument list and its result. */
export const DESKTOP_CHANNELS = {
  'app:info': { args: noArgs, result: AppInfoSchema },
  'secrets:get': { args: z.tuple([SecretKeySchema]), result: SecretValueSchema.nullable() },
  'secrets:set': { args: z.tuple([SecretKeySchema, SecretValueSchema]), result: nothing },
  'secrets:delete': { args: z.tuple([SecretKeySchema]), result: nothing },
  'notify:show': { args: z.tuple([NotificationSchema]), result: nothing },
  'file:save': { args: z.tuple([SaveFileRequestSchema]), result: SaveFileResultSchema },
  'file:open': { args: z.tuple([OpenFileRequestSchema]), result: OpenedFileSchema.nullable() },
  'shell:open-external': { args: z.tuple([ExternalUrlSchema]), result: nothing },
  // Sync: the desktop holds the device token and adds it; the renderer never sees it.
  'sync:sign-in': { args: z.tuple([SyncSignInRequestSchema]), result: SyncHttpResultSchema },
  'sync:sign-out': { args: noArgs, result: nothing },
  'sync:http': { args: z.tuple([SyncRequestSchema]), result: SyncHttpResultSchema },
  // The journal: every outbox row, appended and fsynced before IndexedDB is trusted with it.
  'journal:append': {
    args: z.tuple([z.array(JournalEntrySchema).min(1).max(MAX_JOURNAL_BATCH)]),
    result: JournalAppendResultSchema,
  },
  'journal:read': { args: z.tuple([JournalReadRequestSchema]), result: JournalReadResultSchema },
  'journal:ack': {
    args: z.tuple([
      z
        .array(JournalIdSchema)
        .min(1)
        .max(10 * MAX_JOURNAL_BATCH),
    ]),
    result: JournalStateSchema,
  },
  'journal:compact': { args: noArgs, result: JournalStateSchema },
  'backup:write': { args: z.tuple([BackupWriteRequestSchema]), result: BackupInfoSchema },
  'backup:list': { args: noArgs, result: z.array(BackupInfoSchema).max(1000) },
  'disk:space': { args: noArgs, result: DiskSpaceSchema },
  'backup:read': { args: z.tuple([BackupNameSchema]), result: z.string().max(MAX_SAVE_FILE_CHARS) },
  'visit:print-pdf': { args: z.tuple([PrintToPdfRequestSchema]), result: SaveFileResultSchema },
} as const satisfies Record<DesktopChannel, { args: z.ZodTuple; result: z.ZodType }>;

type Channels = typeof DESKTOP_CHANNELS;
/** The arguments as a handler receives them (validated). */
export type DesktopArgs<C extends DesktopChannel> = z.infer<Channels[C]['args']>;
/** The arguments as a caller passes them (before validation: a journal row is any value). */
export type DesktopCallArgs<C extends DesktopChannel> = z.input<Channels[C]['args']>;
export type DesktopResult<C extends DesktopChannel> = z.infer<Channels[C]['result']>;
type ChannelOf<M extends DesktopMethod> = (typeof DESKTOP_METHODS)[M];

type ApiMethod<M extends DesktopMethod> = (
  ...args: DesktopCallArgs<ChannelOf<M>>
) => Promise<DesktopResult<ChannelOf<M>>>;

/**
 * What the renderer uses, whatever it runs in (Electron or a plain browser). The durable-store
 * methods (journal, backups) are optional until the browser build has its twin of them.
 */
export type DesktopApi = {
  [M in Exclude<DesktopMethod, DurableStoreMethod | DesktopOnlyMethod>]: ApiMethod<M>;
} & { [M in DurableStoreMethod | DesktopOnlyMethod]?: ApiMethod<M> };

export const DesktopFailureSchema = z.strictObject({
  ok: z.literal(false),
  error: z.strictObject({
    code: DesktopErrorCodeSchema,
    message: z.string().max(MAX_ERROR_MESSAGE_LENGTH),
  }),
});
export type DesktopFailure = z.infer<typeof DesktopFailureSchema>;
export type DesktopEnvelope<T> = { ok: true; value: T } | DesktopFailure;

/** What the preload puts on `window.fieldbook`: the same methods, answering with envelopes. */
export type DesktopBridge = {
  [M in DesktopMethod]: (
    ...args: DesktopCallArgs<ChannelOf<M>>
  ) => Promise<DesktopEnvelope<DesktopResult<ChannelOf<M>>>>;
};

export function desktopFailure(code: DesktopErrorCode, message: string): DesktopFailure {
  return { ok: false, error: { code, message: message.slice(0, MAX_ERROR_MESSAGE_LENGTH) } };
}

export function isDesktopChannel(channel: unknown): channel is DesktopChannel {
  return (
    typeof channel === 'string' && Object.prototype.hasOwnProperty.call(DESKTOP_CHANNELS, channel)
  );
}
