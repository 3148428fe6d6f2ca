/**
 * Two server apps on one PostgreSQL database, each with its own memory, stand for two replica
 * processes: requests of one token and one team alternate between them. A token's rate limit and
 * the sign-in throttle are one count across them (kept in PostgreSQL: http/rate-limit.ts), and a
 * team's pushes through both get distinct versions in commit order with nothing lost (the team's
 * counter row decides, not the per-process gate). The full picture, with real processes, HAProxy
 * and a SIGKILL, is replicas.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { LIMITS, type PushResponse } from '../../shared/sync/protocol';
import {
  clientFields,
  createTestServer,
  DATABASE_URL,
  HEADERS,
  newTeam,
  newUser,
  pullAll,
  startReplica,
  TestDevice,
  type TestServer,
} from './harness';

const RATE = { burst: 10, perSecond: 0.001 };

describe.skipIf(!DATABASE_URL)('two replicas on one PostgreSQL', () => {
  let s: TestServer;
  let other: FastifyInstance;
  beforeAll(async () => {
    s = await createTestServer('postgres', { rate: RATE, loginRate: LIMITS.loginRate });
    other = await startReplica(s, { rate: RATE, loginRate: LIMITS.loginRate });
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await s?.close();
  });
  const apps = (): FastifyInstance[] => [s.app, other];

  it("a token's rate limit is one limit whichever replica answers", async () => {
    const team = await newTeam(s);
    const rep = await newUser(s, team);
    const statuses: number[] = [];
    for (let i = 0; i < 2 * RATE.burst; i++) {
      const res = await apps()[i % 2]!.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { ...HEADERS, authorization: `Bearer ${rep.token}` },
      });
      statuses.push(res.statusCode);
    }
    // The sign-in's own request took nothing from the device's bucket; the burst is shared.
    expect(statuses.filter((c) => c === 200)).toHaveLength(RATE.burst);
    expect(statuses.slice(RATE.burst).every((c) => c === 429)).toBe(true);
  });

  it('sign-in failures of one account count on every replica', async () => {
    const team = await newTeam(s);
    const victim = await newUser(s, team);
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.loginFailuresPerAccount.burst + 4; i++) {
      const res = await apps()[i % 2]!.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: `10.9.0.${1 + i}`,
        headers: HEADERS,
        payload: { email: victim.email, password: `guess ${i}`, deviceName: 'laptop' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((c) => c === 401)).toHaveLength(LIMITS.loginFailuresPerAccount.burst);
    expect(statuses.slice(-4)).toEqual([429, 429, 429, 429]);
  });

  it("one team's pushes through both replicas at once get distinct versions and all arrive", async () => {
    const team = await newTeam(s);
    const manager = await newUser(s, team, 'manager');
    const reps = await Promise.all(Array.from({ length: 6 }, () => newUser(s, team)));
    const pushes = reps.flatMap((rep, r) => {
      const device = new TestDevice();
      return [0, 1, 2].map((b) => ({ rep, r, b, device }));
    });
    // Each rep's three batches in order; the reps at once, alternating replicas.
    const results = await Promise.all(
      reps.map(async (rep, r) => {
        const mine = pushes.filter((p) => p.r === r);
        const out: PushResponse[] = [];
        for (const p of mine) {
          const ops = [0, 1, 2, 3].map(() => {
            const id = uuidv7();
            return p.device.op('clients', id, clientFields(id, { name: `r${r} b${p.b}` }));
          });
          const res = await apps()[(r + p.b) % 2]!.inject({
            method: 'POST',
            url: '/v1/push',
            headers: { ...HEADERS, authorization: `Bearer ${rep.token}` },
            payload: { epoch: null, deviceId: p.device.node, ops },
          });
          expect(res.statusCode, res.body).toBe(200);
          out.push(res.json<PushResponse>());
        }
        return out;
      }),
    );
    const versions = results.flat().flatMap((r) => r.results.map((x) => x.version));
    expect(versions.every((v) => typeof v === 'number')).toBe(true);
    expect(new Set(versions).size).toBe(6 * 3 * 4);
    const sorted = [...(versions as number[])].sort((a, b) => a - b);
    expect(sorted[sorted.length - 1]! - sorted[0]! + 1).toBe(6 * 3 * 4);
    const { records } = await pullAll(s, manager);
    expect(records.filter((r) => r.table === 'clients')).toHaveLength(6 * 3 * 4);
  });
});
