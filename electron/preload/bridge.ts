import { DESKTOP_METHODS, type DesktopMethod } from '../../shared/ipc-channels';
import type { DesktopBridge } from '../../shared/ipc';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/**
 * The object the page sees as `window.fieldbook`: exactly the DesktopApi methods, each one
 * ipcRenderer.invoke on its own channel. No generic send, no channel parameter, no ipcRenderer:
 * the page cannot reach a channel the contract does not name.
 */
export function buildDesktopBridge(invoke: Invoke): DesktopBridge {
  const bridge: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of Object.keys(DESKTOP_METHODS) as DesktopMethod[]) {
    const channel = DESKTOP_METHODS[method];
    bridge[method] = (...args: unknown[]) => invoke(channel, ...args);
  }
  return Object.freeze(bridge) as unknown as DesktopBridge;
}
