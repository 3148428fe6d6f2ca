import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElectronDesktopApi, unwrapEnvelope } from '../../../renderer/platform/electron-api';
import {
  DesktopError,
  desktopErrorMessageKey,
  getDesktopApi,
  onToast,
  resetDesktopApiForTests,
  type Toast,
} from '../../../renderer/platform';
import { buildDesktopBridge } from '../../../electron/preload/bridge';
import { DESKTOP_METHODS, DESKTOP_ONLY_METHODS, type DesktopBridge } from '../../../shared/ipc';

function bridgeAnswering(answer: (channel: string, args: unknown[]) => unknown) {
  const invoke = vi.fn(async (channel: string, ...args: unknown[]) => answer(channel, args));
  return { bridge: buildDesktopBridge(invoke), invoke };
}

afterEach(() => {
  delete (window as unknown as Record<string, unknown>).fieldbook;
  resetDesktopApiForTests();
});

describe('Electron DesktopApi over window.fieldbook', () => {
  it('returns the value of an ok envelope', async () => {
    const { bridge, invoke } = bridgeAnswering(() => ({ ok: true, value: 'tok' }));
    await expect(createElectronDesktopApi(bridge).getSecret('sync.device_token')).resolves.toBe(
      'tok',
    );
    expect(invoke).toHaveBeenCalledWith('secrets:get', 'sync.device_token');
  });

  it('throws a DesktopError carrying the code of a failed envelope', async () => {
    const { bridge } = bridgeAnswering(() => ({
      ok: false,
      error: { code: 'no_secret_store', message: 'no keyring' },
    }));
    const error = await createElectronDesktopApi(bridge)
      .setSecret('k', 'v')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DesktopError);
    expect(error).toMatchObject({ code: 'no_secret_store' });
    expect(desktopErrorMessageKey(error)).toBe('desktop.errors.no_secret_store');
  });

  it.each([
    undefined,
    null,
    'ok',
    { ok: 'true' },
    { ok: false, error: { code: 'made_up', message: '' } },
  ])('treats the malformed answer %j as internal', (answer) => {
    expect(() => unwrapEnvelope(answer)).toThrow(expect.objectContaining({ code: 'internal' }));
  });

  it('shows a toast when the OS has no notification service', async () => {
    const toasts: Toast[] = [];
    const stop = onToast((toast) => toasts.push(toast));
    const { bridge } = bridgeAnswering(() => ({
      ok: false,
      error: { code: 'notifications_unavailable', message: '' },
    }));
    await createElectronDesktopApi(bridge).notify({ title: 'Visit', body: 'Call back' });
    stop();
    expect(toasts).toEqual([expect.objectContaining({ title: 'Visit', body: 'Call back' })]);
  });

  it('lets other notification failures reach the caller', async () => {
    const { bridge } = bridgeAnswering(() => ({
      ok: false,
      error: { code: 'forbidden_sender', message: '' },
    }));
    await expect(
      createElectronDesktopApi(bridge).notify({ title: 'x', body: '' }),
    ).rejects.toMatchObject({
      code: 'forbidden_sender',
    });
  });
});

describe('getDesktopApi picks the implementation', () => {
  it('uses the Electron bridge when the preload exposed window.fieldbook', async () => {
    const { bridge, invoke } = bridgeAnswering(() => ({
      ok: true,
      value: { version: '9.9.9', platform: 'win32' },
    }));
    (window as unknown as { fieldbook: DesktopBridge }).fieldbook = bridge;
    await expect(getDesktopApi().appInfo()).resolves.toEqual({
      version: '9.9.9',
      platform: 'win32',
    });
    expect(invoke).toHaveBeenCalledWith('app:info');
  });

  it('uses the browser twin when there is no bridge, or only part of one', async () => {
    const partial = { appInfo: vi.fn() };
    (window as unknown as { fieldbook: unknown }).fieldbook = partial;
    await expect(getDesktopApi().appInfo()).resolves.toMatchObject({ platform: 'web' });
    expect(partial.appInfo).not.toHaveBeenCalled();
  });

  it('offers every method of the contract in both implementations (the browser prints itself)', () => {
    const methods = Object.keys(DESKTOP_METHODS).sort();
    const desktopOnly: readonly string[] = DESKTOP_ONLY_METHODS;
    expect(Object.keys(getDesktopApi()).sort()).toEqual(
      methods.filter((m) => !desktopOnly.includes(m)),
    );
    resetDesktopApiForTests();
    (window as unknown as { fieldbook: DesktopBridge }).fieldbook = bridgeAnswering(
      () => null,
    ).bridge;
    expect(Object.keys(getDesktopApi()).sort()).toEqual(methods);
  });
});
