import pg from 'pg';
import {
  beginStatement,
  type Db,
  type QueryOptions,
  type Transaction,
  type TransactionOptions,
} from './db';

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

/**
 * BEGIN followed by a parameterised statement in one pipeline (Parse, Bind, Execute of BEGIN, then
 * pg's own Parse, Bind, Describe, Execute of the statement, then one Sync): a transaction's first
 * round trip does both. Results arrive as an array: BEGIN's, then the statement's.
 */
class BeginThenStatement extends pg.Query {
  constructor(
    private readonly begin: string,
    config: pg.QueryConfig,
    callback: QueryCallback,
  ) {
    super(config, callback as never);
  }

  prepare(connection: WireConnection): void {
    connection.parse({ text: this.begin });
    connection.bind({});
    connection.execute({ portal: '', rows: 0 });
    (pg.Query.prototype as unknown as { prepare(c: WireConnection): void }).prepare.call(
      this,
      connection,
    );
  }
}

type QueryCallback = (error: Error | undefined, result: unknown) => void;

/**
 * Runs a pipelined query (two statements, one Sync), always over the extended protocol: that is
 * the path where the query classes above add their statement. pg hands the results over as an
 * array, one per statement.
 */
function pipelined(
  client: pg.PoolClient,
  make: (config: pg.QueryConfig, callback: QueryCallback) => pg.Query,
  sql: string,
  params: readonly unknown[],
): Promise<pg.QueryResult[]> {
  return new Promise((resolve, reject) => {
    const config = { text: sql, values: params as unknown[], queryMode: 'extended' };
    const query = make(config as pg.QueryConfig, (error, result) =>
      error ? reject(error) : resolve(Array.isArray(result) ? (result as pg.QueryResult[]) : []),
    );
    void client.query(query);
  });
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
    queryOptions: QueryOptions = {},
  ): Promise<{ rows: R[] }> {
    const result = await pool.query({
      text: sql,
      values: params as unknown[],
      ...(queryOptions.name ? { name: queryOptions.name } : {}),
    });
    return { rows: result.rows as R[] };
  }

  async function transaction<T>(
    fn: (tx: Transaction) => Promise<T>,
    txOptions?: TransactionOptions,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let begun = false;
      let committed = false;
      const begin = async (): Promise<void> => {
        if (begun) return;
        begun = true;
        await client.query(beginStatement(txOptions));
      };
      const tx: Transaction = {
        async query<R extends object>(
          sql: string,
          params: readonly unknown[] = [],
          queryOptions: QueryOptions = {},
        ) {
          const name = queryOptions.name ? { name: queryOptions.name } : {};
          if (begun) {
            const result = await client.query({ text: sql, values: params as unknown[], ...name });
            return { rows: result.rows as R[] };
          }
          // The transaction's first statement goes with its BEGIN: one round trip, not two.
          begun = true;
          const results = await pipelined(
            client,
            (config, callback) =>
              new BeginThenStatement(beginStatement(txOptions), { ...config, ...name }, callback),
            sql,
            params,
          );
          if (results[0]?.command !== 'BEGIN')
            throw new Error('the statement ran without BEGIN (pg changed its Query?)');
          return { rows: results[1]!.rows as R[] };
        },
        async exec(sql: string) {
          await begin();
          await client.query(sql);
        },
        async queryAndCommit<R extends object>(
          sql: string,
          params: readonly unknown[] = [],
          queryOptions: QueryOptions = {},
        ) {
          await begin();
          const name = queryOptions.name ? { name: queryOptions.name } : {};
          const results = await pipelined(
            client,
            (config, callback) =>
              new StatementThenCommit({ ...config, ...name }, callback as never),
            sql,
            params,
          );
          if (results[1]?.command !== 'COMMIT')
            throw new Error('the statement ran but COMMIT did not (pg changed its Query?)');
          committed = true;
          return { rows: results[0]!.rows as R[] };
        },
      };
      let broken = false;
      try {
        const value = await fn(tx);
        if (begun && !committed) await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          if (begun) await client.query('ROLLBACK');
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
