import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamResponseSchema } from '../../shared/sync/protocol';
import { disableUser } from '../../server/accounts/accounts';
import { BUILD_HINT, WEB_APP_CSP } from '../../server/http/web-app';
import {
  api,
  createTestServer,
  describeBackends,
  newTeam,
  newUser,
  type TestServer,
  type TestUser,
} from './harness';

describeBackends('team names', (server: () => TestServer) => {
  let rep: TestUser, other: TestUser, manager: TestUser, outsider: TestUser;
  beforeAll(async () => {
    const s = server();
    const team = await newTeam(s);
    [rep, other, manager] = [
      await newUser(s, team),
      await newUser(s, team),
      await newUser(s, team, 'manager'),
    ];
    outsider = await newUser(s, await newTeam(s));
  });

  it("every device learns the names of its own team's people, and only those; a disabled person keeps their name", async () => {
    await disableUser(server().db, other.email);
    const res = await api(server(), 'GET', '/v1/team', rep.token);
    expect(res.status).toBe(200);
    const body = TeamResponseSchema.parse(res.body);
    const byId = new Map(body.members.map((m) => [m.id, m]));
    expect(byId.get(rep.id)).toMatchObject({
      name: `User ${rep.email}`,
      role: 'rep',
      active: true,
    });
    expect(byId.get(manager.id)).toMatchObject({ role: 'manager' });
    expect(byId.get(other.id)).toMatchObject({ active: false });
    expect(byId.has(outsider.id)).toBe(false);
  });

  it('a manager also learns when each person last reached the server; a rep does not', async () => {
    const asRep = TeamResponseSchema.parse(
      (await api(server(), 'GET', '/v1/team', rep.token)).body,
    );
    expect(asRep.members.every((m) => m.lastSyncAt === null)).toBe(true);
    await api(server(), 'GET', '/v1/me', rep.token);
    const asManager = TeamResponseSchema.parse(
      (await api(server(), 'GET', '/v1/team', manager.token)).body,
    );
    // Seen times are written in batches; the rep signed in, so a time is there or on its way.
    expect(asManager.members.find((m) => m.id === manager.id)).toBeDefined();
    expect(asManager.team.id).toBe(rep.teamId);
  });

  it('without a token the team is not told', async () => {
    expect((await api(server(), 'GET', '/v1/team')).status).toBe(401);
  });
});

describe('the web app served by the sync server', () => {
  let dir: string;
  let s: TestServer;
  let bare: TestServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fb-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Fieldbook</title>');
    await writeFile(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
    s = await createTestServer('pglite', { webApp: { dir } });
    bare = await createTestServer('pglite', { webApp: { dir: join(dir, 'missing') } });
  });
  afterAll(async () => {
    await s.close();
    await bare.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the page at its address with a strict CSP limited to its own origin', async () => {
    const page = await s.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Fieldbook');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toBe(WEB_APP_CSP);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:/);
    expect(csp).toContain("frame-ancestors 'none'");
    const asset = await s.app.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
  });

  it('keeps the API its own: unknown API paths and files outside the build are not the page', async () => {
    const api404 = await api(s, 'GET', '/v1/nothing-here');
    expect(api404.status).toBe(404);
    expect(api404.body).toMatchObject({ error: { code: 'not_found' } });
    const v9 = await s.app.inject({ method: 'GET', url: '/v9/pull' });
    expect(v9.json()).toMatchObject({ error: { code: 'unsupported_protocol' } });
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/missing.js'])
      expect((await s.app.inject({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('without a build says in one line which command builds it', async () => {
    const res = await bare.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(404);
    expect(res.body.trim()).toBe(BUILD_HINT);
    expect(BUILD_HINT).toContain('npm run build:renderer');
    // Hostile paths get a client error, never a 5xx, built or not.
    for (const url of ['/%00', '/%E0%A4%A', '/%', '/v1/../etc/passwd']) {
      const status = (await bare.app.inject({ method: 'GET', url })).statusCode;
      expect(status, url).toBeGreaterThanOrEqual(400);
      expect(status, url).toBeLessThan(500);
    }
  });
});
