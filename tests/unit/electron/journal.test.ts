import { spawn } from 'node:child_process';
import { promises as fsPromises } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi } from '../../../shared/ipc';
import type { OutboxOp } from '../../../shared/sync/outbox';

vi.mock('electron', () => ({
  app: { getVersion: () => '0.1.0', getPath: () => os.tmpdir() },
  dialog: {},
  Notification: class {},
  shell: {},
}));

const { openJournal, frameRecord, scanSegment } = await import('../../../electron/main/journal');
const { createBackupStore } = await import('../../../electron/main/backups');
const { createDurableHandlers } = await import('../../../electron/main/durable-handlers');
const { createDesktopHandlers } = await import('../../../electron/main/desktop-handlers');
const { createIpcGate } = await import('../../../electron/main/ipc-gate');

// A caller passes outbox rows as they are (fields of unknown values): checked by the compiler.
const outboxRowsAreJournalRows: NonNullable<DesktopApi['journalAppend']> extends (
  entries: { id: string; row: OutboxOp }[],
) => unknown
  ? true
  : never = true;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const writerScript = path.join(here, 'fixtures', 'journal-writer.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fieldbook-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const segments = async () => (await readdir(dir)).filter((n) => n.endsWith('.log')).sort();

/** Runs the writer until it has confirmed `atLeast` rows, then kills it with SIGKILL. */
function runWriterAndKill(
  journalDir: string,
  atLeast: number,
): Promise<{ confirmed: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, journalDir, '65536'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let confirmed = 0;
    let buffered = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) confirmed = Math.max(confirmed, Number(line));
      if (!killed && confirmed >= atLeast) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (!killed) reject(new Error(`writer ended on its own: ${stderr}`));
      else resolve({ confirmed, signal });
    });
  });
}

