/**
 * Looking after the second copy while the app runs: automatic local backups (on a schedule and
 * before risky operations, rotated by the store: the newest 10) and the free space where the
 * book lives, so the rep is warned before writes start failing (issue 15).
 */
import type { BackupReason, DiskSpace } from '../../../../shared/ipc';
import type { FieldbookDb } from '../../../data/db';
import { readBookMarker, setRiskHook } from '../../../data/journal';
import { exportBackup } from '../../backup';
import type { DurablePort } from './bookCheck';

const BACKUP_EVERY_MS = 60 * 60 * 1000;
export const DISK_CHECK_EVERY_MS = 2 * 60 * 1000;

/** Low: under 10% of the volume, at most 200 MiB (so a big disk warns at 200 MiB free). */
export function isSpaceLow(space: DiskSpace): boolean {
  const threshold = Math.min(200 * 1024 * 1024, space.totalBytes * 0.1);
  return space.freeBytes < threshold;
}

export class BackupKeeper {
  private lastFingerprint: string | null = null;

  constructor(
    private readonly db: FieldbookDb,
    private readonly port: DurablePort,
  ) {}

  private async fingerprint(): Promise<string> {
    const m = await readBookMarker(this.db);
    return `${m.clients}/${m.notes}/${m.outbox}/${m.seq}/${m.clock ?? ''}`;
  }

  /** A backup now; a scheduled one is skipped when nothing changed since the last. */
  async take(reason: BackupReason): Promise<boolean> {
    const fingerprint = await this.fingerprint();
    if (reason === 'scheduled' && fingerprint === this.lastFingerprint) return false;
    const content = await exportBackup(this.db);
    await this.port.backupWrite({ reason, content });
    this.lastFingerprint = fingerprint;
    return true;
  }

  /** Scheduled backups, and one before every risky operation (data/journal beforeRisk). */
  start(onFailure: (error: unknown) => void): () => void {
    const run = (reason: BackupReason) => this.take(reason).catch(onFailure);
    const timer = setInterval(() => void run('scheduled'), BACKUP_EVERY_MS);
    const unhook = setRiskHook(this.db, async (reason) => {
      try {
        await this.take(reason);
      } catch (error) {
        onFailure(error);
      }
    });
    return () => {
      clearInterval(timer);
      unhook();
    };
  }

  /** On start: a backup when the newest is older than the schedule (or there is none). */
  async takeIfDue(now = Date.now()): Promise<void> {
    const [newest] = await this.port.backupList();
    if (!newest || now - Date.parse(newest.createdAt) > BACKUP_EVERY_MS)
      await this.take('scheduled');
  }
}
