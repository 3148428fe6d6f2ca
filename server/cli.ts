/**
 * `npm run server:admin -- <command>`: teams, users, passwords, devices, shares, epochs. Uses the
 * same database settings as the server (DATABASE_URL or FIELDBOOK_SERVER_DATA).
 */
import { UUID_PATTERN } from '../shared/ids';
import {
  AccountError,
  addTeam,
  addUser,
  listDevicesByEmail,
  resetPassword,
  revokeDevice,
  type Role,
} from './accounts/accounts';
import { generatePassword } from './accounts/secrets';
import { readConfig } from './config';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { openDatabase } from './db/open';
import { ensureMeta, rotateEpoch } from './sync/meta';
import { shareClient, unshareClient } from './sync/shares';

const USAGE = `Fieldbook server administration

  add-team <name>
  add-user --team <name> --email <e-mail> --name <full name> --role rep|manager [--password <pw>]
  reset-password <e-mail> [--password <pw>]
  list-devices <e-mail>
  revoke-device <device id>
  share-client <client id> <e-mail>       a rep sees and edits another rep's client
  unshare-client <client id> <e-mail>
  new-epoch                                after restoring a backup by hand: clients re-fill the server

Without --password a random password is generated and printed once.
The database is DATABASE_URL, or the embedded one in FIELDBOOK_SERVER_DATA (./server-data).`;

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new AccountError(`${arg} needs a value`);
      flags.set(arg.slice(2), value);
      i++;
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new AccountError(`Missing ${what}\n\n${USAGE}`);
  return value;
}

/** Runs one command; returns the lines to print. */
export async function runCommand(db: Db, argv: readonly string[]): Promise<string[]> {
  const { positional, flags } = parseArgs(argv);
  const [command, ...rest] = positional;
  switch (command) {
    case 'add-team': {
      const id = await addTeam(db, need(rest[0], 'team name'));
      return [`Team created: ${rest[0]} (${id})`];
    }
    case 'add-user': {
      const role = need(flags.get('role'), '--role');
      if (role !== 'rep' && role !== 'manager')
        throw new AccountError('--role must be rep or manager');
      const password = flags.get('password') ?? generatePassword();
      const id = await addUser(db, {
        team: need(flags.get('team'), '--team'),
        email: need(flags.get('email'), '--email'),
        name: need(flags.get('name'), '--name'),
        role: role as Role,
        password,
      });
      const lines = [`User created: ${flags.get('email')} (${role}, ${id})`];
      if (!flags.has('password')) lines.push(`Password (shown once): ${password}`);
      return lines;
    }
    case 'reset-password': {
      const email = need(rest[0], 'e-mail');
      const password = flags.get('password') ?? generatePassword();
      await resetPassword(db, email, password);
      const lines = [`Password reset for ${email}; all of their devices are signed out`];
      if (!flags.has('password')) lines.push(`New password (shown once): ${password}`);
      return lines;
    }
    case 'list-devices': {
      const devices = await listDevicesByEmail(db, need(rest[0], 'e-mail'));
      if (devices.length === 0) return ['No devices'];
      return devices.map(
        (d) =>
          `${d.id}  ${d.revokedAt ? 'revoked ' + d.revokedAt : 'active'}  last seen ${d.lastSeenAt ?? 'never'}  ${d.name}`,
      );
    }
    case 'revoke-device': {
      const id = need(rest[0], 'device id');
      if (!UUID_PATTERN.test(id)) throw new AccountError('A device id looks like 0190…-…');
      return [(await revokeDevice(db, id)) ? `Device ${id} revoked` : `No active device ${id}`];
    }
    case 'share-client': {
      const clientId = need(rest[0], 'client id');
      if (!UUID_PATTERN.test(clientId)) throw new AccountError('A client id looks like 0190…-…');
      const rows = await shareClient(db, clientId, need(rest[1], 'e-mail'));
      return [
        `Shared client ${clientId} with ${rest[1]} (${rows} records will reach their devices)`,
      ];
    }
    case 'unshare-client': {
      const done = await unshareClient(db, need(rest[0], 'client id'), need(rest[1], 'e-mail'));
      return [done ? 'Sharing stopped' : 'It was not shared'];
    }
    case 'new-epoch': {
      return [
        `New epoch ${await rotateEpoch(db)}: clients will pull from the start and re-push what is missing`,
      ];
    }
    default:
      throw new AccountError(command ? `Unknown command ${command}\n\n${USAGE}` : USAGE);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase({
    dataDir: config.FIELDBOOK_SERVER_DATA,
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
  });
  try {
    await migrate(db);
    await ensureMeta(db);
    for (const line of await runCommand(db, process.argv.slice(2))) console.log(line);
  } catch (error) {
    if (error instanceof AccountError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    await db.close();
  }
}

// Run only as a program, not when tests import runCommand.
if (process.argv[1] && /cli\.[cm]?[jt]s$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