describe('durable journal (electron/main/journal.ts, real files)', () => {
  it('a writer killed with SIGKILL mid-append leaves a journal that reads back whole to the last complete row', async () => {
    let confirmedTotal = 0;
    // Three crashes in a row, each writer reopening what the last one left.
    for (const target of [150, 400, 700]) {
      const { confirmed, signal } = await runWriterAndKill(dir, target);
      expect(signal).toBe('SIGKILL');
      confirmedTotal = confirmed;

      const journal = await openJournal({ dir, maxSegmentBytes: 65536 });
      const read = await journal.read({});
      await journal.close();
      expect(read.skipped.corrupt).toBe(0);
      // Every row the writer was told was written is there, numbered without a gap, intact.
      const seqs = read.entries.map((e) => e.seq);
      expect(seqs.length).toBeGreaterThanOrEqual(confirmedTotal);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      for (const entry of read.entries) {
        const row = entry.row as { batch: number; i: number; note: string };
        expect(entry.id).toBe(`op-${row.batch}-${row.i}`);
        expect(row.note.startsWith('Клиент просил перезвонить')).toBe(true);
      }
    }
    expect((await segments()).length).toBeGreaterThan(1); // rotation happened under the crashes

    // After the crashes the journal takes new rows, and they read back after the old ones.
    const journal = await openJournal({ dir, maxSegmentBytes: 65536 });
    const { lastSeq } = await journal.append([{ id: 'after-crash', row: { ok: true } }]);
    const read = await journal.read({ afterSeq: lastSeq - 1 });
    await journal.close();
    expect(lastSeq).toBeGreaterThan(confirmedTotal);
    expect(read.entries).toEqual([{ seq: lastSeq, id: 'after-crash', row: { ok: true } }]);
  }, 60_000);

  it('skips a torn tail and a corrupted record with a count, keeps the rows around them, and never appends onto a torn line', async () => {
    const journal = await openJournal({ dir });
    await journal.append([1, 2, 3].map((n) => ({ id: `op-${n}`, row: { n, text: 'запись' } })));
    await journal.close();
    const [segment] = await segments();
    const file = path.join(dir, segment as string);
    const bytes = await readFile(file);
    // Flip one byte inside the second record's JSON: its checksum no longer matches.
    const secondLine = bytes.indexOf(0x0a) + 1;
    const target = bytes.indexOf(Buffer.from('"n":2'), secondLine) + 4;
    bytes[target] = '7'.charCodeAt(0);
    await writeFile(file, bytes);
    // Then half of a fourth record, as a crash mid-append leaves it.
    const torn = frameRecord({ s: 4, i: 'op-4', r: { n: 4 } });
    await appendFile(file, torn.subarray(0, torn.length - 7));

    const reopened = await openJournal({ dir });
    const read = await reopened.read({});
    expect(read.skipped).toEqual({ torn: 1, corrupt: 1 });
    expect(read.entries.map((e) => e.id)).toEqual(['op-1', 'op-3']);
    const { lastSeq } = await reopened.append([{ id: 'op-5', row: { n: 5 } }]);
    const again = await reopened.read({});
    await reopened.close();
    expect(lastSeq).toBe(4);
    expect(again.entries.map((e) => e.id)).toEqual(['op-1', 'op-3', 'op-5']);
    expect(again.skipped).toEqual({ torn: 1, corrupt: 1 });
    expect(await segments()).toHaveLength(2);
  });

  it('a frame whose length does not match its text is refused even when it looks like JSON', () => {
    const good = frameRecord({ s: 1, i: 'a', r: 1 });
    const lying = Buffer.from(good.toString('utf8').replace(/^\d+/, '3'));
    expect(scanSegment(Buffer.concat([lying, good]))).toMatchObject({ corrupt: 1, torn: 0 });
    expect(scanSegment(Buffer.concat([lying, good])).records).toHaveLength(1);
  });

  it('drops acknowledged rows at compaction and never gives a sequence number twice', async () => {
    const journal = await openJournal({ dir, maxSegmentBytes: 1024 });
    for (let n = 1; n <= 20; n++)
      await journal.append([{ id: `op-${n}`, row: { n, note: 'x'.repeat(100) } }]);
    expect((await segments()).length).toBeGreaterThan(1);
    await journal.ack(['op-1', 'op-2', 'op-3', 'unknown']);
    const state = await journal.compact();
    expect(state.live).toBe(17);
    expect(await segments()).toHaveLength(1);
    const read = await journal.read({ limit: 5 });
    expect(read.entries.map((e) => e.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(read.more).toBe(true);
    const rest = await journal.read({ afterSeq: 8 });
    expect(rest.entries).toHaveLength(12);
    expect(rest.more).toBe(false);
    // Acknowledging most of the journal compacts it by itself.
    for (let n = 21; n <= 40; n++)
      await journal.append([{ id: `op-${n}`, row: { n, note: 'x'.repeat(100) } }]);
    expect((await segments()).length).toBeGreaterThan(1);
    await journal.ack(Array.from({ length: 39 }, (_, i) => `op-${i + 1}`));
    expect(await segments()).toHaveLength(1);
    expect((await journal.read({})).entries.map((e) => e.seq)).toEqual([40]);
    await journal.close();

    const reopened = await openJournal({ dir, maxSegmentBytes: 1024 });
    expect((await reopened.append([{ id: 'op-41', row: {} }])).lastSeq).toBe(41);
    await reopened.close();
  });
});

describe('a full disk while appending', () => {
  /** Real files, but the next write stops half-way with ENOSPC, as a full disk does. */
  function diskThatFills() {
    const state = { failNext: false };
    const fs = {
      ...fsPromises,
      open: async (...args: Parameters<typeof fsPromises.open>) => {
        const handle = await fsPromises.open(...args);
        return new Proxy(handle, {
          get(target, key) {
            if (key === 'write') {
              return async (data: Buffer) => {
                if (!state.failNext) return target.write(data);
                state.failNext = false;
                await target.write(data.subarray(0, Math.floor(data.length / 2)));
                throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
                  code: 'ENOSPC',
                });
              };
            }
            const value = Reflect.get(target, key) as unknown;
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      },
    };
    return { fs: fs as typeof fsPromises, state };
  }

  it('a write the disk refused is told as io_error "the disk is full", loses no confirmed row, and the next append works', async () => {
    const { fs, state } = diskThatFills();
    const handlers = createDurableHandlers({ dataDir: dir, journalFs: fs });
    expect(await handlers['journal:append']([{ id: 'op-1', row: { n: 1 } }])).toEqual({
      lastSeq: 1,
    });
    state.failNext = true;
    await expect(
      handlers['journal:append']([{ id: 'op-2', row: { n: 2, note: 'x'.repeat(500) } }]),
    ).rejects.toMatchObject({
      name: 'DesktopError',
      code: 'io_error',
      message: 'journal append: the disk is full',
    });
    // Space freed: the renderer retries the refused row and goes on.
    expect(await handlers['journal:append']([{ id: 'op-2', row: { n: 2 } }])).toEqual({
      lastSeq: 2,
    });
    expect(await handlers['journal:append']([{ id: 'op-3', row: { n: 3 } }])).toEqual({
      lastSeq: 3,
    });
    const read = await handlers['journal:read']({});
    expect(read.entries.map((e) => [e.seq, e.id])).toEqual([
      [1, 'op-1'],
      [2, 'op-2'],
      [3, 'op-3'],
    ]);
    expect(read.skipped).toEqual({ torn: 1, corrupt: 0 });
  });
});

describe('local backups (electron/main/backups.ts, real files)', () => {
  it('keeps the newest backups only, lists them newest first and reads one back', async () => {
    let time = Date.parse('2026-12-07T01:00:00.000Z');
    const store = createBackupStore({ dir, keep: 3, now: () => new Date(time) });
    for (let i = 0; i < 5; i++) {
      await store.write(i === 4 ? 'before_import' : 'scheduled', `{"n":${i}}`);
      time += 60_000;
    }
    const list = await store.list();
    expect(list.map((b) => b.reason)).toEqual(['before_import', 'scheduled', 'scheduled']);
    expect(list[0]).toMatchObject({ createdAt: '2026-12-07T01:04:00.000Z', bytes: 7 });
    expect(await store.read(list[0]!.name)).toBe('{"n":4}');
    // Two backups in the same millisecond are both kept.
    await store.write('manual', '{"n":5}');
    await store.write('manual', '{"n":6}');
    expect((await store.list()).map((b) => b.name)).toHaveLength(3);
    expect(new Set((await store.list()).map((b) => b.name)).size).toBe(3);
  });
});

describe('journal and backup channels behind the IPC gate (electron mocked)', () => {
  const appFrame = { senderFrame: { url: 'app://fieldbook/index.html', parent: null } };
  const secrets = { get: vi.fn(), set: vi.fn(), delete: vi.fn() };

  it('append, read and ack through the gate; malformed rows and backup names are refused', async () => {
    expect(outboxRowsAreJournalRows).toBe(true);
    const gate = createIpcGate({
      handlers: createDesktopHandlers({ secrets, getWindow: () => null, dataDir: dir }),
      isTrustedSenderUrl: (url) => url.startsWith('app://fieldbook/'),
    });
    const op = { seq: 1, opId: 'op-1', table: 'clients', fields: { name: 'ООО Ромашка' } };
    expect(await gate.dispatch('journal:append', appFrame, [[{ id: 'op-1', row: op }]])).toEqual({
      ok: true,
      value: { lastSeq: 1 },
    });
    expect(await gate.dispatch('journal:read', appFrame, [{}])).toEqual({
      ok: true,
      value: {
        entries: [{ seq: 1, id: 'op-1', row: op }],
        more: false,
        skipped: { torn: 0, corrupt: 0 },
      },
    });
    // A row with an undefined field or a date is kept as JSON keeps it.
    const at = new Date('2026-12-07T01:00:00.000Z');
    expect(
      await gate.dispatch('journal:append', appFrame, [
        [{ id: 'op-2', row: { fields: { note: undefined, at } } }],
      ]),
    ).toEqual({ ok: true, value: { lastSeq: 2 } });
    expect(await gate.dispatch('journal:read', appFrame, [{ afterSeq: 1 }])).toMatchObject({
      ok: true,
      value: { entries: [{ seq: 2, id: 'op-2', row: { fields: { at: at.toISOString() } } }] },
    });
    expect(await gate.dispatch('journal:ack', appFrame, [['op-1', 'op-2']])).toMatchObject({
      ok: true,
      value: { live: 0 },
    });
    expect(
      await gate.dispatch('journal:append', appFrame, [[{ id: 'x', row: () => 1 }]]),
    ).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await gate.dispatch('journal:append', appFrame, [[]])).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await gate.dispatch('backup:read', appFrame, ['../secrets.json'])).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    const written = await gate.dispatch('backup:write', appFrame, [
      { reason: 'before_import', content: '{"clients":[]}' },
    ]);
    expect(written).toMatchObject({ ok: true, value: { reason: 'before_import', bytes: 14 } });
    const list = await gate.dispatch('backup:list', appFrame, []);
    expect(list).toMatchObject({ ok: true, value: [{ reason: 'before_import' }] });
    expect(await readdir(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('tells the free space of the volume that holds the journal', async () => {
    const gate = createIpcGate({
      handlers: createDesktopHandlers({ secrets, getWindow: () => null, dataDir: dir }),
      isTrustedSenderUrl: (url) => url.startsWith('app://fieldbook/'),
    });
    const answer = await gate.dispatch('disk:space', appFrame, []);
    const real = await fsPromises.statfs(dir);
    expect(answer).toMatchObject({ ok: true, value: { totalBytes: real.blocks * real.bsize } });
    const { freeBytes, totalBytes } = (
      answer as { value: { freeBytes: number; totalBytes: number } }
    ).value;
    expect(freeBytes).toBeGreaterThan(0);
    expect(freeBytes).toBeLessThanOrEqual(totalBytes);
  });
});
