import { randomUUID } from 'node:crypto';
import { promises as fsPromises } from 'node:fs';
import { dirname } from 'node:path';

export type AtomicWriteFs = Pick<typeof fsPromises, 'open' | 'rename' | 'rm'>;

/**
 * Replaces a file so that a crash or power cut leaves either the old or the new content, never a
 * half-written file: write a temporary file beside it, fsync, then rename over the original.
 */
export async function writeFileAtomic(
  filePath: string,
  data: string | Uint8Array,
  fs: AtomicWriteFs = fsPromises,
): Promise<void> {
  const tempPath = `${filePath}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const handle = await fs.open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tempPath, filePath);
  } catch (error) {
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(filePath), fs);
}

/** A new or renamed file lives in its folder's entry: fsync the folder too (POSIX only). */
export async function syncDirectory(
  dir: string,
  fs: Pick<typeof fsPromises, 'open'> = fsPromises,
): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (handle === null) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the data itself is already synced.
  } finally {
    await handle.close();
  }
}
