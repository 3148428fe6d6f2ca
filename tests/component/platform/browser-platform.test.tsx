import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserDesktopApi } from '../../../renderer/platform/browser';
import { createIndexedDbSecretStore } from '../../../renderer/platform/browser-secrets';
import { onToast, type Toast } from '../../../renderer/platform/toast';
import { MAX_SECRET_BYTES } from '../../../shared/ipc';

let dbCounter = 0;
/** Each test gets its own database, so no test sees another's secrets. */
function freshApi(win: Window = window) {
  const secrets = createIndexedDbSecretStore(indexedDB, `fieldbook-secrets-test-${++dbCounter}`);
  return { api: createBrowserDesktopApi({ secrets, window: win }), secrets };
}

const unsubscribers: (() => void)[] = [];
function collectToasts(): Toast[] {
  const toasts: Toast[] = [];
  unsubscribers.push(onToast((toast) => toasts.push(toast)));
  return toasts;
}

afterEach(() => {
  for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function rejectionCode(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: { code?: unknown }) => error.code,
  );
}

describe('browser DesktopApi: secrets in a raw IndexedDB store', () => {
  it('returns what was set, null for what was never set, and null after delete', async () => {
    const { api } = freshApi();
    await expect(api.getSecret('sync.device_token')).resolves.toBeNull();
    await api.setSecret('sync.device_token', 'tok-1');
    await expect(api.getSecret('sync.device_token')).resolves.toBe('tok-1');
    await api.setSecret('sync.device_token', 'tok-2');
    await expect(api.getSecret('sync.device_token')).resolves.toBe('tok-2');
    await api.deleteSecret('sync.device_token');
    await expect(api.getSecret('sync.device_token')).resolves.toBeNull();
  });

  it('keeps secrets when the page reloads (a new store over the same database)', async () => {
    await createIndexedDbSecretStore(indexedDB, 'fieldbook-secrets-reload').set('k', 'v');
    const reloaded = createIndexedDbSecretStore(indexedDB, 'fieldbook-secrets-reload');
    await expect(reloaded.get('k')).resolves.toBe('v');
  });

  it('keeps secrets out of localStorage', async () => {
    const { api } = freshApi();
    await api.setSecret('sync.device_token', 'never-in-local-storage');
    expect(JSON.stringify({ ...localStorage })).not.toContain('never-in-local-storage');
  });

  it('refuses the same bad input the Electron gate refuses', async () => {
    const { api } = freshApi();
    await expect(rejectionCode(api.setSecret('Bad Key', 'v'))).resolves.toBe('invalid_request');
    await expect(rejectionCode(api.setSecret('k', 'x'.repeat(MAX_SECRET_BYTES + 1)))).resolves.toBe(
      'invalid_request',
    );
    await expect(rejectionCode(api.getSecret(42 as unknown as string))).resolves.toBe(
      'invalid_request',
    );
  });
});

describe('browser DesktopApi: notifications', () => {
  it('shows an in-app toast when notifications are not granted', async () => {
    const toasts = collectToasts();
    vi.stubGlobal('Notification', Object.assign(vi.fn(), { permission: 'default' }));
    await freshApi().api.notify({ title: 'Follow-up due', body: 'Call Petrov today' });
    expect(toasts).toEqual([
      expect.objectContaining({ title: 'Follow-up due', body: 'Call Petrov today' }),
    ]);
    expect(Notification).not.toHaveBeenCalled();
  });

  it('uses the Web Notification when permission was granted, and no toast', async () => {
    const toasts = collectToasts();
    const NotificationStub = Object.assign(vi.fn(), { permission: 'granted' });
    vi.stubGlobal('Notification', NotificationStub);
    await freshApi().api.notify({ title: 'Visit', body: 'Tomorrow 10:00' });
    expect(NotificationStub).toHaveBeenCalledWith('Visit', { body: 'Tomorrow 10:00' });
    expect(toasts).toEqual([]);
  });

  it('falls back to a toast when the Notification constructor throws', async () => {
    const toasts = collectToasts();
    const Throwing = Object.assign(
      vi.fn(() => {
        throw new TypeError('Illegal constructor');
      }),
      { permission: 'granted' },
    );
    vi.stubGlobal('Notification', Throwing);
    await freshApi().api.notify({ title: 'Visit', body: '' });
    expect(toasts).toHaveLength(1);
  });

  it('delivers toasts raised before the UI subscribed once it does', async () => {
    await freshApi().api.notify({ title: 'Early', body: 'before the UI' });
    const toasts = collectToasts();
    expect(toasts.map((toast) => toast.title)).toContain('Early');
  });
});

