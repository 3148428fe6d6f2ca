/**
 * The HTTP server: fastify, because it validates content types and body size before a handler
 * runs, parses JSON safely (prototype-poisoning guard), logs structured JSON through pino, and
 * is fast enough that the database, not the framework, limits sync throughput.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Actor } from '../accounts/accounts';
import { authenticate, SeenWriter } from '../accounts/accounts';
import type { Db } from '../db/db';
import {
  LIMITS,
  MIN_SCHEMA_VERSION,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '../../shared/sync/protocol';
import { CursorCodec } from '../sync/meta';
import type { PushOptions } from '../sync/push';
import { TeamGate } from '../sync/team-gate';
import { registerCors } from './cors';
import { ApiError, fromFastifyError } from './errors';
import { unstorableReason } from './input-guard';
import { bucketKey, bucketStoreFor, LoginThrottle, type BucketSpec } from './rate-limit';
import {
  guardConnections,
  RequestBudget,
  TIMEOUTS,
  type ConnectionLimits,
  type Timeouts,
} from './transport';
import type { AppContext } from './context';
import { registerAuthRoutes } from './routes-auth';
import { registerSyncRoutes } from './routes-sync';
import { registerTeamRoutes } from './routes-team';
import { registerWebApp } from './web-app';

export interface AppOptions {
  db: Db;
  /** The built web app served at `/` (server/http/web-app.ts); false: the API only. */
  webApp?: false | { dir?: string };
  cursorSecret: string;
  /** Load balancers whose X-Forwarded-For is believed (config TRUST_PROXY); none by default. */
  trustProxy?: string;
  /** pino options, or false for no logs (tests). */
  logger?: boolean | { level: string };
  now?: () => number;
  rate?: BucketSpec;
  /** Sign-in attempts per address and account (any outcome). */
  loginRate?: BucketSpec;
  /** Failed sign-ins per account and per address (LoginThrottle). */
  loginFailures?: { account?: BucketSpec; address?: BucketSpec };
  /** Slow-request bounds (transport.ts); tests shorten them. */
  timeouts?: Partial<Timeouts>;
  connections?: Partial<ConnectionLimits>;
  /** How often one user's push may declare a restore from unsigned evidence (default 10 min). */
  restoreEvidenceEveryMs?: number;
  maxClockAheadMs?: number;
  /** Push transactions of one team open at once in this process (default 2; see TeamGate). */
  pushSlotsPerTeam?: number;
  /** Test seam: runs inside each push transaction just before COMMIT. */
  beforeCommit?: PushOptions['beforeCommit'];
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  if (error.extra.retryAfterMs !== undefined)
    reply.header('retry-after', Math.ceil(error.extra.retryAfterMs / 1000));
  return reply.status(error.status).send(error.body());
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false || options.logger === undefined
        ? false
        : {
            level: options.logger === true ? 'info' : options.logger.level,
            redact: ['req.headers.authorization'],
          },
    bodyLimit: LIMITS.maxRequestBytes,
    requestTimeout: options.timeouts?.requestMs ?? TIMEOUTS.requestMs,
    connectionTimeout: options.timeouts?.idleMs ?? TIMEOUTS.idleMs,
    keepAliveTimeout: options.timeouts?.keepAliveMs ?? TIMEOUTS.keepAliveMs,
    return503OnClosing: true,
    ...(options.trustProxy
      ? { trustProxy: options.trustProxy.split(',').map((part) => part.trim()) }
      : {}),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  // JSON only: a text/plain body is refused with 415 rather than half-understood.
  app.removeContentTypeParser('text/plain');
  registerCors(app);
  guardConnections(app, options.timeouts, options.connections);

  const now = options.now ?? Date.now;
  // Rate limits, sign-in throttling and the restore limiter: in PostgreSQL, one count for every
  // replica (rate-limit.ts). The in-flight budget below stays per process: it bounds this
  // process's own memory and concurrency, whatever the others do.
  const buckets = bucketStoreFor(options.db, now);
  const rate = options.rate ?? LIMITS.rate;
  const budget = new RequestBudget(options.connections);
  const restoreEveryMs = options.restoreEvidenceEveryMs ?? 10 * 60_000;
  const restoreSpec: BucketSpec = { burst: 1, perSecond: 1000 / restoreEveryMs };
  const seen = new SeenWriter(options.db, (error) =>
    app.log.warn({ err: error }, 'recording devices as seen failed'),
  );
  app.addHook('onClose', async () => seen.flush());
  const ctx: AppContext = {
    db: options.db,
    now,
    cursors: new CursorCodec(options.cursorSecret),
    maxClockAheadMs: options.maxClockAheadMs ?? LIMITS.maxClockAheadMs,
    loginThrottle: new LoginThrottle(
      {
        attempts: options.loginRate ?? LIMITS.loginRate,
        accountFailures: options.loginFailures?.account ?? LIMITS.loginFailuresPerAccount,
        addressFailures: options.loginFailures?.address ?? LIMITS.loginFailuresPerAddress,
      },
      buckets,
      now,
    ),
    async mayDeclareRestore(actor) {
      return (await buckets.take(bucketKey('restore', actor.userId), restoreSpec)) === 0;
    },
    teamGate: new TeamGate(options.pushSlotsPerTeam ?? 2),
    ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}),
    async requireActor(request) {
      if (request.actor) return request.actor;
      const header = request.headers.authorization;
      const token =
        typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      const actor = token ? await authenticate(options.db, token, now(), seen) : null;
      if (!actor)
        throw new ApiError(
          'unauthorized',
          'Sign in again: this device is signed out or its access was revoked',
        );
      const wait = await buckets.take(bucketKey('device', actor.deviceId), rate);
      if (wait > 0)
        throw new ApiError('rate_limited', 'Too many requests from this device; retry later', {
          retryAfterMs: wait,
        });
      request.actor = actor;
      request.log.debug({ userId: actor.userId, deviceId: actor.deviceId }, 'authenticated');
      return actor;
    },
  };

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof ApiError) return sendApiError(reply, error);
    const mapped = fromFastifyError(error);
    if (mapped) return sendApiError(reply, mapped);
    request.log.error({ err: error }, 'request failed');
    return sendApiError(
      reply,
      new ApiError('internal', 'The server failed; the request was not applied; retry later'),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const version = /^\/v(\d+)\//.exec(request.url);
    if (version && !SUPPORTED_PROTOCOL_VERSIONS.includes(Number(version[1]))) {
      return sendApiError(
        reply,
        new ApiError('unsupported_protocol', `Protocol v${version[1]} is not served here`, {
          details: { supported: SUPPORTED_PROTOCOL_VERSIONS },
        }),
      );
    }
    return sendApiError(
      reply,
      new ApiError('not_found', `No ${request.method} ${request.url.split('?')[0]}`),
    );
  });

  // Before a body is read: only UTF-8 JSON; a token is checked (and its rate and its requests in
  // flight bounded) so a body is read only for a signed-in device; all bodies in flight together
  // stay within a memory budget.
  app.addHook('onRequest', async (request, reply) => {
    const type = request.headers['content-type'];
    if (type !== undefined) {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
      if (charset !== undefined && !/^utf-?8$/i.test(charset))
        throw new ApiError('unsupported_media_type', 'Send JSON in UTF-8 (charset=utf-8)');
    }
    if (request.method === 'OPTIONS') return;
    if (request.headers.authorization !== undefined) await ctx.requireActor(request);
    budget.admit(request, reply, request.actor?.deviceId);
  });

  // Every API request but the health check names the record schema version it speaks.
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/v1/') || request.url.startsWith('/v1/health')) return;
    const raw = request.headers[SCHEMA_VERSION_HEADER];
    if (raw === undefined)
      throw new ApiError('schema_version_required', `Send the ${SCHEMA_VERSION_HEADER} header`);
    // Only the canonical form: 1, not 1.0, 01, 1e0 or 0x1.
    if (typeof raw !== 'string' || !/^(0|[1-9][0-9]{0,8})$/.test(raw))
      throw new ApiError(
        'schema_version_required',
        `${SCHEMA_VERSION_HEADER} must be an integer written in decimal digits`,
      );
    const version = Number(raw);
    if (version < MIN_SCHEMA_VERSION)
      throw new ApiError('schema_too_old', 'Update the app to sync with this server');
    if (version > SCHEMA_VERSION)
      throw new ApiError(
        'schema_too_new',
        'The server is older than the app; it will sync once the server is updated',
      );
    if (request.body !== undefined) {
      const reason = unstorableReason(request.body);
      if (reason) throw new ApiError('bad_request', `The body cannot be stored: ${reason}`);
    }
  });

  await app.register(
    async (v1) => {
      registerAuthRoutes(v1, ctx);
      registerSyncRoutes(v1, ctx);
      registerTeamRoutes(v1, ctx);
    },
    { prefix: '/v1' },
  );
  if (options.webApp !== false) await registerWebApp(app, options.webApp?.dir);
  return app;
}
