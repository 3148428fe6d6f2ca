/** Server settings from the environment, checked once at start with a clear message. */
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  /** PostgreSQL connections this process keeps (server/README.md, "How it scales"). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(20),
  FIELDBOOK_SERVER_DATA: z.string().min(1).default('./server-data'),
  /**
   * Port of the admin endpoint on 127.0.0.1 (embedded database only; http/routes-admin.ts). 0: any
   * free port, written with the secret into the data folder's fieldbook-admin.json.
   */
  ADMIN_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /**
   * Addresses of the load balancers in front (comma-separated addresses or CIDRs, e.g.
   * 127.0.0.1 or 10.0.0.0/8): from them X-Forwarded-For names the client's address, which the
   * sign-in throttle counts. Unset: the connection's address, and X-Forwarded-For is ignored.
   */
  TRUST_PROXY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ServerConfig = z.infer<typeof EnvSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`Bad server setting ${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}
