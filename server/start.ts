/** Opens the database, migrates it, checks its identity and builds the HTTP app: main.ts and tests share this. */
import type { FastifyInstance } from 'fastify';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { buildApp, type AppOptions } from './http/app';
import { ensureMeta, type MetaStatus } from './sync/meta';

export interface Server {
  app: FastifyInstance;
  db: Db;
  meta: MetaStatus;
  migrated: number[];
}

export async function startServer(
  db: Db,
  options: Omit<AppOptions, 'db' | 'cursorSecret'> = {},
): Promise<Server> {
  const migrated = await migrate(db);
  const meta = await ensureMeta(db);
  const app = await buildApp({ ...options, db, cursorSecret: meta.cursorSecret });
  if (meta.rotatedBecause)
    app.log.warn({ epoch: meta.epoch, reason: meta.rotatedBecause }, 'new epoch');
  return { app, db, meta, migrated };
}
