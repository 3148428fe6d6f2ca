/**
 * One writer per embedded data folder. PGlite has no lock of its own: two processes that open the
 * same folder each run their own copy of the database over the same files, each overwrites the
 * other's writes, and the folder can be corrupted. So whoever opens the folder first (the server,
 * or the admin CLI while no server runs) writes `fieldbook.lock` in it, created exclusively, with
 * its process id; the second opener finds it and stops with a clear message.
 *
 * A lock left behind by a process that died without cleaning up (kill -9, a power cut) must not
 * block the folder forever: a lock whose process no longer runs, or whose process id now belongs
 * to a process started after the lock was taken (a reused id after a reboot; Linux only, from
 * /proc), is stale and is taken over. A lock written on another machine (a folder on a network
 * share) cannot be checked from here: it is refused, and the message says how to remove it.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'fieldbook.lock';

export type LockHolder = 'server' | 'admin';

export interface LockInfo {
  pid: number;
  host: string;
  holder: LockHolder;
  /** When the lock was taken, ISO 8601. */
  since: string;
  /** The process's start time in clock ticks since boot (Linux), to tell a reused pid apart. */
  startTicks: number | null;
}

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly info: LockInfo,
  ) {
    const who =
      info.holder === 'server'
        ? `a running Fieldbook server (process ${info.pid}${info.host !== hostname() ? ` on ${info.host}` : ''}, since ${info.since})`
        : `the admin command (process ${info.pid}, since ${info.since})`;
    const advice =
      info.host !== hostname()
        ? `If no Fieldbook process runs on ${info.host} any more, delete ${join(dataDir, LOCK_FILE)} and try again.`
        : info.holder === 'server'
          ? 'Stop that server first, or point FIELDBOOK_SERVER_DATA at another folder. To administer the running server, use `npm run server:admin` with the same FIELDBOOK_SERVER_DATA: it talks to the server.'
          : 'Wait for it to finish and try again.';
    super(
      `The data folder ${dataDir} is in use by ${who}. Only one process may open it at a time. ${advice}`,
    );
  }
}

/** The start time of a process in clock ticks since boot, from /proc (null where there is none). */
export function processStartTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the process that wrote `info` is still alive (same host only). */
export function lockIsLive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true;
  // No process id (a lock file cut short when its writer died): nobody holds it. (kill(0) would
  // ask about our own process group, not a process.)
  if (!Number.isInteger(info.pid) || info.pid <= 0) return false;
  if (info.pid === process.pid) return true;
  if (!processRuns(info.pid)) return false;
  if (info.startTicks !== null) {
    const now = processStartTicks(info.pid);
    if (now !== null && now !== info.startTicks) return false;
  }
  return true;
}

function readLock(dataDir: string): LockInfo | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, LOCK_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    if (typeof info.pid === 'number' && typeof info.host === 'string') return info;
  } catch {
    // A lock half written by a process killed while writing it: stale.
  }
  return { pid: 0, host: hostname(), holder: 'server', since: '?', startTicks: null };
}

export interface FolderLock {
  readonly path: string;
  release(): void;
}

const held = new Set<string>();
let exitHookInstalled = false;

/**
 * Takes the folder's lock or throws DataFolderLockedError. A stale lock (its process is gone) is
 * replaced. The lock is removed by `release()` and, failing that, when this process exits.
 */
export function lockDataFolder(dataDir: string, holder: LockHolder): FolderLock {
  const path = join(dataDir, LOCK_FILE);
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    holder,
    since: new Date().toISOString(),
    startTicks: processStartTicks(process.pid),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(info), { flag: 'wx', mode: 0o644 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      const existing = readLock(dataDir);
      if (existing && lockIsLive(existing)) throw new DataFolderLockedError(dataDir, existing);
      // Stale: remove it and try again (two openers racing here both retry the exclusive create;
      // only one wins it).
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first.
      }
    }
  }
  held.add(path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const p of held) removeIfOurs(p);
    });
  }
  return {
    path,
    release() {
      if (held.delete(path)) removeIfOurs(path);
    },
  };
}

function removeIfOurs(path: string): void {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    if (info.pid === process.pid && info.host === hostname()) unlinkSync(path);
  } catch {
    // Gone already.
  }
}
