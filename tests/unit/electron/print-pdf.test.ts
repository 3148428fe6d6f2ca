// The visit report's PDF in the desktop app: the app window printed by Electron and saved where
// the rep chose, behind the same IPC gate as every channel (electron mocked).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  showSaveDialog: vi.fn(),
  printToPDF: vi.fn(),
  windowOpen: true,
}));

vi.mock('electron', () => ({
  app: { getVersion: () => '0.1.0', getPath: () => os.tmpdir() },
  dialog: { showSaveDialog: electron.showSaveDialog, showOpenDialog: vi.fn() },
  Notification: class {
    static isSupported = () => false;
  },
  shell: { openExternal: vi.fn() },
}));

const { createDesktopHandlers } = await import('../../../electron/main/desktop-handlers');
const { createIpcGate } = await import('../../../electron/main/ipc-gate');

const PDF = new TextEncoder().encode('%PDF-1.4\n% visit report\n%%EOF\n');
const appFrame = { senderFrame: { url: 'app://fieldbook/index.html', parent: null } };
const secrets = { get: vi.fn(), set: vi.fn(), delete: vi.fn() };
const window = { webContents: { printToPDF: electron.printToPDF } };
const gate = createIpcGate({
  handlers: createDesktopHandlers({
    secrets,
    getWindow: () => (electron.windowOpen ? (window as never) : null),
  }),
  isTrustedSenderUrl: (url) => url.startsWith('app://fieldbook/'),
  log: () => undefined,
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fieldbook-pdf-'));
  vi.clearAllMocks();
  electron.windowOpen = true;
  electron.printToPDF.mockResolvedValue(PDF);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('visit:print-pdf (electron mocked)', () => {
  it('prints the app window to PDF and writes it where the rep chose', async () => {
    const target = path.join(dir, 'visit.pdf');
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const answer = await gate.dispatch('visit:print-pdf', appFrame, [
      { suggestedName: 'Визит ООО Ромашка 2026-12-07.pdf' },
    ]);
    expect(answer).toEqual({ ok: true, value: { saved: true, path: target } });
    expect([...(await readFile(target))]).toEqual([...PDF]);
    expect(electron.printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ printBackground: true, pageSize: 'A4' }),
    );
    expect(electron.showSaveDialog.mock.calls[0]?.at(-1)).toMatchObject({
      defaultPath: expect.stringMatching(/Визит ООО Ромашка 2026-12-07\.pdf$/),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
  });

  it('adds .pdf when the rep typed a name without it', async () => {
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path.join(dir, 'v') });
    const answer = await gate.dispatch('visit:print-pdf', appFrame, [{ suggestedName: 'v' }]);
    expect(answer).toEqual({ ok: true, value: { saved: true, path: path.join(dir, 'v.pdf') } });
    await expect(readFile(path.join(dir, 'v.pdf'))).resolves.toBeTruthy();
  });

  it('writes nothing and answers saved: false when the rep cancels', async () => {
    electron.showSaveDialog.mockResolvedValue({ canceled: true });
    const answer = await gate.dispatch('visit:print-pdf', appFrame, [{ suggestedName: 'v.pdf' }]);
    expect(answer).toEqual({ ok: true, value: { saved: false } });
  });

  it('refuses a suggested name with a folder in it, before printing', async () => {
    const answer = await gate.dispatch('visit:print-pdf', appFrame, [
      { suggestedName: '../../etc/x.pdf' },
    ]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(electron.printToPDF).not.toHaveBeenCalled();
  });

  it('tells io_error when the chosen folder cannot be written', async () => {
    electron.showSaveDialog.mockResolvedValue({
      canceled: false,
      filePath: path.join(dir, 'missing-folder', 'v.pdf'),
    });
    const answer = await gate.dispatch('visit:print-pdf', appFrame, [{ suggestedName: 'v.pdf' }]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'io_error' } });
  });

  it('fails as internal when no window is open to print', async () => {
    electron.windowOpen = false;
    const answer = await gate.dispatch('visit:print-pdf', appFrame, [{ suggestedName: 'v.pdf' }]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
