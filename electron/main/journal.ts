import { promises as fsPromises } from 'node:fs';
import path from 'node:path';
import type {
  JournalEntry,
  JournalReadRequest,
  JournalReadResult,
  JournalState,
} from '../../shared/ipc';
import { MAX_JOURNAL_READ } from '../../shared/ipc';
import { frameHeader, frameMatches } from '../../shared/journal-frame';
import { syncDirectory } from './atomic-write';

/**
 * The durable journal of unsynced work: every outbox row the renderer writes is also appended
 * here, in the main process, outside IndexedDB (issue 15: Chromium dropped a store after a disk
 * filled up, and with it every unsynced change). IndexedDB stays the working copy; this file is
 * what recovery reads when the book is gone or emptied.
 *
 * Format: segment files journal-000001.log, journal-000002.log… of framed lines
 *
 *     <byte length of JSON> <CRC-32 of JSON, 8 hex> <JSON>\n
 *
 * where JSON is {"s":seq,"i":id,"r":row} (a row), {"a":[ids]} (rows acknowledged by the server)
 * or {"h":seq} (after a compaction: the sequence numbers used so far). Each append is one write
 * and one fsync, so a crash leaves at most one torn line at the end of the last segment; reading
 * stops there, and a line whose length or checksum is wrong is skipped and counted, never trusted.
 * After a torn tail the next append starts a new segment, so new rows never join a broken line.
 */
export type JournalFs = Pick<
  typeof fsPromises,
  'open' | 'readdir' | 'readFile' | 'rename' | 'rm' | 'mkdir' | 'stat'
>;

export interface JournalOptions {
  /** The folder that holds the segments (created when missing). */
  dir: string;
  fs?: JournalFs;
  /** A segment that reaches this size is closed and a new one begun. Default 4 MiB. */
  maxSegmentBytes?: number;
}

export interface Journal {
  append(entries: readonly JournalEntry[]): Promise<{ lastSeq: number }>;
  read(request?: JournalReadRequest): Promise<JournalReadResult>;
  /** Marks rows as settled by the server; compacts when the settled part outweighs the rest. */
  ack(ids: readonly string[]): Promise<JournalState>;
  /** Rewrites the live rows into one fresh segment and deletes the older ones. */
  compact(): Promise<JournalState>;
  close(): Promise<void>;
}

/** Rows per read answer are also capped by size (32 Mi characters of JSON). */
const MAX_READ_CHARS = 32 * 1024 * 1024;
const SEGMENT = /^journal-(\d{6})\.log$/;
const segmentName = (n: number) => `journal-${String(n).padStart(6, '0')}.log`;
const NEWLINE = 0x0a;

/** One record as a framed line. */
export function frameRecord(record: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(record), 'utf8');
  return Buffer.concat([Buffer.from(frameHeader(json), 'ascii'), json, Buffer.from('\n')]);
}

type JournalRecord = { s: number; i: string; r: unknown } | { a: string[] } | { h: number };

export interface ScannedSegment {
  records: JournalRecord[];
  /** Each record's framed size in bytes, newline included (same order as records). */
  sizes: number[];
  /** A last line without its newline: the append a crash interrupted. */
  torn: number;
  /** Complete lines whose length, checksum or JSON is wrong. */
  corrupt: number;
  /** Whether the segment ends on a whole record (nothing or a newline last). */
  endsClean: boolean;
}

const HEADER = /^(\d{1,10}) ([0-9a-f]{8}) $/;

/** Reads one segment's bytes into records, skipping (and counting) what cannot be trusted. */
export function scanSegment(bytes: Buffer): ScannedSegment {
  const records: JournalRecord[] = [];
  const sizes: number[] = [];
  let corrupt = 0;
  let pos = 0;
  while (pos < bytes.length) {
    const end = bytes.indexOf(NEWLINE, pos);
    if (end < 0) return { records, sizes, torn: 1, corrupt, endsClean: false };
    const line = bytes.subarray(pos, end);
    pos = end + 1;
    const record = parseLine(line);
    if (record) {
      records.push(record);
      sizes.push(line.length + 1);
    } else corrupt++;
  }
  return { records, sizes, torn: 0, corrupt, endsClean: true };
}

