// Runs sandboxed before the page: bundled to one CommonJS file that requires only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_BRIDGE_GLOBAL } from '../../shared/ipc-channels';
import { buildDesktopBridge } from './bridge';

contextBridge.exposeInMainWorld(
  DESKTOP_BRIDGE_GLOBAL,
  buildDesktopBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
