/**
 * `npm run server:admin -- <command>`: teams, users, passwords, devices, shares, epochs (the
 * commands are in accounts/admin-commands.ts; `--help` lists them). Uses the same database
 * settings as the server (DATABASE_URL or FIELDBOOK_SERVER_DATA).
 *
 * - PostgreSQL: the command runs on the database directly, whether servers run or not; servers
 *   keep no copy of accounts, devices, shares or the epoch, so they see it at their next request.
 * - Embedded folder, no server running: the CLI takes the folder's lock and runs the command.
 * - Embedded folder held by a running server: the CLI cannot open it (db/lock.ts) and sends the
 *   command to that server's admin endpoint on 127.0.0.1 instead (http/routes-admin.ts), with the
 *   secret from the folder's fieldbook-admin.json.
 */
import { resolve } from 'node:path';
import { AccountError, checkCommand, helpRequested, runCommand } from './accounts/admin-commands';
import { readConfig } from './config';
import { AdminFileError, readAdminFile, type AdminEndpoint } from './db/admin-file';
import type { Db } from './db/db';
import { DataFolderLockedError, lockIsLive } from './db/lock';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open';
import { ADMIN_PATH, type AdminAnswer } from './http/routes-admin';
import { ensureMeta } from './sync/meta';

export { parseArgs, runCommand, USAGE } from './accounts/admin-commands';

/** How long the CLI waits for a starting server to publish its admin endpoint. */
const ENDPOINT_WAIT_MS = 20_000;

async function runDirect(db: Db, argv: readonly string[]): Promise<string[]> {
  try {
    await migrate(db);
    await ensureMeta(db);
    return await runCommand(db, argv);
  } finally {
    await db.close();
  }
}

async function endpointOf(dataDir: string, locked: DataFolderLockedError): Promise<AdminEndpoint> {
  const deadline = Date.now() + ENDPOINT_WAIT_MS;
  for (;;) {
    const endpoint = readAdminFile(dataDir);
    if (endpoint && endpoint.pid === locked.info.pid) return endpoint;
    if (!lockIsLive(locked.info) || Date.now() > deadline)
      throw new AccountError(
        `${locked.message}\nThat server has not published its admin endpoint (${dataDir}/fieldbook-admin.json). If it is still starting, try again in a moment; otherwise stop it (Ctrl+C or kill ${locked.info.pid}), run this command, then start it again.`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function runOnServer(endpoint: AdminEndpoint, argv: readonly string[]): Promise<string[]> {
  let response: Response;
  try {
    response = await fetch(`http://${endpoint.host}:${endpoint.port}${ADMIN_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${endpoint.secret}`,
      },
      body: JSON.stringify({ argv }),
    });
  } catch (error) {
    throw new AccountError(
      `The running server (process ${endpoint.pid}) does not answer on its admin endpoint 127.0.0.1:${endpoint.port} (${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}). Check that it runs; if it hangs, stop it, run this command, then start it again.`,
    );
  }
  const answer = (await response.json().catch(() => null)) as AdminAnswer | null;
  if (!answer || !Array.isArray(answer.lines))
    throw new AccountError(`The server's admin endpoint answered ${response.status}`);
  if (!answer.ok) throw new AccountError(answer.lines.join('\n'));
  return answer.lines;
}

/** Runs the command the way the database allows (see the top of this file); returns its lines. */
export async function runAdmin(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const help = helpRequested(argv);
  if (help !== null) return [help];
  checkCommand(argv);
  const config = readConfig(env);
  if (config.DATABASE_URL) {
    return runDirect(
      await openDatabase({ dataDir: '.', databaseUrl: config.DATABASE_URL, poolSize: 2 }),
      argv,
    );
  }
  const dataDir = resolve(config.FIELDBOOK_SERVER_DATA);
  let db: Db;
  try {
    db = await openDatabase({ dataDir, holder: 'admin' });
  } catch (error) {
    if (!(error instanceof DataFolderLockedError) || error.info.holder !== 'server') throw error;
    return runOnServer(await endpointOf(dataDir, error), argv);
  }
  return runDirect(db, argv);
}

async function main(): Promise<void> {
  try {
    for (const line of await runAdmin(process.argv.slice(2))) console.log(line);
  } catch (error) {
    if (
      error instanceof AccountError ||
      error instanceof AdminFileError ||
      error instanceof DataFolderLockedError
    ) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}

// Run only as a program, not when tests import runCommand.
if (process.argv[1] && /cli\.[cm]?[jt]s$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
