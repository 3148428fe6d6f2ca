import { promises as fsPromises } from 'node:fs';
import path from 'node:path';
import { DesktopError } from '../../shared/ipc';
import { createBackupStore, type BackupStore } from './backups';
import type { DesktopHandlers } from './ipc-gate';
import { openJournal, type Journal, type JournalFs } from './journal';

export type DurableChannels =
  | 'journal:append'
  | 'journal:read'
  | 'journal:ack'
  | 'journal:compact'
  | 'backup:write'
  | 'backup:list'
  | 'backup:read'
  | 'disk:space';

export interface DurableHandlerDeps {
  /** The app's data folder (userData); the journal and backups live in folders under it. */
  dataDir: string;
  /** Free space of a folder's volume; fs.statfs by default. */
  statfs?: (dir: string) => Promise<{ bavail: number; blocks: number; bsize: number }>;
  /** The file system the journal writes through (tests inject a failing one). */
  journalFs?: JournalFs;
  log?: (message: string, error?: unknown) => void;
}

/** A full disk or a denied write is the rep's to fix: say it as an io_error, not internal. */
function asIoError(error: unknown, what: string, log?: DurableHandlerDeps['log']): never {
  if (error instanceof DesktopError) throw error;
  const code = (error as { code?: unknown } | null)?.code;
  log?.(`${what} failed`, error);
  throw new DesktopError(
    'io_error',
    code === 'ENOSPC' ? `${what}: the disk is full` : `${what}: ${String(code ?? 'failed')}`,
  );
}

/**
 * The journal and backup channels. The journal is opened on first use, once, and kept open: its
 * appends are serialised inside it.
 */
export function createDurableHandlers(
  deps: DurableHandlerDeps,
): Pick<DesktopHandlers, DurableChannels> {
  let journal: Promise<Journal> | null = null;
  const getJournal = () => {
    journal ??= openJournal({ dir: path.join(deps.dataDir, 'journal'), fs: deps.journalFs }).catch(
      (error) => {
        journal = null;
        throw error;
      },
    );
    return journal;
  };
  let backups: BackupStore | null = null;
  const getBackups = () =>
    (backups ??= createBackupStore({ dir: path.join(deps.dataDir, 'backups') }));
  const guard =
    <A extends unknown[], R>(what: string, work: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      work(...args).catch((error: unknown) => asIoError(error, what, deps.log));

  return {
    'journal:append': guard('journal append', async (entries) =>
      (await getJournal()).append(entries),
    ),
    'journal:read': guard('journal read', async (request) => (await getJournal()).read(request)),
    'journal:ack': guard('journal ack', async (ids) => (await getJournal()).ack(ids)),
    'journal:compact': guard('journal compact', async () => (await getJournal()).compact()),
    'backup:write': guard('backup write', ({ reason, content }) =>
      getBackups().write(reason, content),
    ),
    'backup:list': guard('backup list', () => getBackups().list()),
    'backup:read': guard('backup read', (name) => getBackups().read(name)),
    'disk:space': guard('disk space', async () => {
      // bavail: blocks an unprivileged process may still use (root's reserve left out).
      const stats = await (deps.statfs ?? ((dir: string) => fsPromises.statfs(dir)))(deps.dataDir);
      return {
        freeBytes: Math.floor(stats.bavail * stats.bsize),
        totalBytes: Math.floor(stats.blocks * stats.bsize),
      };
    }),
  };
}
