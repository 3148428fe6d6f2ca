/**
 * The admin commands (`npm run server:admin -- <command>`), run either by the CLI on a database
 * no server holds (PostgreSQL, or an embedded folder while no server runs) or by the running
 * server itself on the CLI's behalf (its loopback admin endpoint, http/routes-admin.ts): the same
 * code, so a command does the same whichever way it arrives.
 */
import { UUID_PATTERN } from '../../shared/ids';
import type { Db } from '../db/db';
import { rotateEpoch } from '../sync/meta';
import { shareClient, unshareClient } from '../sync/shares';
import {
  AccountError,
  addTeam,
  addUser,
  deleteUser,
  describeUser,
  disableUser,
  enableUser,
  listDevicesByEmail,
  resetPassword,
  revokeDevice,
  type Role,
} from './accounts';
import { generatePassword } from './secrets';

export { AccountError };

interface CommandHelp {
  synopsis: string;
  summary: string;
  details?: string;
}

const COMMANDS: Record<string, CommandHelp> = {
  'add-team': { synopsis: 'add-team <name>', summary: 'create a team' },
  'add-user': {
    synopsis:
      'add-user --team <name> --email <e-mail> --name <full name> --role rep|manager [--password <pw>]',
    summary: 'create a rep or a manager in a team',
    details:
      'Without --password a random password is generated and printed once. A password needs at least 10 characters.',
  },
  'show-user': {
    synopsis: 'show-user <e-mail>',
    summary: "a user's team, role and whether they are disabled",
  },
  'reset-password': {
    synopsis: 'reset-password <e-mail> [--password <pw>]',
    summary: 'set a new password; signs every device of the user out',
    details: 'Without --password a random password is generated and printed once.',
  },
  'disable-user': {
    synopsis: 'disable-user <e-mail>',
    summary: 'the user can no longer sign in or sync; every device is signed out',
    details:
      'Their records stay. enable-user lets them sign in again (their old devices stay signed out).',
  },
  'enable-user': {
    synopsis: 'enable-user <e-mail>',
    summary: 'let a disabled user sign in again',
  },
  'delete-user': {
    synopsis: 'delete-user <e-mail> --yes',
    summary: 'delete the account, its devices and shares; their records stay with the team',
    details:
      "A manager still sees the deleted rep's records. To let another rep work their clients, run share-client first. The e-mail can be used for a new account afterwards; that account does not own the old records. Prefer disable-user when in doubt: it can be undone.",
  },
  'list-devices': {
    synopsis: 'list-devices <e-mail>',
    summary: "a user's devices: id, active or revoked, last seen, name",
  },
  'revoke-device': {
    synopsis: 'revoke-device <device id>',
    summary: 'sign one device out at once (a lost or stolen laptop)',
    details: 'Find the id with list-devices. The rep signs in again on that device if it is found.',
  },
  'share-client': {
    synopsis: 'share-client <client id> <e-mail>',
    summary: "a rep sees and edits another rep's client",
  },
  'unshare-client': {
    synopsis: 'unshare-client <client id> <e-mail>',
    summary: 'stop sharing a client with a rep',
    details: 'Copies already on their devices stay there; new changes no longer reach them.',
  },
  'new-epoch': {
    synopsis: 'new-epoch',
    summary: 'after restoring a backup by hand: clients re-pull and re-push what is missing',
  },
};

const pad = Math.max(...Object.values(COMMANDS).map((c) => c.synopsis.length));

export const USAGE = `Fieldbook server administration

  npm run server:admin -- <command> [arguments]
  npm run server:admin -- <command> --help

Commands:
${Object.values(COMMANDS)
  .map((c) =>
    c.synopsis.length > 40
      ? `  ${c.synopsis}\n  ${' '.repeat(42)}${c.summary}`
      : `  ${c.synopsis.padEnd(Math.min(pad, 40))}  ${c.summary}`,
  )
  .join('\n')}

The database is DATABASE_URL (PostgreSQL), or the embedded one in FIELDBOOK_SERVER_DATA
(./server-data). While a server runs on that embedded folder, the command is sent to the server
(its admin endpoint on 127.0.0.1, with the secret in <folder>/fieldbook-admin.json): run it as the
user that runs the server. On PostgreSQL it works on the database directly, server running or not.`;

function commandHelp(command: string): string | null {
  const help = COMMANDS[command];
  if (!help) return null;
  return [
    `npm run server:admin -- ${help.synopsis}`,
    '',
    `  ${help.summary}`,
    ...(help.details ? ['', `  ${help.details}`] : []),
  ].join('\n');
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string>;
  help: boolean;
  yes: boolean;
}

const BOOLEAN_FLAGS = new Set(['--help', '-h', '--yes']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  let help = false;
  let yes = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (BOOLEAN_FLAGS.has(arg)) {
      if (arg === '--yes') yes = true;
      else help = true;
    } else if (arg.startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new AccountError(`${arg} needs a value (see --help)`);
      flags.set(arg.slice(2), value);
      i++;
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags, help, yes };
}

/**
 * The help text when the arguments ask for it (`--help`, `-h`, `help [command]`, or nothing at
 * all), else null. Needs no database.
 */
