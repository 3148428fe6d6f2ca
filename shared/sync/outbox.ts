import { z } from 'zod';
import { HlcSchema, IdSchema } from '../domain/common';
import { SYNCED_TABLES, type SyncedTable } from '../domain';

/**
 * One local change waiting for the server. Written in the same transaction as the record it
 * describes; removed only after the server acknowledged its op id.
 */
export const OutboxOpSchema = z.object({
  /** Per-device sequence, 1, 2, 3…: the server applies in order and stops at a gap. */
  seq: z.number().int().positive(),
  opId: IdSchema,
  deviceId: z.string().regex(/^[0-9a-f]{16}$/),
  hlc: HlcSchema,
  table: z.enum(SYNCED_TABLES as [SyncedTable, ...SyncedTable[]]),
  rowId: IdSchema,
  /** The changed fields and their new values (a create carries every field). */
  fields: z.record(z.string(), z.unknown()),
  /** The server version of the row this change was made on (0: the row is new to the server). */
  baseVersion: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type OutboxOp = z.infer<typeof OutboxOpSchema>;
