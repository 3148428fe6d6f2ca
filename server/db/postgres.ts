import pg from 'pg';
import { beginStatement, type Db, type Transaction, type TransactionOptions } from './db';

/** Postgres error codes worth one more try: serialization failure and deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
/**
 * A unique violation on these is a race another transaction won, and the next try sees its row:
 * a push inserts rows that did not exist when it locked its rows (sync/batch-sql.ts).
 */
const RETRYABLE_CONSTRAINTS = new Set(['records_pkey']);

function retryable(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code && RETRYABLE.has(code)) return true;
  return code === '23505' && constraint !== undefined && RETRYABLE_CONSTRAINTS.has(constraint);
}
const MAX_ATTEMPTS = 3;

// bigint (int8) as a JS number: versions and sequences stay far below 2^53.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** The few calls of pg's wire connection that StatementThenCommit makes. */
interface WireConnection {
  execute(config: { portal?: string; rows?: number }): void;
  parse(config: { text: string }): void;
  bind(config: object): void;
  sync(): void;
}

/**
 * A parameterised statement followed by COMMIT in one pipeline: Parse, Bind, Describe, Execute of
 * the statement, then Parse, Bind, Execute of COMMIT, then one Sync. PostgreSQL commits as soon as
 * the statement is done, with no round trip through this process; if the statement fails, it
 * skips the COMMIT up to the Sync and the transaction is left for ROLLBACK. pg's Query does the
 * rest (its results arrive as an array: the statement's, then COMMIT's). `_getRows` is where pg's
 * Query sends Execute and Sync (pg 8); the server tests on PostgreSQL run every push through it.
 */
class StatementThenCommit extends pg.Query {
  _getRows(connection: WireConnection, rows: number | undefined): void {
    connection.execute({ portal: '', rows: rows ?? 0 });
    connection.parse({ text: 'COMMIT' });
    connection.bind({});
    connection.execute({ portal: '', rows: 0 });
    connection.sync();
  }
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema to run in (tests give each suite its own). */
  schema?: string;
  maxConnections?: number;
}

export function openPostgres(options: PostgresOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 20,
    types,
    // JIT compiling pays off for analytics, not for short sync statements: it only adds latency.
    options: ['-c jit=off', ...(options.schema ? [`-c search_path=${options.schema}`] : [])].join(
      ' ',
    ),
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);

  async function query<R extends object>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<{ rows: R[] }> {
    const result = await pool.query(sql, params as unknown[]);
    return { rows: result.rows as R[] };
  }

  async function transaction<T>(
    fn: (tx: Transaction) => Promise<T>,
    txOptions?: TransactionOptions,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let committed = false;
      const tx: Transaction = {
        async query<R extends object>(sql: string, params: readonly unknown[] = []) {
          const result = await client.query(sql, params as unknown[]);
          return { rows: result.rows as R[] };
        },
        async exec(sql: string) {
          await client.query(sql);
        },
        async queryAndCommit<R extends object>(sql: string, params: readonly unknown[] = []) {
          const results = await new Promise<pg.QueryResult[]>((resolve, reject) => {
            void client.query(
              new StatementThenCommit(
                // Extended protocol even without parameters: that is the path that sends COMMIT.
                { text: sql, values: params as unknown[], queryMode: 'extended' } as pg.QueryConfig,
                // pg hands a multi-statement query's results over as an array.
                (error, result) =>
                  error ? reject(error) : resolve(result as unknown as pg.QueryResult[]),
              ),
            );
          });
          if (!Array.isArray(results) || results[1]?.command !== 'COMMIT')
            throw new Error('the statement ran but COMMIT did not (pg changed its Query?)');
          committed = true;
          return { rows: results[0]!.rows as R[] };
        },
      };
      let broken = false;
      try {
        await client.query(beginStatement(txOptions));
        const value = await fn(tx);
        if (!committed) await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        if (!committed && retryable(error) && attempt < MAX_ATTEMPTS) continue;
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  async function exec(sql: string): Promise<void> {
    await pool.query(sql);
  }

  return { kind: 'postgres', query, exec, transaction, close: () => pool.end() };
}