export function helpRequested(argv: readonly string[]): string | null {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv);
  } catch {
    return null;
  }
  const [command, topic] = parsed.positional;
  if (command === 'help') return (topic && commandHelp(topic)) || USAGE;
  if (!command) return USAGE;
  if (!parsed.help) return null;
  return commandHelp(command) ?? `Unknown command ${command}\n\n${USAGE}`;
}

/** Throws for an unknown command or malformed flags before anything opens a database. */
export function checkCommand(argv: readonly string[]): void {
  const [command = ''] = parseArgs(argv).positional;
  if (!Object.hasOwn(COMMANDS, command))
    throw new AccountError(`Unknown command ${command}\n\n${USAGE}`);
}

function need(value: string | undefined, what: string, command: string): string {
  if (!value) throw new AccountError(`Missing ${what}\n\n${commandHelp(command) ?? USAGE}`);
  return value;
}

/** Runs one command; returns the lines to print. Throws AccountError with a message for the admin. */
export async function runCommand(db: Db, argv: readonly string[]): Promise<string[]> {
  const help = helpRequested(argv);
  if (help !== null) return [help];
  const { positional, flags, yes } = parseArgs(argv);
  const [command = '', ...rest] = positional;
  const arg = (i: number, what: string) => need(rest[i], what, command);
  switch (command) {
    case 'add-team': {
      const id = await addTeam(db, arg(0, 'team name'));
      return [`Team created: ${rest[0]} (${id})`];
    }
    case 'add-user': {
      const role = need(flags.get('role'), '--role', command);
      if (role !== 'rep' && role !== 'manager')
        throw new AccountError('--role must be rep or manager');
      const password = flags.get('password') ?? generatePassword();
      const id = await addUser(db, {
        team: need(flags.get('team'), '--team', command),
        email: need(flags.get('email'), '--email', command),
        name: need(flags.get('name'), '--name', command),
        role: role as Role,
        password,
      });
      const lines = [`User created: ${flags.get('email')} (${role}, ${id})`];
      if (!flags.has('password')) lines.push(`Password (shown once): ${password}`);
      return lines;
    }
    case 'show-user': {
      const { user, disabled } = await describeUser(db, arg(0, 'e-mail'));
      return [
        `${user.email}  ${user.name}  ${user.role} of ${user.teamName}  ${disabled ? 'DISABLED' : 'active'}  (${user.id})`,
      ];
    }
    case 'reset-password': {
      const email = arg(0, 'e-mail');
      const password = flags.get('password') ?? generatePassword();
      await resetPassword(db, email, password);
      const lines = [`Password reset for ${email}; all of their devices are signed out`];
      if (!flags.has('password')) lines.push(`New password (shown once): ${password}`);
      return lines;
    }
    case 'disable-user': {
      const email = arg(0, 'e-mail');
      const changed = await disableUser(db, email);
      return [
        changed
          ? `${email} is disabled: cannot sign in or sync; every device is signed out`
          : `${email} was already disabled; every device is signed out`,
      ];
    }
    case 'enable-user': {
      const email = arg(0, 'e-mail');
      return [
        (await enableUser(db, email))
          ? `${email} can sign in again (each device signs in anew)`
          : `${email} was not disabled`,
      ];
    }
    case 'delete-user': {
      const email = arg(0, 'e-mail');
      if (!yes)
        throw new AccountError(
          `This deletes the account of ${email} and signs out every device; their records stay with the team. To go ahead, run it again with --yes.`,
        );
      const { devices } = await deleteUser(db, email);
      return [
        `Deleted ${email}; ${devices} device(s) signed out; their records stay with the team`,
      ];
    }
    case 'list-devices': {
      const devices = await listDevicesByEmail(db, arg(0, 'e-mail'));
      if (devices.length === 0) return ['No devices'];
      return devices.map(
        (d) =>
          `${d.id}  ${d.revokedAt ? 'revoked ' + d.revokedAt : 'active'}  last seen ${d.lastSeenAt ?? 'never'}  ${d.name}`,
      );
    }
    case 'revoke-device': {
      const id = arg(0, 'device id');
      if (!UUID_PATTERN.test(id))
        throw new AccountError('A device id looks like 0190…-… (see list-devices)');
      return [(await revokeDevice(db, id)) ? `Device ${id} revoked` : `No active device ${id}`];
    }
    case 'share-client': {
      const clientId = arg(0, 'client id');
      if (!UUID_PATTERN.test(clientId)) throw new AccountError('A client id looks like 0190…-…');
      const rows = await shareClient(db, clientId, arg(1, 'e-mail'));
      return [
        `Shared client ${clientId} with ${rest[1]} (${rows} records will reach their devices)`,
      ];
    }
    case 'unshare-client': {
      const clientId = arg(0, 'client id');
      if (!UUID_PATTERN.test(clientId)) throw new AccountError('A client id looks like 0190…-…');
      const done = await unshareClient(db, clientId, arg(1, 'e-mail'));
      return [done ? 'Sharing stopped' : 'It was not shared'];
    }
    case 'new-epoch': {
      return [
        `New epoch ${await rotateEpoch(db)}: clients will pull from the start and re-push what is missing`,
      ];
    }
    default:
      throw new AccountError(`Unknown command ${command}\n\n${USAGE}`);
  }
}
