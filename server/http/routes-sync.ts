import type { FastifyInstance } from 'fastify';
import {
  PullRequestSchema,
  PushRequestSchema,
  SCHEMA_VERSION,
  MIN_SCHEMA_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '../../shared/sync/protocol';
import { pullPage } from '../sync/pull';
import { pushBatch } from '../sync/push';
import { readEpoch } from '../sync/meta';
import type { AppContext } from './context';
import { ApiError, parseWith } from './errors';

export function registerSyncRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/health', async () => {
    try {
      const epoch = await readEpoch(ctx.db);
      return {
        ok: true,
        protocolVersions: SUPPORTED_PROTOCOL_VERSIONS,
        schemaVersions: { min: MIN_SCHEMA_VERSION, max: SCHEMA_VERSION },
        database: ctx.db.kind,
        epoch,
        serverTime: ctx.now(),
      };
    } catch {
      throw new ApiError('unavailable', 'The database is not reachable', { retryAfterMs: 5000 });
    }
  });

  app.post('/push', async (request) => {
    const actor = await ctx.requireActor(request);
    const body = parseWith(PushRequestSchema, request.body, 'push');
    const response = await ctx.teamGate.run(actor.teamId, () =>
      pushBatch(ctx.db, actor, body, {
        nowMs: ctx.now(),
        maxClockAheadMs: ctx.maxClockAheadMs,
        mayDeclareRestore: (a) => ctx.mayDeclareRestore(a),
        onRestoreDetected: (info) =>
          request.log.warn(
            info,
            'push from a sequence the server had acknowledged and forgot: restore detected, new epoch',
          ),
        ...(ctx.beforeCommit ? { beforeCommit: ctx.beforeCommit } : {}),
      }),
    );
    request.log.info(
      {
        userId: actor.userId,
        ops: body.ops.length,
        applied: response.results.filter((r) => r.status === 'applied' && !r.duplicate).length,
        duplicates: response.results.filter((r) => r.duplicate).length,
        rejected: response.results.filter((r) => r.status === 'rejected').length,
        quarantined: response.results.filter((r) => r.status === 'quarantined').length,
        lastSeq: response.lastSeq,
        stopped: response.stopped?.expectedSeq ?? null,
      },
      'push',
    );
    return response;
  });

  app.post('/pull', async (request, reply) => {
    const actor = await ctx.requireActor(request);
    const body = parseWith(PullRequestSchema, request.body, 'pull');
    const page = await pullPage(ctx.db, actor, body, {
      nowMs: ctx.now(),
      cursors: ctx.cursors,
      onRestoreDetected: (info) =>
        request.log.warn(
          info,
          'pull cursor ahead of the data it was issued for: restore detected, new epoch',
        ),
    });
    request.log.info({ userId: actor.userId, records: page.count, hasMore: page.hasMore }, 'pull');
    // The body is a PullResponse the database already wrote as JSON text.
    return reply.type('application/json; charset=utf-8').send(page.body);
  });
}
