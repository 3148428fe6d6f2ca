/**
 * The storage seam's transactions (server/db): on PostgreSQL a transaction's first statement goes
 * with its BEGIN, and queryAndCommit sends the last one with its COMMIT, each in one round trip.
 * They must commit everything the transaction did, return the statements' rows, and leave nothing
 * behind when a statement fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend, freshDb, type FreshDb } from './harness';

describeEachBackend('queryAndCommit', (backend) => {
  let fresh: FreshDb;
  beforeAll(async () => {
    fresh = await freshDb(backend);
    await fresh.db.exec('CREATE TABLE t (x int PRIMARY KEY, note text)');
  });
  afterAll(async () => fresh.cleanup());

  it('commits the whole transaction with its last statement and returns that statement’s rows', async () => {
    const { db } = fresh;
    const rows = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES ($1, $2)', [1, 'first']);
      const last = await tx.queryAndCommit<{ x: number; note: string }>(
        'INSERT INTO t VALUES ($1::int, $2::text) RETURNING x, note',
        [2, "it's $1 and $$"],
      );
      return last.rows;
    });
    expect(rows).toEqual([{ x: 2, note: "it's $1 and $$" }]);
    // Seen from outside the transaction, on another connection where there is one.
    const { rows: all } = await db.query<{ x: number }>('SELECT x FROM t ORDER BY x');
    expect(all.map((r) => r.x)).toEqual([1, 2]);
    // The connection went back to the pool usable, not inside a transaction.
    const again = await db.transaction(async (tx) =>
      tx.queryAndCommit<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE x > $1::int', [0]),
    );
    expect(again.rows).toEqual([{ n: 2 }]);
  });

  it('a transaction whose first statement (sent with its BEGIN) fails leaves nothing and a usable pool', async () => {
    const { db } = fresh;
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1, $2)', [1, 'duplicate']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const seen = await db
      .transaction(async (tx) => {
        const first = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
        await tx.query('INSERT INTO t VALUES ($1, $2)', [9, 'rolled back']);
        throw new Error(`saw ${first.rows[0]!.n}`);
      })
      .catch((error: Error) => error.message);
    expect(seen).toBe('saw 2');
    const { rows } = await db.query<{ x: number }>('SELECT x FROM t ORDER BY x');
    expect(rows.map((r) => r.x)).toEqual([1, 2]);
  });

  it('a failing last statement commits nothing of the transaction', async () => {
    const { db } = fresh;
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1, $2)', [3, 'lost']);
        await tx.queryAndCommit('INSERT INTO t VALUES ($1::int, $2::text)', [1, 'duplicate']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const { rows } = await db.query<{ x: number }>('SELECT x FROM t ORDER BY x');
    expect(rows.map((r) => r.x)).toEqual([1, 2]);
  });
});