describe('browser DesktopApi: links and files', () => {
  it('opens a safe link in a new tab without opener, and refuses an unsafe one', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { api } = freshApi();
    await api.openExternal('HTTPS://Example.com/offer');
    expect(open).toHaveBeenCalledWith('https://example.com/offer', '_blank', 'noopener,noreferrer');
    await expect(rejectionCode(api.openExternal('javascript:alert(1)'))).resolves.toBe(
      'unsafe_url',
    );
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('saves through a download link named as suggested', async () => {
    // jsdom has no object URLs; lend the two functions for this test only.
    const urlStatics = URL as unknown as Record<string, unknown>;
    urlStatics.createObjectURL = vi.fn(() => 'blob:fieldbook/1');
    urlStatics.revokeObjectURL = vi.fn();
    unsubscribers.push(() => {
      delete urlStatics.createObjectURL;
      delete urlStatics.revokeObjectURL;
    });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    const result = await freshApi().api.saveFile({
      suggestedName: 'fieldbook-backup.json',
      content: '{"clients":[]}',
      mimeType: 'application/json',
    });
    expect(result).toEqual({ saved: true });
    expect(clicked[0]?.download).toBe('fieldbook-backup.json');
    expect(clicked[0]?.href).toBe('blob:fieldbook/1');
    expect(document.querySelector('a[download]')).toBeNull();
  });

  function chooseOnClick(file: File | null) {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
      this: HTMLInputElement,
    ) {
      if (file === null) {
        this.dispatchEvent(new Event('cancel'));
        return;
      }
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
  }

  it('opens a chosen file as bytes, accepting only the listed extensions', async () => {
    const bytes = Uint8Array.from([0xcf, 0xf0, 0xe8]);
    chooseOnClick(new File([bytes], 'clients.csv'));
    const opened = await freshApi().api.openFile({ accept: ['csv'], maxBytes: 1024 });
    expect(opened?.name).toBe('clients.csv');
    expect([...(opened?.bytes ?? [])]).toEqual([0xcf, 0xf0, 0xe8]);
    expect(document.querySelector('input[type=file]')).toBeNull();
  });

  it('answers null when the rep cancels the file picker', async () => {
    chooseOnClick(null);
    await expect(freshApi().api.openFile({ accept: ['csv'], maxBytes: 1024 })).resolves.toBeNull();
  });

  it('refuses a file over the limit and a file of another type', async () => {
    chooseOnClick(new File(['x'.repeat(2000)], 'big.csv'));
    await expect(
      rejectionCode(freshApi().api.openFile({ accept: ['csv'], maxBytes: 1024 })),
    ).resolves.toBe('file_too_large');
    vi.restoreAllMocks();
    chooseOnClick(new File(['MZ'], 'setup.exe'));
    await expect(
      rejectionCode(freshApi().api.openFile({ accept: ['csv'], maxBytes: 1024 })),
    ).resolves.toBe('file_type_not_allowed');
  });

  it('reports the app as running on the web, with no Electron version', async () => {
    await expect(freshApi().api.appInfo()).resolves.toMatchObject({
      platform: 'web',
      electron: null,
    });
  });
});
