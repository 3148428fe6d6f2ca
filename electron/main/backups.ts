import { promises as fsPromises } from 'node:fs';
import path from 'node:path';
import {
  BackupNameSchema,
  DesktopError,
  type BackupInfo,
  type BackupReason,
  BackupReasonSchema,
} from '../../shared/ipc';
import { writeFileAtomic, type AtomicWriteFs } from './atomic-write';

/**
 * Automatic local backups, beside the journal: the renderer hands over a backup (shared/backup's
 * JSON) on a schedule and before risky operations; each is written atomically, and only the
 * newest `keep` stay. Restoring one is the renderer's work; this only keeps the files.
 */
type BackupFs = AtomicWriteFs & Pick<typeof fsPromises, 'readdir' | 'readFile' | 'stat' | 'mkdir'>;

export interface BackupStoreOptions {
  dir: string;
  fs?: BackupFs;
  /** How many backups to keep. Default 10. */
  keep?: number;
  now?: () => Date;
}

export interface BackupStore {
  write(reason: BackupReason, content: string): Promise<BackupInfo>;
  /** Newest first. */
  list(): Promise<BackupInfo[]>;
  read(name: string): Promise<string>;
}

const NAME = /^backup-(\d{8}T\d{9}Z)-([a-z_]{1,20})\.json$/;

/** 2026-12-07T01:32:08.123Z → 20261207T013208123Z: sorts by time as text, safe on every OS. */
function backupStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function stampToIso(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : stamp;
}

export function createBackupStore(options: BackupStoreOptions): BackupStore {
  const fs = options.fs ?? fsPromises;
  const keep = Math.max(1, options.keep ?? 10);
  const now = options.now ?? (() => new Date());
  const dir = options.dir;

  async function names(): Promise<string[]> {
    await fs.mkdir(dir, { recursive: true });
    return (await fs.readdir(dir))
      .filter((name) => NAME.test(name))
      .sort()
      .reverse();
  }

  async function info(name: string): Promise<BackupInfo | null> {
    const m = NAME.exec(name);
    const reason = BackupReasonSchema.safeParse(m?.[2]);
    if (!m || !reason.success) return null;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat === null) return null;
    return { name, reason: reason.data, createdAt: stampToIso(m[1] as string), bytes: stat.size };
  }

  return {
    async write(reason, content) {
      const existing = await names();
      let time = now().getTime();
      // Two backups in one millisecond (a scheduled one and one before an import) keep both.
      while (existing.some((name) => name.startsWith(`backup-${backupStamp(new Date(time))}-`)))
        time += 1;
      const name = `backup-${backupStamp(new Date(time))}-${reason}.json`;
      await writeFileAtomic(path.join(dir, name), content, fs);
      const all = [name, ...existing].sort().reverse();
      for (const old of all.slice(keep)) {
        if (old !== name) await fs.rm(path.join(dir, old), { force: true });
      }
      const written = await info(name);
      if (written === null) throw new DesktopError('io_error', 'the backup was not written');
      return written;
    },
    async list() {
      const out: BackupInfo[] = [];
      for (const name of await names()) {
        const entry = await info(name);
        if (entry) out.push(entry);
      }
      return out;
    },
    async read(name) {
      if (!BackupNameSchema.safeParse(name).success) {
        throw new DesktopError('invalid_request', 'not a backup name');
      }
      try {
        return await fs.readFile(path.join(dir, name), 'utf8');
      } catch {
        throw new DesktopError('io_error', 'the backup could not be read');
      }
    },
  };
}
