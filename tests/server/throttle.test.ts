/**
 * Sign-in throttling per account as well as per address. Addresses are the request's remote
 * address (the server does not trust X-Forwarded-For), set per request here.
 */
import { expect, it } from 'vitest';
import { LIMITS } from '../../shared/sync/protocol';
import { describeBackends, HEADERS, newTeam, newUser, PASSWORD, type TestServer } from './harness';

async function signIn(s: TestServer, email: string, password: string, address: string) {
  const res = await s.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    remoteAddress: address,
    headers: HEADERS,
    payload: { email, password, deviceName: 'laptop' },
  });
  return res.statusCode;
}

describeBackends(
  'sign-in throttling',
  (server: () => TestServer) => {
    it('100 wrong passwords for one account from 50 addresses end in 429, the right one from a stranger too, while its owner still signs in where they always do', async () => {
      const s = server();
      const team = await newTeam(s);
      const victim = await newUser(s, team);
      // The owner signed in from the office before the attack.
      expect(await signIn(s, victim.email, PASSWORD, '10.1.0.1')).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++)
        statuses.push(await signIn(s, victim.email, `guess ${i}`, `10.2.0.${1 + (i % 50)}`));
      expect(statuses.filter((c) => c === 401).length).toBeLessThanOrEqual(
        LIMITS.loginFailuresPerAccount.burst + 1,
      );
      expect(statuses.slice(-50).every((c) => c === 429)).toBe(true);
      expect(await signIn(s, victim.email, PASSWORD, '10.3.0.1')).toBe(429);
      expect(await signIn(s, victim.email, PASSWORD, '10.1.0.1')).toBe(200);
      // Another account is not touched by the victim's lock.
      const bystander = await newUser(s, team);
      expect(await signIn(s, bystander.email, PASSWORD, '10.2.0.7')).toBe(200);
    });

    it('an address throttled for failures across accounts still signs in a rep whose own password has not failed', async () => {
      const s = server();
      const team = await newTeam(s);
      const office = '10.4.0.1';
      const statuses: number[] = [];
      for (let i = 0; i < LIMITS.loginFailuresPerAddress.burst + 3; i++)
        statuses.push(await signIn(s, `nobody-${i}@example.test`, 'wrong', office));
      // Each account had one guess; a second guess at any of them is refused.
      expect(await signIn(s, 'nobody-3@example.test', 'wrong', office)).toBe(429);
      const rep = await newUser(s, team);
      expect(await signIn(s, rep.email, PASSWORD, office)).toBe(200);
      expect(await signIn(s, rep.email, PASSWORD, office)).toBe(200);
    });
  },
  { loginRate: LIMITS.loginRate },
);
