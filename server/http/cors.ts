import type { FastifyInstance } from 'fastify';
import { SCHEMA_VERSION_HEADER } from '../../shared/sync/protocol';

/**
 * CORS for the browser build of the app, which calls the API from its own origin. Any origin may
 * call, because the API authenticates with a bearer token that a page only has if the rep signed
 * in there, never with cookies: an allowed origin gains nothing it could not do without one.
 * Preflights are answered here, before the schema-version check that they could not pass.
 */
export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.origin === undefined) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'retry-after');
    if (request.method !== 'OPTIONS') return;
    reply.header('access-control-allow-methods', 'GET, POST');
    reply.header(
      'access-control-allow-headers',
      `authorization, content-type, ${SCHEMA_VERSION_HEADER}`,
    );
    reply.header('access-control-max-age', '600');
    return reply.status(204).send();
  });
  // A route for every preflight, so none falls through to the 404 handler.
  app.options('/*', async (_request, reply) => reply.status(204).send());
}
