/** The start check and recovery that wraps the app (renderer/main.tsx). */
export { StorageGate } from './StorageGate';
