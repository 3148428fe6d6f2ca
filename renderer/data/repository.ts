/**
 * The only writers of synced records. Each write is one read-write transaction that validates the
 * whole record with its shared schema, stamps every changed field with the hybrid logical clock and
 * appends an outbox row; both land or neither does.
 */
import type { z } from 'zod';
import {
  SYNCED_SCHEMAS,
  SYSTEM_FIELDS,
  type RecordOf,
  type SyncedTable,
} from '../../shared/domain';
import { uuidv7 } from '../../shared/ids';
import type { FieldbookDb } from './db';
import { takeStamp, type WriteStamp } from './device';

/** What a rep may set on a record: everything but the bookkeeping fields. */
export type Editable<T extends SyncedTable> = Omit<RecordOf<T>, (typeof SYSTEM_FIELDS)[number]>;

export class ValidationError extends Error {
  readonly code = 'validation';
  constructor(
    readonly table: SyncedTable,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `Invalid ${table} record: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
}

export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(table: SyncedTable, id: string) {
    super(`No ${table} record ${id}`);
  }
}

export interface RepositoryOptions {
  now?: () => number;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

const SYSTEM = new Set<string>(SYSTEM_FIELDS);

export class Repository {
  private readonly now: () => number;

  constructor(
    readonly db: FieldbookDb,
    options: RepositoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  private table<T extends SyncedTable>(name: T) {
    return this.db.table<RecordOf<T>, string>(name);
  }

  private validate<T extends SyncedTable>(name: T, record: unknown): RecordOf<T> {
    const result = SYNCED_SCHEMAS[name].safeParse(record);
    if (!result.success) throw new ValidationError(name, result.error.issues);
    return result.data as RecordOf<T>;
  }

  private async appendOutbox(
    stamp: WriteStamp,
    table: SyncedTable,
    rowId: string,
    fields: Record<string, unknown>,
    baseVersion: number,
  ): Promise<void> {
    await this.db.outbox.add({
      seq: await stamp.nextSeq(),
      opId: uuidv7(this.now()),
      deviceId: stamp.deviceId,
      hlc: stamp.hlc,
      table,
      rowId,
      fields,
      baseVersion,
      createdAt: stamp.nowIso,
    });
  }

  /** Creates a record; `id` may be given (e.g. a visit that the URL already names). */
  async create<T extends SyncedTable>(
    name: T,
    fields: Editable<T>,
    id: string = uuidv7(this.now()),
  ): Promise<RecordOf<T>> {
    return this.db.transaction(
      'rw',
      [this.table(name), this.db.outbox, this.db.meta],
      async (tx) => {
        const stamp = await takeStamp(this.db, tx, this.now);
        const editable = { ...(fields as Record<string, unknown>) };
        for (const key of SYSTEM) delete editable[key];
        const stamps: Record<string, string> = {};
        for (const key of [...Object.keys(editable), 'deletedAt']) stamps[key] = stamp.hlc;
        const record = this.validate(name, {
          deletedAt: null,
          ...editable,
          id,
          ownerId: stamp.repId,
          createdAt: stamp.nowIso,
          updatedAt: stamp.nowIso,
          stamps,
          serverVersion: 0,
        });
        if (await this.table(name).get(id)) throw new Error(`${name} ${id} already exists`);
        await this.table(name).add(record);
        const {
          id: _id,
          ownerId: _o,
          createdAt: _c,
          updatedAt: _u,
          stamps: _s,
          serverVersion: _v,
          ...synced
        } = record as Record<string, unknown>;
        await this.appendOutbox(stamp, name, id, synced, 0);
        return record;
      },
    );
  }

  /**
   * Creates many records in one transaction (imports, demo data): one clock stamp for the batch,
   * one outbox row per record. Every record is validated before anything is written; one invalid
   * record refuses the whole batch. With `skipExisting`, ids already present are left alone.
   * With `keepCreatedAt`, a record's own `createdAt` is kept when it lies in the past (demo data and
   * imported history: a note written last spring must not look written today).
   */
  async createMany<T extends SyncedTable>(
    name: T,
    items: (Editable<T> & { id?: string })[],
    options: { skipExisting?: boolean; keepCreatedAt?: boolean } = {},
  ): Promise<RecordOf<T>[]> {
    return this.db.transaction(
      'rw',
      [this.table(name), this.db.outbox, this.db.meta],
      async (tx) => {
        const stamp = await takeStamp(this.db, tx, this.now);
        const records = items.map((item) => {
          const editable = { ...(item as Record<string, unknown>) };
          const id = typeof editable.id === 'string' ? editable.id : uuidv7(this.now());
          const own = editable.createdAt;
          const createdAt =
            options.keepCreatedAt && typeof own === 'string' && own < stamp.nowIso
              ? own
              : stamp.nowIso;
          for (const key of SYSTEM) delete editable[key];
          const stamps: Record<string, string> = {};
          for (const key of [...Object.keys(editable), 'deletedAt']) stamps[key] = stamp.hlc;
          return this.validate(name, {
            deletedAt: null,
            ...editable,
            id,
            ownerId: stamp.repId,
            createdAt,
            updatedAt: stamp.nowIso,
            stamps,
            serverVersion: 0,
          });
        });
        const existing = await this.table(name).bulkGet(records.map((r) => r.id));
        const fresh = records.filter((_, i) => existing[i] === undefined);
        if (fresh.length < records.length && !options.skipExisting) {
          throw new Error(`${records.length - fresh.length} ${name} records already exist`);
        }
        if (fresh.length === 0) return fresh; // consume no sequence number: the server stops at gaps
        await this.table(name).bulkAdd(fresh);
        const firstSeq = await stamp.nextSeq();
        await stamp.advanceSeqTo(firstSeq + fresh.length - 1);
        await this.db.outbox.bulkAdd(
          fresh.map((record, i) => {
            const {
              id,
              ownerId: _o,
              createdAt: _c,
              updatedAt: _u,
              stamps: _s,
              serverVersion: _v,
              ...fields
            } = record as Record<string, unknown>;
            return {
              seq: firstSeq + i,
              opId: uuidv7(this.now()),
              deviceId: stamp.deviceId,
              hlc: stamp.hlc,
              table: name,
              rowId: id as string,
              fields,
              baseVersion: 0,
              createdAt: stamp.nowIso,
            };
          }),
        );
        return fresh;
      },
    );
  }

  /** Changes the given fields; unchanged values write nothing and add no outbox row. */
  async update<T extends SyncedTable>(
    name: T,
    id: string,
    patch: Partial<Editable<T>> & { deletedAt?: string | null },
  ): Promise<RecordOf<T>> {
    return this.db.transaction(
      'rw',
      [this.table(name), this.db.outbox, this.db.meta],
      async (tx) => {
        const existing = (await this.table(name).get(id)) as
          (RecordOf<T> & Record<string, unknown>) | undefined;
        if (!existing) throw new NotFoundError(name, id);
        const changed: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(patch)) {
          if (SYSTEM.has(key) || value === undefined) continue;
          if (!sameValue(existing[key], value)) changed[key] = value;
        }
        if (Object.keys(changed).length === 0) return existing;
        const stamp = await takeStamp(this.db, tx, this.now);
        const stamps = { ...existing.stamps };
        for (const key of Object.keys(changed)) stamps[key] = stamp.hlc;
        const record = this.validate(name, {
          ...existing,
          ...changed,
          stamps,
          updatedAt: stamp.nowIso,
        });
        await this.table(name).put(record);
        await this.appendOutbox(stamp, name, id, changed, existing.serverVersion);
        return record;
      },
    );
  }

  /** Moves a record to the trash; the rep never hard-deletes. */
  async trash(name: SyncedTable, id: string): Promise<void> {
    await this.update(name, id, { deletedAt: new Date(this.now()).toISOString() } as never);
  }

  async restore(name: SyncedTable, id: string): Promise<void> {
    await this.update(name, id, { deletedAt: null } as never);
  }
}
