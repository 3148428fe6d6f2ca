/**
 * One process per embedded data folder (server/db/lock.ts): a live holder is refused with a
 * message naming it; a holder that is gone (kill -9, power cut) or whose process id now belongs to
 * a later process does not block; a holder on another host is refused with what to do.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DataFolderLockedError,
  LOCK_FILE,
  lockDataFolder,
  processStartTicks,
  type LockInfo,
} from '../../../server/db/lock';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fb-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeLock(info: Partial<LockInfo>): void {
  const full: LockInfo = {
    pid: 1,
    host: hostname(),
    holder: 'server',
    since: '2026-01-01T00:00:00.000Z',
    startTicks: null,
    ...info,
  };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(full));
}

/** A process that ran and exited: its id is (almost surely) free now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('the data folder lock', () => {
  it('is taken by the first opener and refused to the second, naming the holder', () => {
    const lock = lockDataFolder(dir, 'server');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    expect(() => lockDataFolder(dir, 'admin')).toThrow(DataFolderLockedError);
    expect(() => lockDataFolder(dir, 'admin')).toThrow(
      new RegExp(`in use by a running Fieldbook server \\(process ${process.pid}`),
    );
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataFolder(dir, 'admin').release();
  });

  it('left by a process that is gone (kill -9) does not block the next opener', async () => {
    writeLock({ pid: await deadPid() });
    const lock = lockDataFolder(dir, 'server');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('whose process id now belongs to a process started later does not block', () => {
    const ticks = processStartTicks(process.pid);
    if (ticks === null) return; // no /proc here: the pid check alone applies
    // Our own parent runs, but it did not start at tick 1: the id was "reused".
    writeLock({ pid: process.ppid, startTicks: 1 });
    lockDataFolder(dir, 'server').release();
  });

  it('held by a running process is refused, also when the file is half written garbage', () => {
    writeLock({ pid: process.ppid, startTicks: processStartTicks(process.ppid), holder: 'admin' });
    expect(() => lockDataFolder(dir, 'server')).toThrow(/the admin command/);
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    lockDataFolder(dir, 'server').release();
  });

  it('written on another host is refused with what to do', () => {
    writeLock({ pid: process.pid, host: 'some-other-host' });
    expect(() => lockDataFolder(dir, 'server')).toThrow(/on some-other-host.*delete/s);
  });
});
