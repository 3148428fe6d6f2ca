/**
 * Server replicas: three server processes on one PostgreSQL database behind HAProxy (the
 * checked-in server/deploy/haproxy.cfg), 300 devices syncing through it, one process killed with
 * SIGKILL mid-run. Nothing a process keeps for itself may matter: no op is lost or applied twice,
 * every device ends with what its team pushed and it may see, and a device token's rate limit is
 * one limit across the processes (server/http/rate-limit.ts keeps it in PostgreSQL).
 * Needs DATABASE_URL (a database of its own is created and dropped) and haproxy on the PATH.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DATABASE_URL } from './harness';
import { runReplicas } from './replicas';

function haveHaproxy(): boolean {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = !DATABASE_URL || !haveHaproxy();

describe.skipIf(skip)(
  `3 replicas behind HAProxy${skip ? ' (SKIPPED: needs DATABASE_URL and haproxy)' : ''}`,
  () => {
    it('300 devices sync through 3 processes, one killed with SIGKILL mid-run: 0 ops lost, 0 applied twice, every device converged, one rate limit per token', async () => {
      const result = await runReplicas({
        databaseUrl: DATABASE_URL!,
        devices: 300,
        teams: 10,
        cycles: 3,
        opsPerPush: 3,
        concurrency: 30,
        killAt: 0.4,
      });
      expect(result.killedPid).not.toBeNull();
      expect(result.ops).toBe(300 * 3 * 3);
      expect(result.lost).toBe(0);
      expect(result.duplicated).toBe(0);
      expect(result.notConverged).toBe(0);
      expect(result.leaked).toBe(0);
      // One limit for the token whichever process answers: the burst plus what refilled while
      // the probe ran. Were the buckets per process, each of the three would let its own burst
      // through: all 360 requests would pass.
      expect(result.rate.ok + result.rate.limited).toBe(result.rate.sent);
      expect(result.rate.ok).toBeLessThanOrEqual(result.rate.allowedAtMost);
    }, 240_000);
  },
);
