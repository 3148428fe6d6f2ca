/**
 * The one storage seam of the server: PostgreSQL through `pg`, or embedded PGlite, behind the same
 * two calls. SQL is written once, for PostgreSQL; both backends run it unchanged.
 */
type Row = Record<string, unknown>;

export interface QueryOptions {
  /** A name unique to this SQL text. */
  name?: string;
}

export interface Queryable {
  /**
   * `options.name` makes it a prepared statement on PostgreSQL (parsed once per connection, its
   * plan cached): for the hot statements of every request (sign-in check, a push's first
   * statement, a pull page), whose planning cost as much as running them. Never for one whose
   * plan must see its parameters (a push's write parses its JSON while planning, before it takes
   * the team's counter). PGlite ignores it.
   */
  query<R extends object = Row>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<{ rows: R[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface TransactionOptions {
  /** Pull reads under repeatable read so its rows and the team counter come from one snapshot. */
  isolation?: 'read committed' | 'repeatable read';
  readOnly?: boolean;
}

/** The queries of one open transaction. */
export interface Transaction extends Queryable {
  /**
   * The transaction's last statement and its COMMIT in one round trip where the driver allows
   * (PostgreSQL: both sent before one Sync, postgres.ts). The
   * locks the transaction holds are released as soon as the database is done, not once this
   * process's event loop has read the statement's answer and sent COMMIT: for a push, that is the
   * team's version counter, which every other push of the team waits for. Nothing may run in the
   * transaction after it; `transaction` then commits nothing more.
   */
  queryAndCommit<R extends object = Row>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<{ rows: R[] }>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

export function beginStatement(options: TransactionOptions = {}): string {
  const parts = ['BEGIN'];
  if (options.isolation) parts.push(`ISOLATION LEVEL ${options.isolation.toUpperCase()}`);
  if (options.readOnly) parts.push('READ ONLY');
  return parts.join(' ');
}

/** Timestamps come back as Date from one driver and as text from the other. */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