function parseLine(line: Buffer): JournalRecord | null {
  // The header is at most 10 digits, a space, 8 hex digits and a space.
  const firstSpace = line.indexOf(0x20);
  const secondSpace = firstSpace < 0 ? -1 : line.indexOf(0x20, firstSpace + 1);
  if (secondSpace < 0 || secondSpace > 20) return null;
  const header = HEADER.exec(line.subarray(0, secondSpace + 1).toString('ascii'));
  if (!header) return null;
  const json = line.subarray(secondSpace + 1);
  if (!frameMatches(json, header[1] as string, header[2] as string)) return null;
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (Number.isInteger(v.s) && typeof v.i === 'string' && 'r' in v) return v as JournalRecord;
  if (Array.isArray(v.a) && v.a.every((id) => typeof id === 'string')) return v as JournalRecord;
  if (Number.isInteger(v.h)) return v as JournalRecord;
  return null;
}

interface Scan {
  rows: Map<number, { id: string; row: unknown; size: number }>;
  acked: Set<string>;
  lastSeq: number;
  torn: number;
  corrupt: number;
  segments: { n: number; bytes: number; endsClean: boolean }[];
}

export async function openJournal(options: JournalOptions): Promise<Journal> {
  const fs = options.fs ?? fsPromises;
  const dir = options.dir;
  const maxSegmentBytes = options.maxSegmentBytes ?? 4 * 1024 * 1024;
  await fs.mkdir(dir, { recursive: true });

  async function scanAll(): Promise<Scan> {
    const names = (await fs.readdir(dir)).filter((name) => SEGMENT.test(name)).sort();
    const scan: Scan = {
      rows: new Map(),
      acked: new Set(),
      lastSeq: 0,
      torn: 0,
      corrupt: 0,
      segments: [],
    };
    for (const name of names) {
      const bytes = await fs.readFile(path.join(dir, name));
      const segment = scanSegment(bytes);
      scan.torn += segment.torn;
      scan.corrupt += segment.corrupt;
      scan.segments.push({
        n: Number(SEGMENT.exec(name)?.[1]),
        bytes: bytes.length,
        endsClean: segment.endsClean,
      });
      segment.records.forEach((record, index) => {
        if ('s' in record) {
          // After an interrupted compaction a row is in two segments: one copy is enough.
          scan.rows.set(record.s, {
            id: record.i,
            row: record.r,
            size: segment.sizes[index] as number,
          });
          scan.lastSeq = Math.max(scan.lastSeq, record.s);
        } else if ('a' in record) {
          for (const id of record.a) scan.acked.add(id);
        } else {
          scan.lastSeq = Math.max(scan.lastSeq, record.h);
        }
      });
    }
    return scan;
  }

  const initial = await scanAll();
  let lastSeq = initial.lastSeq;
  /** Live (unacknowledged) rows: op id → bytes on disk, to know when compaction pays. */
  const liveIds = new Map<string, number>();
  let liveBytes = 0;
  const addLive = (id: string, size: number) => {
    liveBytes += size - (liveIds.get(id) ?? 0);
    liveIds.set(id, size);
  };
  for (const { id, size } of initial.rows.values()) if (!initial.acked.has(id)) addLive(id, size);
  const lastSegment = initial.segments[initial.segments.length - 1];
  let activeN = lastSegment?.n ?? 1;
  let activeBytes = lastSegment?.bytes ?? 0;
  let totalBytes = initial.segments.reduce((sum, s) => sum + s.bytes, 0);
  // Never append after a torn line: the new row would be read as part of the broken one.
  if (lastSegment && !lastSegment.endsClean) {
    activeN += 1;
    activeBytes = 0;
  }
  let handle: Awaited<ReturnType<JournalFs['open']>> | null = null;

  // One operation at a time: appends keep their order and compaction never races them.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  async function writeDurably(frames: Buffer): Promise<void> {
    if (activeBytes > 0 && activeBytes + frames.length > maxSegmentBytes) {
      await handle?.close();
      handle = null;
      activeN += 1;
      activeBytes = 0;
    }
    if (handle === null) {
      const isNew = activeBytes === 0;
      handle = await fs.open(path.join(dir, segmentName(activeN)), 'a', 0o600);
      if (isNew) await syncDirectory(dir, fs);
    }
    await handle.write(frames);
    await handle.sync();
    activeBytes += frames.length;
    totalBytes += frames.length;
  }

  const state = (): JournalState => ({ live: liveIds.size, bytes: totalBytes });

  async function compactNow(): Promise<JournalState> {
    const scan = await scanAll();
    const live = [...scan.rows.entries()]
      .filter(([, entry]) => !scan.acked.has(entry.id))
      .sort((a, b) => a[0] - b[0]);
    const frames = Buffer.concat([
      frameRecord({ h: Math.max(lastSeq, scan.lastSeq) }),
      ...live.map(([seq, entry]) => frameRecord({ s: seq, i: entry.id, r: entry.row })),
    ]);
    await handle?.close();
    handle = null;
    const n = Math.max(activeN, ...scan.segments.map((s) => s.n)) + 1;
    const target = path.join(dir, segmentName(n));
    const temp = `${target}.tmp`;
    const out = await fs.open(temp, 'w', 0o600);
    try {
      await out.write(frames);
      await out.sync();
    } finally {
      await out.close();
    }
    await fs.rename(temp, target);
    await syncDirectory(dir, fs);
    // The new segment is whole on disk before any old one goes.
    for (const segment of scan.segments) {
      await fs.rm(path.join(dir, segmentName(segment.n)), { force: true });
    }
    await syncDirectory(dir, fs);
    activeN = n;
    activeBytes = frames.length;
    totalBytes = frames.length;
    liveIds.clear();
    liveBytes = 0;
    for (const [, entry] of live) addLive(entry.id, entry.size);
    return state();
  }

  return {
    append: (entries) =>
      serial(async () => {
        const frames: Buffer[] = [];
        for (const entry of entries) {
          lastSeq += 1;
          frames.push(frameRecord({ s: lastSeq, i: entry.id, r: entry.row }));
        }
        const sizes = frames.map((f) => f.length);
        const seqBefore = lastSeq - entries.length;
        try {
          await writeDurably(Buffer.concat(frames));
        } catch (error) {
          // Nothing was promised: the numbers are given again to the next append.
          lastSeq = seqBefore;
          // A half-written batch may be on disk; the next append must not join its line.
          await handle?.close().catch(() => undefined);
          handle = null;
          activeN += 1;
          activeBytes = 0;
          throw error;
        }
        entries.forEach((entry, i) => addLive(entry.id, sizes[i] as number));
        return { lastSeq };
      }),

    read: (request = {}) =>
      serial(async () => {
        const scan = await scanAll();
        const afterSeq = request.afterSeq ?? 0;
        const limit = Math.min(request.limit ?? MAX_JOURNAL_READ, MAX_JOURNAL_READ);
        const live = [...scan.rows.entries()]
          .filter(([seq, entry]) => seq > afterSeq && !scan.acked.has(entry.id))
          .sort((a, b) => a[0] - b[0]);
        // One answer stays well under what IPC carries comfortably: by count and by size.
        let taken = 0;
        let chars = 0;
        while (taken < live.length && taken < limit) {
          chars += JSON.stringify((live[taken] as [number, { row: unknown }])[1].row).length;
          if (taken > 0 && chars > MAX_READ_CHARS) break;
          taken++;
        }
        return {
          entries: live
            .slice(0, taken)
            .map(([seq, entry]) => ({ seq, id: entry.id, row: entry.row as never })),
          more: live.length > taken,
          skipped: { torn: scan.torn, corrupt: scan.corrupt },
        };
      }),

    ack: (ids) =>
      serial(async () => {
        const known = ids.filter((id) => liveIds.has(id));
        if (known.length === 0) return state();
        await writeDurably(frameRecord({ a: known }));
        for (const id of known) {
          liveBytes -= liveIds.get(id) ?? 0;
          liveIds.delete(id);
        }
        // Settled rows are dead weight: drop them once they are most of a journal worth
        // rewriting (a quarter segment or more), so a long offline spell never rewrites on
        // every acknowledgement.
        if (totalBytes > maxSegmentBytes / 4 && liveBytes < totalBytes / 2) {
          return compactNow();
        }
        return state();
      }),

    compact: () => serial(compactNow),

    close: () =>
      serial(async () => {
        await handle?.close();
        handle = null;
      }),
  };
}
