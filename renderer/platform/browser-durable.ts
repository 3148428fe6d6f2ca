/**
 * The browser's twin of the desktop journal and backups (docs/durable-journal.md), in the origin
 * private file system: `fieldbook-durable/journal.log` holds one framed line per record, as the
 * desktop's does (`<length> <CRC-32, 8 hex> <JSON>\n`, JSON `{"s":seq,"i":id,"r":row}` or
 * `{"a":[ids]}` or `{"h":seq}`), and `fieldbook-durable/backups/` the newest backups.
 *
 * What it can promise is less than the desktop's: the OPFS lives in the browser profile, on the
 * same disk as IndexedDB, and a browser that drops the origin's storage drops it too (README,
 * "What the browser build can promise"). It survives what issue 15 saw: Chromium discarding an
 * IndexedDB store it judged corrupt after a full disk.
 *
 * Every change is written through createWritable, whose close() replaces the file at once: a
 * refused write (disk full) leaves the file as it was, never half a line. Operations are
 * serialised across tabs with a Web Lock where there is one.
 */
import {
  DesktopError,
  JournalEntrySchema,
  MAX_JOURNAL_READ,
  type BackupInfo,
  type BackupReason,
  type DesktopApi,
  type DiskSpace,
  type DurableStoreMethod,
  type JournalReadResult,
  type JournalState,
} from '../../shared/ipc';
import { frameHeader, frameMatches } from '../../shared/journal-frame';

const ROOT = 'fieldbook-durable';
const JOURNAL = 'journal.log';
const BACKUPS = 'backups';
const KEEP_BACKUPS = 10;
/** Rewrite once the journal is worth it and settled rows are more than half its bytes. */
const COMPACT_MIN_BYTES = 256 * 1024;

export type DurableStore = Required<Pick<DesktopApi, DurableStoreMethod>>;

export interface BrowserDurableDeps {
  /** The folder to keep everything in; the origin private file system's root by default. */
  root?: () => Promise<FileSystemDirectoryHandle>;
  estimate?: () => Promise<StorageEstimate>;
}

const encoder = new TextEncoder();

function frame(record: unknown): string {
  const json = JSON.stringify(record);
  const bytes = encoder.encode(json);
  return `${frameHeader(bytes)}${json}\n`;
}

interface Parsed {
  /** Live rows by id, in sequence order. */
  live: Map<string, { seq: number; row: unknown; bytes: number }>;
  lastSeq: number;
  bytes: number;
  settledBytes: number;
  torn: number;
  corrupt: number;
}

function parseJournal(text: string): Parsed {
  const parsed: Parsed = {
    live: new Map(),
    lastSeq: 0,
    bytes: encoder.encode(text).length,
    settledBytes: 0,
    torn: 0,
    corrupt: 0,
  };
  const lines = text.split('\n');
  const tail = lines.pop();
  if (tail !== undefined && tail !== '') parsed.torn++;
  for (const line of lines) {
    const match = /^(\d+) ([0-9a-f]{8}) (.*)$/.exec(line);
    const json = match?.[3];
    const bytes = json === undefined ? null : encoder.encode(json);
    if (!match || bytes === null || !frameMatches(bytes, match[1] as string, match[2] as string)) {
      parsed.corrupt++;
      continue;
    }
    let record: { s?: number; i?: string; r?: unknown; a?: string[]; h?: number };
    try {
      record = JSON.parse(json as string) as typeof record;
    } catch {
      parsed.corrupt++;
      continue;
    }
    const size = encoder.encode(line).length + 1;
    if (typeof record.s === 'number' && typeof record.i === 'string') {
      parsed.lastSeq = Math.max(parsed.lastSeq, record.s);
      const before = parsed.live.get(record.i);
      if (before) parsed.settledBytes += before.bytes;
      parsed.live.set(record.i, { seq: record.s, row: record.r, bytes: size });
    } else if (Array.isArray(record.a)) {
      parsed.settledBytes += size;
      for (const id of record.a) {
        const gone = parsed.live.get(id);
        if (!gone) continue;
        parsed.settledBytes += gone.bytes;
        parsed.live.delete(id);
      }
    } else if (typeof record.h === 'number') {
      parsed.lastSeq = Math.max(parsed.lastSeq, record.h);
    } else {
      parsed.corrupt++;
    }
  }
  return parsed;
}

function ioError(error: unknown): DesktopError {
  if (error instanceof DesktopError) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const full = name === 'QuotaExceededError' ? 'the disk is full' : String(error);
  return new DesktopError('io_error', `${name}: ${full}`.slice(0, 400));
}

function backupName(now: Date, reason: BackupReason): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `backup-${stamp}-${reason}.json`;
}

function backupInfo(name: string, bytes: number): BackupInfo | null {
  const match = /^backup-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z-([a-z_]+)\.json$/.exec(
    name,
  );
  if (!match) return null;
  const [, y, mo, d, h, mi, s, ms, reason] = match;
  return {
    name,
    reason: reason as BackupReason,
    createdAt: `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`,
    bytes,
  };
}

