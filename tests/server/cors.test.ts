// The browser build calls the API from its own origin: the preflight must pass and every answer,
// errors included, must be readable by the page.
import { expect, it } from 'vitest';
import { describeBackends, HEADERS, newTeam, newUser } from './harness';

const ORIGIN = 'http://127.0.0.1:4173';

describeBackends('CORS for the browser build', (server) => {
  it('answers the preflight of a push with the methods and headers the app sends', async () => {
    const res = await server().app.inject({
      method: 'OPTIONS',
      url: '/v1/push',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,fieldbook-schema-version',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    const allowed = String(res.headers['access-control-allow-headers']);
    for (const header of ['authorization', 'content-type', 'fieldbook-schema-version'])
      expect(allowed).toContain(header);
  });

  it('lets the page read answers and refusals alike', async () => {
    const team = await newTeam(server());
    const user = await newUser(server(), team);
    const ok = await server().app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: { ...HEADERS, origin: ORIGIN, authorization: `Bearer ${user.token}` },
      payload: { epoch: null, cursor: null },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    const refused = await server().app.inject({
      method: 'POST',
      url: '/v1/pull',
      headers: { ...HEADERS, origin: ORIGIN, authorization: 'Bearer nope' },
      payload: { epoch: null, cursor: null },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
  });

  it('adds nothing to requests that come from no page (the desktop app, curl)', async () => {
    const res = await server().app.inject({ method: 'GET', url: '/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
