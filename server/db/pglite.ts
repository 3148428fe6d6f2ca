import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Transaction, TransactionOptions } from './db';
import { lockDataFolder, type LockHolder } from './lock';

/**
 * Embedded PostgreSQL in a data folder: zero set-up for a trial or a small team. PGlite runs one
 * connection; its own mutex queues queries behind an open transaction, so callers need no care.
 */
export async function openPglite(dataDir: string, holder: LockHolder = 'server'): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  // One process per folder (lock.ts): a second opener stops here, before touching the files.
  const lock = lockDataFolder(dataDir, holder);
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }

  async function query<R extends object>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<{ rows: R[] }> {
    const result = await db.query<R>(sql, params as unknown[]);
    return { rows: result.rows };
  }

  async function transaction<T>(
    fn: (tx: Transaction) => Promise<T>,
    options?: TransactionOptions,
  ): Promise<T> {
    return db.transaction(async (pgTx) => {
      if (options?.isolation)
        await pgTx.query(`SET TRANSACTION ISOLATION LEVEL ${options.isolation.toUpperCase()}`);
      if (options?.readOnly) await pgTx.query('SET TRANSACTION READ ONLY');
      const tx: Transaction = {
        async query<R extends object>(sql: string, params: readonly unknown[] = []) {
          const result = await pgTx.query<R>(sql, params as unknown[]);
          return { rows: result.rows };
        },
        // One connection, nobody waits on its locks: the statement, then COMMIT as `fn` returns.
        async queryAndCommit<R extends object>(sql: string, params: readonly unknown[] = []) {
          const result = await pgTx.query<R>(sql, params as unknown[]);
          return { rows: result.rows };
        },
        async exec(sql: string) {
          await pgTx.exec(sql);
        },
      };
      return fn(tx);
    });
  }

  async function exec(sql: string): Promise<void> {
    await db.exec(sql);
  }

  async function close(): Promise<void> {
    try {
      await db.close();
    } finally {
      lock.release();
    }
  }

  return { kind: 'pglite', query, exec, transaction, close };
}
