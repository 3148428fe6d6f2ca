/**
 * Token buckets: the per-token rate limit, sign-in throttling and the restore-evidence limiter.
 * Kept where every replica sees them: in PostgreSQL (`SqlBuckets`, table rate_buckets), so a
 * token's limit holds whichever process its requests land on. The embedded database is one
 * process by construction (db/lock.ts): its buckets stay in memory (`MemoryBuckets`), which also
 * spares PGlite's single connection a statement per request.
 */
import type { Db } from '../db/db';

export interface BucketSpec {
  burst: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_KEYS = 100_000;

class RateLimiter {
  protected readonly buckets = new Map<string, Bucket>();

  constructor(
    protected readonly spec: BucketSpec,
    protected readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when allowed, else the milliseconds until a token is back. */
  take(key: string): number {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_KEYS) this.sweep(now);
      bucket = { tokens: this.spec.burst, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(
      this.spec.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.spec.perSecond,
    );
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.spec.perSecond) * 1000);
  }

  /** Forgets buckets that have refilled: they hold no information. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.spec.perSecond >= this.spec.burst)
        this.buckets.delete(key);
    }
    if (this.buckets.size >= MAX_KEYS) this.buckets.clear();
  }
}

/** Tokens left in a bucket now, without taking one (a missing bucket is full). */
function tokensNow(
  buckets: Map<string, Bucket>,
  spec: BucketSpec,
  key: string,
  now: number,
): number {
  const bucket = buckets.get(key);
  if (!bucket) return spec.burst;
  return Math.min(spec.burst, bucket.tokens + ((now - bucket.at) / 1000) * spec.perSecond);
}

/** A RateLimiter that can also be asked, without taking, whether a key is spent or untouched. */
class FailureCounter extends RateLimiter {
  /** Milliseconds until the key may fail again (0: it may now). */
  waitMs(key: string): number {
    const tokens = tokensNow(this.buckets, this.spec, key, this.now());
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.spec.perSecond) * 1000);
  }

  /** Tokens in the key's bucket now (a missing bucket is full). */
  tokens(key: string): number {
    return tokensNow(this.buckets, this.spec, key, this.now());
  }

  /** True when the key has no failure the bucket still remembers. */
  clean(key: string): boolean {
    return tokensNow(this.buckets, this.spec, key, this.now()) >= this.spec.burst;
  }
}

/** A bucket's key: what it counts and for whom, unambiguous whatever the parts hold. */
export function bucketKey(kind: string, ...parts: string[]): string {
  return JSON.stringify([kind, ...parts]);
}

/** Where token buckets live: in this process (MemoryBuckets) or in the database (SqlBuckets). */
export interface BucketStore {
  /** Takes one token; resolves 0 when allowed, else the milliseconds until a token is back. */
  take(key: string, spec: BucketSpec): Promise<number>;
  /** Tokens in the bucket now, without taking one (a missing bucket is full). */
  peek(key: string, spec: BucketSpec): Promise<number>;
  /** Marks the key until `untilMs` (a known-good sign-in address). */
  mark(key: string, untilMs: number): Promise<void>;
  marked(key: string): Promise<boolean>;
}

