/**
 * `npm run server`: the reference sync server. PORT (8787), HOST (127.0.0.1), DATABASE_URL
 * (PostgreSQL; when unset, the embedded database in FIELDBOOK_SERVER_DATA, ./server-data).
 * On the embedded database it also serves the admin endpoint on 127.0.0.1 (http/routes-admin.ts)
 * and holds the data folder's lock (db/lock.ts) while it runs.
 */
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readConfig } from './config';
import { newAdminSecret, removeAdminFile, writeAdminFile } from './db/admin-file';
import { DataFolderLockedError } from './db/lock';
import { openDatabase } from './db/open';
import { buildAdminApp } from './http/routes-admin';
import { startServer } from './start';

async function main(): Promise<void> {
  const config = readConfig();
  const dataDir = resolve(config.FIELDBOOK_SERVER_DATA);
  const db = await openDatabase({
    dataDir,
    poolSize: config.DATABASE_POOL_SIZE,
    holder: 'server',
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
  });
  const { app, migrated, meta } = await startServer(db, {
    logger: { level: config.LOG_LEVEL },
    ...(config.TRUST_PROXY ? { trustProxy: config.TRUST_PROXY } : {}),
  });
  app.log.info(
    {
      database: db.kind,
      dataDir: db.kind === 'pglite' ? dataDir : undefined,
      migrated,
      epoch: meta.epoch,
    },
    'database ready',
  );
  let admin: FastifyInstance | null = null;
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    if (admin) {
      removeAdminFile(dataDir);
      await admin.close();
    }
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  if (db.kind === 'pglite') {
    // The admin CLI cannot open the folder this process holds: it asks this process instead.
    const secret = newAdminSecret();
    admin = buildAdminApp({
      db,
      secret,
      log: (message, argv) => app.log.info({ command: argv[0] }, message),
    });
    await admin.listen({ port: config.ADMIN_PORT, host: '127.0.0.1' });
    const address = admin.server.address();
    const port = typeof address === 'object' && address ? address.port : config.ADMIN_PORT;
    const file = writeAdminFile(dataDir, { pid: process.pid, host: '127.0.0.1', port, secret });
    process.on('exit', () => removeAdminFile(dataDir));
    app.log.info({ adminPort: port, adminFile: file }, 'admin endpoint ready (127.0.0.1 only)');
  }
}

main().catch((error: unknown) => {
  if (error instanceof DataFolderLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