/** Whether this browser has an origin private file system to keep the journal in. */
export function hasOriginPrivateFileSystem(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

export function createBrowserDurableStore(deps: BrowserDurableDeps = {}): DurableStore {
  const rootOf =
    deps.root ??
    (async () => {
      const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
      if (!storage?.getDirectory)
        throw new DesktopError('io_error', 'this browser has no origin private file system');
      return storage.getDirectory();
    });
  let chain: Promise<unknown> = Promise.resolve();

  /** One operation at a time, in this tab and (with Web Locks) across tabs. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = async () => {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      try {
        return locks ? ((await locks.request('fieldbook-durable', work)) as T) : await work();
      } catch (error) {
        throw ioError(error);
      }
    };
    const next = chain.then(run, run);
    chain = next.catch(() => undefined);
    return next;
  }

  async function folder(): Promise<FileSystemDirectoryHandle> {
    return (await rootOf()).getDirectoryHandle(ROOT, { create: true });
  }

  async function readJournal(): Promise<{ handle: FileSystemFileHandle; text: string }> {
    const handle = await (await folder()).getFileHandle(JOURNAL, { create: true });
    return { handle, text: await (await handle.getFile()).text() };
  }

  async function writeFile(
    handle: FileSystemFileHandle,
    text: string,
    append: boolean,
  ): Promise<void> {
    const writable = await handle.createWritable({ keepExistingData: append });
    try {
      if (append) await writable.seek((await handle.getFile()).size);
      else await writable.truncate(0);
      await writable.write(text);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => undefined);
      throw error;
    }
  }

  function stateOf(parsed: Parsed): JournalState {
    return { live: parsed.live.size, bytes: parsed.bytes };
  }

  async function compact(handle: FileSystemFileHandle, parsed: Parsed): Promise<JournalState> {
    let text = frame({ h: parsed.lastSeq });
    for (const [id, entry] of parsed.live) text += frame({ s: entry.seq, i: id, r: entry.row });
    await writeFile(handle, text, false);
    return stateOf(parseJournal(text));
  }

  async function backupsFolder(): Promise<FileSystemDirectoryHandle> {
    return (await folder()).getDirectoryHandle(BACKUPS, { create: true });
  }

  async function listBackups(): Promise<BackupInfo[]> {
    const dir = await backupsFolder();
    const found: BackupInfo[] = [];
    const entries = (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values();
    for await (const entry of entries) {
      if (entry.kind !== 'file') continue;
      const file = await (entry as FileSystemFileHandle).getFile();
      const info = backupInfo(entry.name, file.size);
      if (info) found.push(info);
    }
    return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  }

  return {
    journalAppend: (...args) =>
      serial(async () => {
        const [entries] = args;
        const checked = entries.map((e) => JournalEntrySchema.parse(e));
        const { handle, text } = await readJournal();
        let seq = parseJournal(text).lastSeq;
        const lines = checked.map((e) => frame({ s: ++seq, i: e.id, r: e.row })).join('');
        await writeFile(handle, lines, true);
        return { lastSeq: seq };
      }),
    journalRead: (...args) =>
      serial(async (): Promise<JournalReadResult> => {
        const [request] = args;
        const after = request.afterSeq ?? 0;
        const limit = Math.min(request.limit ?? MAX_JOURNAL_READ, MAX_JOURNAL_READ);
        const parsed = parseJournal((await readJournal()).text);
        const rows = [...parsed.live]
          .map(([id, e]) => ({ seq: e.seq, id, row: e.row as never }))
          .filter((e) => e.seq > after)
          .sort((a, b) => a.seq - b.seq);
        return {
          entries: rows.slice(0, limit),
          more: rows.length > limit,
          skipped: { torn: parsed.torn, corrupt: parsed.corrupt },
        };
      }),
    journalAck: (...args) =>
      serial(async () => {
        const [ids] = args;
        const { handle, text } = await readJournal();
        const line = frame({ a: ids });
        await writeFile(handle, line, true);
        const parsed = parseJournal(text + line);
        if (parsed.bytes >= COMPACT_MIN_BYTES && parsed.settledBytes * 2 > parsed.bytes)
          return compact(handle, parsed);
        return stateOf(parsed);
      }),
    journalCompact: () =>
      serial(async () => {
        const { handle, text } = await readJournal();
        return compact(handle, parseJournal(text));
      }),
    backupWrite: (...args) =>
      serial(async () => {
        const [request] = args;
        const dir = await backupsFolder();
        const name = backupName(new Date(), request.reason);
        const handle = await dir.getFileHandle(name, { create: true });
        try {
          await writeFile(handle, request.content, false);
        } catch (error) {
          await dir.removeEntry(name).catch(() => undefined);
          throw error;
        }
        const all = await listBackups();
        for (const old of all.slice(KEEP_BACKUPS))
          await dir.removeEntry(old.name).catch(() => undefined);
        return backupInfo(name, (await handle.getFile()).size) as BackupInfo;
      }),
    backupList: () => serial(listBackups),
    backupRead: (...args) =>
      serial(async () => {
        const [name] = args;
        if (!backupInfo(name, 0)) throw new DesktopError('invalid_request', 'invalid backup name');
        const handle = await (await backupsFolder()).getFileHandle(name);
        return (await handle.getFile()).text();
      }),
    diskSpace: async (): Promise<DiskSpace> => {
      const estimate =
        deps.estimate ??
        (() => {
          const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
          if (!storage?.estimate)
            throw new DesktopError('io_error', 'this browser gives no storage estimate');
          return storage.estimate();
        });
      const { quota = 0, usage = 0 } = await estimate();
      return {
        freeBytes: Math.max(0, Math.floor(quota - usage)),
        totalBytes: Math.floor(quota),
      };
    },
  };
}
