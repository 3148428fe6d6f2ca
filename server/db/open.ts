import { resolve } from 'node:path';
import type { Db } from './db';
import type { LockHolder } from './lock';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database. */
  dataDir: string;
  schema?: string;
  /** PostgreSQL connections kept by this process. */
  poolSize?: number;
  /** Who takes the embedded folder's lock (lock.ts): named in the message a second opener gets. */
  holder?: LockHolder;
}

export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  if (config.databaseUrl) {
    return openPostgres({
      connectionString: config.databaseUrl,
      ...(config.schema ? { schema: config.schema } : {}),
      ...(config.poolSize ? { maxConnections: config.poolSize } : {}),
    });
  }
  return openPglite(resolve(config.dataDir), config.holder ?? 'server');
}
