/**
 * `npm run server`: the reference sync server. PORT (8787), HOST (127.0.0.1), DATABASE_URL
 * (PostgreSQL; when unset, the embedded database in FIELDBOOK_SERVER_DATA, ./server-data).
 */
import { readConfig } from './config';
import { openDatabase } from './db/open';
import { startServer } from './start';

async function main(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase({
    dataDir: config.FIELDBOOK_SERVER_DATA,
    poolSize: config.DATABASE_POOL_SIZE,
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
  });
  const { app, migrated, meta } = await startServer(db, { logger: { level: config.LOG_LEVEL } });
  app.log.info(
    {
      database: db.kind,
      dataDir: db.kind === 'pglite' ? config.FIELDBOOK_SERVER_DATA : undefined,
      migrated,
      epoch: meta.epoch,
    },
    'database ready',
  );
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
