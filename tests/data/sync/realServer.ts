/**
 * The set-up the tests against the real sync server share (real-server.test.ts,
 * two-devices.test.ts): one server for the test file, and the laptops each test opens on it,
 * closed after that test.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Device, startSyncServer, type RunningServer } from './harness';

export interface RealServer {
  /** The running server (from the file's beforeAll on). */
  readonly server: RunningServer;
  /** A new laptop, closed after the test; `skewMs` sets its wall clock off (a day ahead: +DAY). */
  device(name: string, skewMs?: number): Device;
}

/** Call once at the top of a test file. */
export function useRealServer(): RealServer {
  let server: RunningServer | undefined;
  const devices: Device[] = [];

  // PGlite starts and migrates in seconds, not milliseconds.
  beforeAll(async () => {
    server = await startSyncServer();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });
  afterEach(async () => {
    await Promise.all(devices.splice(0).map((d) => d.close()));
  });

  return {
    get server() {
      if (!server) throw new Error('the sync server is started in beforeAll');
      return server;
    },
    device(name, skewMs = 0) {
      const d = new Device(name);
      d.skewMs = skewMs;
      devices.push(d);
      return d;
    },
  };
}
