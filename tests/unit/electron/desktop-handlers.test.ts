import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  showSaveDialog: vi.fn(),
  showOpenDialog: vi.fn(),
  notificationSupported: true,
  shown: [] as { title: string; body: string }[],
  openExternal: vi.fn(async () => undefined),
}));

vi.mock('electron', () => ({
  app: { getVersion: () => '0.1.0', getPath: () => os.tmpdir() },
  dialog: { showSaveDialog: electron.showSaveDialog, showOpenDialog: electron.showOpenDialog },
  Notification: class {
    static isSupported = () => electron.notificationSupported;
    constructor(private readonly options: { title: string; body: string }) {}
    show() {
      electron.shown.push(this.options);
    }
  },
  shell: { openExternal: electron.openExternal },
}));

const { createDesktopHandlers } = await import('../../../electron/main/desktop-handlers');
const { createIpcGate } = await import('../../../electron/main/ipc-gate');
const { readFileLimited } = await import('../../../electron/main/file-dialogs');

const appFrame = { senderFrame: { url: 'app://fieldbook/index.html', parent: null } };
const secrets = {
  get: vi.fn(async () => null),
  set: vi.fn(async () => undefined),
  delete: vi.fn(async () => undefined),
};
const gate = createIpcGate({
  handlers: createDesktopHandlers({ secrets, getWindow: () => null }),
  isTrustedSenderUrl: (url) => url.startsWith('app://fieldbook/'),
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fieldbook-files-'));
  electron.shown.length = 0;
  electron.notificationSupported = true;
  vi.clearAllMocks();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('desktop handlers behind the gate (electron mocked)', () => {
  it('reports the app version and platform', async () => {
    const answer = await gate.dispatch('app:info', appFrame, []);
    expect(answer).toMatchObject({
      ok: true,
      value: { version: '0.1.0', platform: process.platform },
    });
  });

  it('shows a notification from the main process', async () => {
    await expect(
      gate.dispatch('notify:show', appFrame, [{ title: 'Visit', body: 'Call Ivanov' }]),
    ).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(electron.shown).toEqual([{ title: 'Visit', body: 'Call Ivanov' }]);
  });

  it('answers notifications_unavailable when the OS has no notification service', async () => {
    electron.notificationSupported = false;
    const answer = await gate.dispatch('notify:show', appFrame, [{ title: 'Visit', body: '' }]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'notifications_unavailable' } });
  });

  it('saves the content where the rep chose', async () => {
    const target = path.join(dir, 'backup.json');
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const answer = await gate.dispatch('file:save', appFrame, [
      { suggestedName: 'backup.json', content: '{"clients":[]}', mimeType: 'application/json' },
    ]);
    expect(answer).toEqual({ ok: true, value: { saved: true, path: target } });
    await expect(readFile(target, 'utf8')).resolves.toBe('{"clients":[]}');
    expect(electron.showSaveDialog.mock.calls[0]?.[0]).toMatchObject({
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
  });

  it('reports saved: false when the rep cancels the save dialog', async () => {
    electron.showSaveDialog.mockResolvedValue({ canceled: true });
    const answer = await gate.dispatch('file:save', appFrame, [
      { suggestedName: 'backup.json', content: '{}', mimeType: 'application/json' },
    ]);
    expect(answer).toEqual({ ok: true, value: { saved: false } });
  });

  it('reads the bytes of an accepted file, untouched (Windows-1251 stays Windows-1251)', async () => {
    const file = path.join(dir, 'clients.CSV');
    const cp1251 = Uint8Array.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет" in Windows-1251
    await writeFile(file, cp1251);
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [file] });
    const answer = await gate.dispatch('file:open', appFrame, [{ accept: ['csv'], maxBytes: 100 }]);
    expect(answer).toMatchObject({ ok: true, value: { name: 'clients.CSV' } });
    const value = (answer as { value: { bytes: Uint8Array } }).value;
    expect([...value.bytes]).toEqual([...cp1251]);
  });

  it('answers null when the rep cancels the open dialog', async () => {
    electron.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    await expect(
      gate.dispatch('file:open', appFrame, [{ accept: ['csv'], maxBytes: 100 }]),
    ).resolves.toEqual({
      ok: true,
      value: null,
    });
  });

  it('refuses a file over the size limit without reading it into the answer', async () => {
    const file = path.join(dir, 'big.csv');
    await writeFile(file, 'x'.repeat(101));
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [file] });
    const answer = await gate.dispatch('file:open', appFrame, [{ accept: ['csv'], maxBytes: 100 }]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'file_too_large' } });
  });

  it('refuses a file whose extension was not accepted (typed past the filter)', async () => {
    const file = path.join(dir, 'notes.exe');
    await writeFile(file, 'MZ');
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [file] });
    const answer = await gate.dispatch('file:open', appFrame, [
      { accept: ['csv', 'txt'], maxBytes: 100 },
    ]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'file_type_not_allowed' } });
  });

  it('refuses a folder and a missing file with a typed error', async () => {
    await expect(readFileLimited(dir, 100)).rejects.toMatchObject({
      code: 'file_type_not_allowed',
    });
    await expect(readFileLimited(path.join(dir, 'missing.csv'), 100)).rejects.toMatchObject({
      code: 'io_error',
    });
  });

  it('opens only checked links in the OS browser', async () => {
    await gate.dispatch('shell:open-external', appFrame, ['https://example.com/price']);
    const refused = await gate.dispatch('shell:open-external', appFrame, ['file:///etc/passwd']);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unsafe_url' } });
    expect(electron.openExternal.mock.calls).toEqual([['https://example.com/price']]);
  });

  it('passes secrets calls to the secret store', async () => {
    await gate.dispatch('secrets:set', appFrame, ['sync.device_token', 'tok']);
    expect(secrets.set).toHaveBeenCalledWith('sync.device_token', 'tok');
  });
});
