/**
 * The admin endpoint: how `npm run server:admin` acts on a running server's embedded database,
 * which no second process may open (db/lock.ts). It is its own fastify instance on its own port,
 * bound to 127.0.0.1 only whatever HOST the API listens on, so a reverse proxy or a load balancer
 * in front of the API never reaches it; it answers only requests from a loopback address that
 * carry the secret the server wrote, mode 0600, into its data folder (db/admin-file.ts). It runs
 * the CLI's own commands (accounts/admin-commands.ts) on the server's database, so a command's
 * effect is the server's at once and survives a restart like any of the server's writes.
 */
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AccountError, runCommand } from '../accounts/admin-commands';
import type { Db } from '../db/db';

export const ADMIN_PATH = '/admin/v1/run';

const AdminRequestSchema = z.object({ argv: z.array(z.string().max(10_000)).max(50) });

export interface AdminAnswer {
  ok: boolean;
  lines: string[];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopback(address: string | undefined): boolean {
  return (
    address !== undefined &&
    (address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.'))
  );
}

export function buildAdminApp(options: {
  db: Db;
  secret: string;
  log?: (message: string, argv: readonly string[]) => void;
}): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024, requestTimeout: 60_000 });
  app.post(ADMIN_PATH, async (request, reply) => {
    if (!isLoopback(request.socket.remoteAddress))
      return reply.status(403).send({ ok: false, lines: ['Loopback only'] });
    const header = request.headers.authorization;
    const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!sameSecret(given, options.secret))
      return reply.status(401).send({
        ok: false,
        lines: ['Wrong admin secret: read it from the data folder of the running server'],
      });
    const parsed = AdminRequestSchema.safeParse(request.body);
    if (!parsed.success)
      return reply.status(400).send({ ok: false, lines: ['Expected {"argv": [strings]}'] });
    try {
      const lines = await runCommand(options.db, parsed.data.argv);
      options.log?.('admin command', parsed.data.argv.slice(0, 1));
      return { ok: true, lines } satisfies AdminAnswer;
    } catch (error) {
      if (error instanceof AccountError)
        return reply.status(400).send({ ok: false, lines: [error.message] });
      throw error;
    }
  });
  return app;
}
