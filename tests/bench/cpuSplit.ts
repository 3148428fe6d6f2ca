/**
 * Where a bench's CPU went, by process: this process (the sync server and the bench's driver),
 * the PostgreSQL backends of its database, and each kind of Chromium process it launched
 * (renderer: the app's main thread and its workers; storage: IndexedDB's backend; browser,
 * network, other). Read from /proc (Linux); on two shared cores the pull's time is roughly the sum
 * of its processes' CPU over two, so this tells which side a faster pull must come from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpuUsage } from 'node:process';

export type CpuGroup =
  | 'postgres'
  | 'server process'
  | 'chromium renderer'
  | 'chromium storage'
  | 'chromium browser'
  | 'chromium network'
  | 'chromium other';

/** CPU seconds per process id, with each process's group. */
export interface CpuSnapshot {
  at: number;
  byPid: Map<number, { group: CpuGroup; seconds: number }>;
  self: number;
}

const TICKS_PER_SECOND = 100;

function statOf(pid: number): { ppid: number; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    const ticks = Number(rest[11]) + Number(rest[12]);
    return { ppid, seconds: ticks / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function chromiumGroup(pid: number): CpuGroup {
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'chromium other';
  }
  if (cmdline.includes('--type=renderer')) return 'chromium renderer';
  if (cmdline.includes('storage.mojom')) return 'chromium storage';
  if (cmdline.includes('network.mojom')) return 'chromium network';
  if (!cmdline.includes('--type=')) return 'chromium browser';
  return 'chromium other';
}

/** Every descendant of this process (the browsers it launched) and the given backends. */
export function cpuSnapshot(postgresPids: readonly number[]): CpuSnapshot {
  const parents = new Map<number, { ppid: number; seconds: number }>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = statOf(pid);
    if (stat) parents.set(pid, stat);
  }
  const byPid = new Map<number, { group: CpuGroup; seconds: number }>();
  const descends = (pid: number): boolean => {
    for (let at = parents.get(pid)?.ppid; at !== undefined && at > 1; at = parents.get(at)?.ppid)
      if (at === process.pid) return true;
    return false;
  };
  for (const [pid, stat] of parents) {
    if (pid !== process.pid && descends(pid))
      byPid.set(pid, { group: chromiumGroup(pid), seconds: stat.seconds });
  }
  for (const pid of postgresPids) {
    const stat = parents.get(pid);
    if (stat) byPid.set(pid, { group: 'postgres', seconds: stat.seconds });
  }
  const usage = cpuUsage();
  return { at: performance.now(), byPid, self: (usage.user + usage.system) / 1e6 };
}

/** CPU seconds each group used between two snapshots (a process new since `from` counts whole). */
export function cpuBetween(from: CpuSnapshot, to: CpuSnapshot): Map<CpuGroup, number> {
  const groups = new Map<CpuGroup, number>([['server process', to.self - from.self]]);
  for (const [pid, { group, seconds }] of to.byPid) {
    const used = seconds - (from.byPid.get(pid)?.seconds ?? 0);
    groups.set(group, (groups.get(group) ?? 0) + used);
  }
  return groups;
}

/** One line: each group's CPU seconds and share, largest first. */
export function describeCpu(groups: Map<CpuGroup, number>, wallMs: number): string {
  const total = [...groups.values()].reduce((a, b) => a + b, 0);
  const parts = [...groups]
    .filter(([, s]) => s >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([group, s]) => `${group} ${s.toFixed(1)} s (${Math.round((100 * s) / total)}%)`);
  return `CPU ${total.toFixed(1)} s in ${(wallMs / 1000).toFixed(1)} s: ${parts.join(', ')}`;
}

/**
 * Snapshots every `everyMs` until stopped, keeping each process's latest reading: a process that
 * ends meanwhile (a pooled database connection closed when idle) still counts what it used.
 */
export function watchCpu(
  postgresPids: () => Promise<number[]>,
  everyMs = 1000,
): { stop(): Promise<CpuSnapshot> } {
  const seen = new Map<number, { group: CpuGroup; seconds: number }>();
  const sample = async (): Promise<CpuSnapshot> => {
    const snapshot = cpuSnapshot(await postgresPids());
    for (const [pid, reading] of snapshot.byPid) seen.set(pid, reading);
    return snapshot;
  };
  let sampling = sample();
  const timer = setInterval(() => {
    sampling = sampling.then(sample, sample);
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await sampling.catch(() => undefined);
      const last = await sample();
      return { ...last, byPid: new Map(seen) };
    },
  };
}
