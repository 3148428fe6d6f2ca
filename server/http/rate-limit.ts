/**
 * Token buckets in this process's memory: enough for one server. Replicas behind a load balancer
 * each keep their own, so the effective limit is per replica; a shared store (e.g. PostgreSQL or
 * Redis) would be needed for one limit across replicas.
 */
export interface BucketSpec {
  burst: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_KEYS = 100_000;

export class RateLimiter {
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
export class FailureCounter extends RateLimiter {
  /** Milliseconds until the key may fail again (0: it may now). */
  waitMs(key: string): number {
    const tokens = tokensNow(this.buckets, this.spec, key, this.now());
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.spec.perSecond) * 1000);
  }

  /** True when the key has no failure the bucket still remembers. */
  clean(key: string): boolean {
    return tokensNow(this.buckets, this.spec, key, this.now()) >= this.spec.burst;
  }
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
 * Counters live in this process's memory (as RateLimiter's do).
 */
export class LoginThrottle {
  private readonly attempts: RateLimiter;
  private readonly accounts: FailureCounter;
  private readonly addresses: FailureCounter;
  private readonly knownGood = new Map<string, number>();

  constructor(
    spec: LoginThrottleSpec,
    private readonly now: () => number = Date.now,
  ) {
    this.attempts = new RateLimiter(spec.attempts, now);
    this.accounts = new FailureCounter(spec.accountFailures, now);
    this.addresses = new FailureCounter(spec.addressFailures, now);
  }

  private static account(email: string): string {
    return email.trim().toLowerCase();
  }

  private known(address: string, account: string): boolean {
    const until = this.knownGood.get(`${address}\u0000${account}`);
    return until !== undefined && until > this.now();
  }

  /** 0 when the attempt may be checked, else the milliseconds to wait (answer 429). */
  admit(address: string, email: string): number {
    const account = LoginThrottle.account(email);
    const pairWait = this.attempts.take(`${address}\u0000${account}`);
    if (pairWait > 0) return pairWait;
    if (this.known(address, account)) return 0;
    const accountWait = this.accounts.waitMs(account);
    if (accountWait > 0) return accountWait;
    const addressWait = this.addresses.waitMs(address);
    if (addressWait > 0 && !this.accounts.clean(account)) return addressWait;
    return 0;
  }

  failed(address: string, email: string): void {
    const account = LoginThrottle.account(email);
    this.accounts.take(account);
    this.addresses.take(address);
  }

  succeeded(address: string, email: string): void {
    if (this.knownGood.size >= MAX_KNOWN_GOOD) {
      const now = this.now();
      for (const [key, until] of this.knownGood) if (until <= now) this.knownGood.delete(key);
      if (this.knownGood.size >= MAX_KNOWN_GOOD) this.knownGood.clear();
    }
    this.knownGood.set(
      `${address}\u0000${LoginThrottle.account(email)}`,
      this.now() + KNOWN_GOOD_MS,
    );
  }
}
