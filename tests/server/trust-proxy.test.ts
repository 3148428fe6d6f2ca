/**
 * Behind a load balancer every connection comes from the balancer: the sign-in throttle must count
 * the client's address, which the balancer names in X-Forwarded-For (server/deploy/haproxy.cfg,
 * `option forwardfor`), and believe that header from the balancer only (TRUST_PROXY). Otherwise
 * an account locked for failures would be open to anyone from the address its owner signed in
 * from: the balancer's.
 */
import { expect, it } from 'vitest';
import { LIMITS } from '../../shared/sync/protocol';
import { describeBackends, HEADERS, newTeam, newUser, PASSWORD, type TestServer } from './harness';

const BALANCER = '127.0.0.1';

async function signIn(
  s: TestServer,
  email: string,
  password: string,
  connection: string,
  forwardedFor?: string,
): Promise<number> {
  const res = await s.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    remoteAddress: connection,
    headers: { ...HEADERS, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    payload: { email, password, deviceName: 'laptop' },
  });
  return res.statusCode;
}

describeBackends(
  'sign-in behind a trusted load balancer',
  (server: () => TestServer) => {
    it("counts the client's address from the balancer's X-Forwarded-For, and nobody else's", async () => {
      const s = server();
      const team = await newTeam(s);
      const victim = await newUser(s, team);
      expect(await signIn(s, victim.email, PASSWORD, BALANCER, '10.1.0.1')).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i <= LIMITS.loginFailuresPerAccount.burst; i++)
        statuses.push(await signIn(s, victim.email, `guess ${i}`, BALANCER, `10.2.0.${1 + i}`));
      expect(statuses.at(-1)).toBe(429);
      // Through the balancer, the guesser is not at the owner's address: still refused.
      expect(await signIn(s, victim.email, PASSWORD, BALANCER, '10.2.0.99')).toBe(429);
      // A client that names the owner's address itself, not through the balancer, is not believed.
      expect(await signIn(s, victim.email, PASSWORD, '10.5.0.1', '10.1.0.1')).toBe(429);
      // The owner, through the balancer from their usual address, signs in.
      expect(await signIn(s, victim.email, PASSWORD, BALANCER, '10.1.0.1')).toBe(200);
    });
  },
  { trustProxy: BALANCER, loginRate: LIMITS.loginRate },
);
