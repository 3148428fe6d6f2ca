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
import type { Transaction } from 'dexie';
import type { FieldbookDb } from './db';
import { takeStamp, type WriteStamp } from './device';
import { keepEditBase } from './editBase';

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

function validate<T extends SyncedTable>(name: T, record: unknown): RecordOf<T> {
  const result = SYNCED_SCHEMAS[name].safeParse(record);
  if (!result.success) throw new ValidationError(name, result.error.issues);
  return result.data as RecordOf<T>;
}

/** A record's synced fields: what an outbox row carries (everything but the bookkeeping). */
function syncedFields(record: object): Record<string, unknown> {
  const fields = { ...(record as Record<string, unknown>) };
  for (const key of SYSTEM) delete fields[key];
  return fields;
}

/** One outbox row, before its sequence number is known. */
interface PendingOp {
  table: SyncedTable;
  rowId: string;
  fields: Record<string, unknown>;
  baseVersion: number;
}

export interface NewRecordOptions {
  /** Keep the item's own `createdAt` when it lies in the past (demo data, imported history). */
  keepCreatedAt?: boolean;
}

/**
 * Writes many records inside the caller's read-write transaction (over the tables written,
 * `outbox` and `meta`) under one clock stamp: `create` and `update` build and validate a record
 * and its outbox row in memory at once and return it; `flush` writes what was queued with one
 * bulkAdd/bulkPut per table and one for the outbox, numbering the outbox rows without gaps.
 * Nothing queued is written until `flush`; a batch that queued nothing consumes no sequence
 * number (the server stops at gaps).
 */
export class WriteBatch {
  private adds = new Map<SyncedTable, object[]>();
  private puts = new Map<SyncedTable, object[]>();
  private ops: PendingOp[] = [];
  /** The first outbox row's sequence number, taken by the first flush. */
  private firstSeq: number | null = null;
  private firstSeqTaken: Promise<number> | null = null;
  /** Outbox rows numbered so far. */
  private assigned = 0;

  constructor(
    private readonly db: FieldbookDb,
    readonly stamp: WriteStamp,
    private readonly now: () => number,
  ) {}

  /** Builds and validates a new record without queueing it (see `add`). */
  build<T extends SyncedTable>(
    name: T,
    item: Editable<T> & { id?: string },
    options: NewRecordOptions = {},
  ): RecordOf<T> {
    const stamp = this.stamp;
    const editable = { ...(item as Record<string, unknown>) };
    const id = typeof editable.id === 'string' ? editable.id : uuidv7(this.now());
    const own = editable.createdAt;
    const createdAt =
      options.keepCreatedAt && typeof own === 'string' && own < stamp.nowIso ? own : stamp.nowIso;
    for (const key of SYSTEM) delete editable[key];
    const stamps: Record<string, string> = {};
    for (const key in editable) stamps[key] = stamp.hlc;
    stamps.deletedAt = stamp.hlc;
    return validate(name, {
      deletedAt: null,
      ...editable,
      id,
      ownerId: stamp.repId,
      createdAt,
      updatedAt: stamp.nowIso,
      stamps,
      serverVersion: 0,
    });
  }

  /** Queues a built record and its outbox row. */
  add<T extends SyncedTable>(name: T, record: RecordOf<T>): void {
    let list = this.adds.get(name);
    if (!list) this.adds.set(name, (list = []));
    list.push(record);
    this.ops.push({ table: name, rowId: record.id, fields: syncedFields(record), baseVersion: 0 });
  }

  /** Builds, validates and queues a new record; an id of the caller's must not exist yet. */
  create<T extends SyncedTable>(
    name: T,
    item: Editable<T> & { id?: string },
    options: NewRecordOptions = {},
  ): RecordOf<T> {
    const record = this.build(name, item, options);
    this.add(name, record);
    return record;
  }

  /**
   * Queues the changed fields of `existing` (as read in this transaction); null when nothing
   * changes, which writes nothing and adds no outbox row. A text edit of a row the server has
   * keeps the server's text as the edit's base first (keepEditBase), so await it before the next
   * update of the same row.
   */
  async update<T extends SyncedTable>(
    name: T,
    existing: RecordOf<T>,
    patch: Partial<Editable<T>> & { deletedAt?: string | null },
  ): Promise<RecordOf<T> | null> {
    const changed = changedFields(existing, patch);
    if (changed === null) return null;
    await keepEditBase(
      this.db,
      name,
      existing as RecordOf<T> & Record<string, unknown>,
      Object.keys(changed),
    );
    const stamps = { ...existing.stamps };
    for (const key in changed) stamps[key] = this.stamp.hlc;
    const record = validate(name, {
      ...existing,
      ...changed,
      stamps,
      updatedAt: this.stamp.nowIso,
    });
    let list = this.puts.get(name);
    if (!list) this.puts.set(name, (list = []));
    list.push(record);
    this.ops.push({
      table: name,
      rowId: record.id,
      fields: changed,
      baseVersion: existing.serverVersion,
    });
    return record;
  }

