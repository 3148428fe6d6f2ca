/**
 * The team-pull bench writes its 20 reps' books straight into the database (tests/bench/teamSeed.ts)
 * instead of pushing them through the API; this keeps that shortcut honest: a team seeded so must
 * pull exactly what a team that pushed the same books pulls.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkSeedMatchesPush } from '../bench/teamSeedCheck';
import { createTestServer, describeEachBackend, type TestServer } from './harness';

describeEachBackend('a team seeded directly for the bench', (backend) => {
  let server: TestServer;
  let url: string;
  beforeAll(async () => {
    server = await createTestServer(backend, { now: () => Date.now() });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(server.app.server!.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('pulls the same records, versions and device sequences as a team whose reps pushed', async () => {
    const compared = await checkSeedMatchesPush(server.db, url, {
      reps: 2,
      clients: 12,
      notes: 90,
    });
    expect(compared).toBeGreaterThan(200);
  }, 120_000);
});