/** Buckets in this process's memory: for the embedded database (one process) and unit tests. */
class MemoryBuckets implements BucketStore {
  private readonly limiters = new Map<string, FailureCounter>();
  private readonly marks = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  private limiter(spec: BucketSpec): FailureCounter {
    const id = `${spec.burst}/${spec.perSecond}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new FailureCounter(spec, this.now);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  take(key: string, spec: BucketSpec): Promise<number> {
    return Promise.resolve(this.limiter(spec).take(key));
  }

  peek(key: string, spec: BucketSpec): Promise<number> {
    return Promise.resolve(this.limiter(spec).tokens(key));
  }

  mark(key: string, untilMs: number): Promise<void> {
    if (this.marks.size >= MAX_KNOWN_GOOD) {
      const now = this.now();
      for (const [k, until] of this.marks) if (until <= now) this.marks.delete(k);
      if (this.marks.size >= MAX_KNOWN_GOOD) this.marks.clear();
    }
    this.marks.set(key, untilMs);
    return Promise.resolve();
  }

  marked(key: string): Promise<boolean> {
    const until = this.marks.get(key);
    return Promise.resolve(until !== undefined && until > this.now());
  }
}

const SWEEP_EVERY_MS = 60_000;
/** A bucket's tokens at $4 (now), from its row `b`; $2 burst, $3 per second. */
const REFILLED =
  'LEAST($2::float8, b.tokens + GREATEST(0, $4::bigint - b.at) / 1000.0 * $3::float8)';

/**
 * Buckets in PostgreSQL, one row per key, shared by every replica over the database: a take is
 * one statement (an upsert under the key's row lock, so two processes taking at once both count).
 * Times are this process's clock (`now`), as in memory; replicas' clocks differ by little, and a
 * bucket's time never goes back. Rows of full buckets and expired marks are swept now and then.
 */
class SqlBuckets implements BucketStore {
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    this.db
      .query('DELETE FROM rate_buckets WHERE full_at < $1', [now])
      .catch(() => undefined /* the next sweep tries again */);
  }

  async take(key: string, spec: BucketSpec): Promise<number> {
    const now = this.now();
    this.sweep(now);
    // refilled: the bucket's tokens at `now`; a token is taken when there is a whole one.
    const { rows } = await this.db.query<{ tokens: number; ok: boolean }>(
      `INSERT INTO rate_buckets AS b (key, tokens, at, full_at, ok)
       VALUES ($1, $2::float8 - 1, $4::bigint, $4::bigint + ceil(1000 / $3::float8)::bigint, true)
       ON CONFLICT (key) DO UPDATE SET
         tokens = ${REFILLED} - CASE WHEN ${REFILLED} >= 1 THEN 1 ELSE 0 END,
         ok = ${REFILLED} >= 1,
         at = GREATEST($4::bigint, b.at),
         full_at = GREATEST($4::bigint, b.at) + ceil(($2::float8 - ${REFILLED}
           + CASE WHEN ${REFILLED} >= 1 THEN 1 ELSE 0 END) * 1000 / $3::float8)::bigint
       RETURNING b.tokens, b.ok`,
      [key, spec.burst, spec.perSecond, now],
      { name: 'rate-take' },
    );
    const row = rows[0]!;
    if (row.ok) return 0;
    return Math.max(1, Math.ceil(((1 - Number(row.tokens)) / spec.perSecond) * 1000));
  }

  async peek(key: string, spec: BucketSpec): Promise<number> {
    const now = this.now();
    const { rows } = await this.db.query<{ tokens: number; at: string }>(
      'SELECT tokens, at FROM rate_buckets WHERE key = $1',
      [key],
    );
    const row = rows[0];
    if (!row) return spec.burst;
    return Math.min(
      spec.burst,
      Number(row.tokens) + (Math.max(0, now - Number(row.at)) / 1000) * spec.perSecond,
    );
  }

  async mark(key: string, untilMs: number): Promise<void> {
    await this.db.query(
      `INSERT INTO rate_buckets (key, tokens, at, full_at) VALUES ($1, 0, $2, $3)
       ON CONFLICT (key) DO UPDATE SET at = EXCLUDED.at, full_at = GREATEST(rate_buckets.full_at, EXCLUDED.full_at)`,
      [key, this.now(), untilMs],
    );
  }

  async marked(key: string): Promise<boolean> {
    const { rows } = await this.db.query(
      'SELECT 1 FROM rate_buckets WHERE key = $1 AND full_at > $2',
      [key, this.now()],
    );
    return rows.length > 0;
  }
}

/** The store for a database: PostgreSQL's table, shared by replicas; memory for the embedded one. */
export function bucketStoreFor(db: Db, now: () => number = Date.now): BucketStore {
  return db.kind === 'postgres' ? new SqlBuckets(db, now) : new MemoryBuckets(now);
}

export interface LoginThrottleSpec {
  /** Attempts (any outcome) per address and account: bounds the hashing one pair causes. */
  attempts: BucketSpec;
  /** Failures per account, from any address. */
  accountFailures: BucketSpec;
  /** Failures per address, across accounts. */
  addressFailures: BucketSpec;
}

const KNOWN_GOOD_MS = 30 * 24 * 3600 * 1000;
const MAX_KNOWN_GOOD = 100_000;

function waitFor(tokens: number, spec: BucketSpec): number {
  return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / spec.perSecond) * 1000);
}

/**
 * Sign-in throttling per account as well as per address, so that guessing one account from many
 * addresses stops, and yet one address (an office behind one public address) does not lock out
 * everyone behind it:
 * - an account that failed too often is refused from every address, except from addresses it
 *   signed in from successfully in the last 30 days (its owner keeps signing in at the office
 *   while someone elsewhere guesses);
 * - an address that failed too often, across accounts, is refused only for accounts that have a
 *   recent failure themselves: one guess per account, no more, while a rep whose password has not
 *   failed signs in from that address as usual;
 * - every (address, account) pair has its own attempt bucket.
 * Counters live in a BucketStore: in PostgreSQL, one count for all replicas.
 */
export class LoginThrottle {
  constructor(
    private readonly spec: LoginThrottleSpec,
    private readonly store: BucketStore,
    private readonly now: () => number = Date.now,
  ) {}

  private static account(email: string): string {
    return email.trim().toLowerCase();
  }

  /** 0 when the attempt may be checked, else the milliseconds to wait (answer 429). */
  async admit(address: string, email: string): Promise<number> {
    const account = LoginThrottle.account(email);
    const pairWait = await this.store.take(
      bucketKey('login-pair', address, account),
      this.spec.attempts,
    );
    if (pairWait > 0) return pairWait;
    if (await this.store.marked(bucketKey('login-good', address, account))) return 0;
    const accountTokens = await this.store.peek(
      bucketKey('login-account', account),
      this.spec.accountFailures,
    );
    const accountWait = waitFor(accountTokens, this.spec.accountFailures);
    if (accountWait > 0) return accountWait;
    const addressWait = waitFor(
      await this.store.peek(bucketKey('login-address', address), this.spec.addressFailures),
      this.spec.addressFailures,
    );
    if (addressWait > 0 && accountTokens < this.spec.accountFailures.burst) return addressWait;
    return 0;
  }

  async failed(address: string, email: string): Promise<void> {
    const account = LoginThrottle.account(email);
    await this.store.take(bucketKey('login-account', account), this.spec.accountFailures);
    await this.store.take(bucketKey('login-address', address), this.spec.addressFailures);
  }

  async succeeded(address: string, email: string): Promise<void> {
    await this.store.mark(
      bucketKey('login-good', address, LoginThrottle.account(email)),
      this.now() + KNOWN_GOOD_MS,
    );
  }
}