  /** How many outbox rows are queued and not yet written. */
  get queued(): number {
    return this.ops.length;
  }

  /**
   * Writes everything queued since the last flush. Once the first flush has numbered its outbox
   * rows, a flush issues its writes before it returns (so the caller may build the next batch
   * while IndexedDB works, and call flush again before this one settles).
   */
  flush(): Promise<void> {
    if (this.ops.length === 0) return Promise.resolve();
    const { adds, puts, ops } = this;
    this.adds = new Map();
    this.puts = new Map();
    this.ops = [];
    const offset = this.assigned;
    this.assigned += ops.length;
    if (this.firstSeq !== null) return this.write(this.firstSeq + offset, adds, puts, ops);
    this.firstSeqTaken ??= this.stamp.nextSeq().then((seq) => (this.firstSeq = seq));
    return this.firstSeqTaken.then((first) => this.write(first + offset, adds, puts, ops));
  }

  private write(
    first: number,
    adds: Map<SyncedTable, object[]>,
    puts: Map<SyncedTable, object[]>,
    ops: PendingOp[],
  ): Promise<void> {
    const stamp = this.stamp;
    const writes: Promise<unknown>[] = [];
    for (const [table, records] of adds) writes.push(this.db.table(table).bulkAdd(records));
    for (const [table, records] of puts) writes.push(this.db.table(table).bulkPut(records));
    writes.push(
      this.db.outbox.bulkAdd(
        ops.map((op, i) => ({
          seq: first + i,
          opId: uuidv7(this.now()),
          deviceId: stamp.deviceId,
          hlc: stamp.hlc,
          table: op.table,
          rowId: op.rowId,
          fields: op.fields,
          baseVersion: op.baseVersion,
          createdAt: stamp.nowIso,
        })),
      ),
      stamp.advanceSeqTo(first + ops.length - 1),
    );
    return Promise.all(writes).then(() => undefined);
  }
}

/** The patch's fields that differ from the record's (bookkeeping fields ignored), or null. */
function changedFields(
  existing: object,
  patch: Record<string, unknown>,
): Record<string, unknown> | null {
  const current = existing as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  let any = false;
  for (const [key, value] of Object.entries(patch)) {
    if (SYSTEM.has(key) || value === undefined) continue;
    if (!sameValue(current[key], value)) {
      changed[key] = value;
      any = true;
    }
  }
  return any ? changed : null;
}

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

  /**
   * A batch of writes under one clock stamp (see WriteBatch). Call inside a read-write
   * transaction over the tables to be written, `outbox` and `meta`.
   */
  async batch(tx: Transaction): Promise<WriteBatch> {
    return new WriteBatch(this.db, await takeStamp(this.db, tx, this.now), this.now);
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
        const batch = await this.batch(tx);
        const record = batch.build(name, { ...fields, id });
        if (await this.table(name).get(id)) throw new Error(`${name} ${id} already exists`);
        batch.add(name, record);
        await batch.flush();
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
    options: { skipExisting?: boolean } & NewRecordOptions = {},
  ): Promise<RecordOf<T>[]> {
    return this.db.transaction(
      'rw',
      [this.table(name), this.db.outbox, this.db.meta],
      async (tx) => {
        const batch = await this.batch(tx);
        const records = items.map((item) => batch.build(name, item, options));
        const existing = await this.table(name).bulkGet(records.map((r) => r.id));
        const fresh = records.filter((_, i) => existing[i] === undefined);
        if (fresh.length < records.length && !options.skipExisting) {
          throw new Error(`${records.length - fresh.length} ${name} records already exist`);
        }
        for (const record of fresh) batch.add(name, record);
        await batch.flush();
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
        const existing = await this.table(name).get(id);
        if (!existing) throw new NotFoundError(name, id);
        // No stamp (and no clock write) when nothing changes.
        if (changedFields(existing, patch) === null) return existing;
        const batch = await this.batch(tx);
        const record = (await batch.update(name, existing, patch))!;
        await batch.flush();
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
