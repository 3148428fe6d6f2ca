/**
 * Bounds on what slow or greedy connections can hold: time (headers, whole request, idle
 * socket), connections (in all and per address), and the request bodies in memory at once (per
 * device and in all). Each bound answers or closes; none waits for the peer's good will.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LIMITS } from '../../shared/sync/protocol';
import { ApiError } from './errors';

export interface Timeouts {
  /** Until the request's headers are complete; then 408 and close. */
  headersMs: number;
  /** Until the whole request (headers and body) has arrived; then 408 and close. */
  requestMs: number;
  /** A socket with no traffic for this long is closed (before or between requests). */
  idleMs: number;
  /** A kept-alive socket waits this long for its next request. */
  keepAliveMs: number;
}

/**
 * A sync request is small (a 500-op batch is about half a megabyte): 60 s lets 8 MiB through a
 * slow mobile link; 10 s is ample for headers.
 */
export const TIMEOUTS: Timeouts = {
  headersMs: 10_000,
  requestMs: 60_000,
  idleMs: 30_000,
  keepAliveMs: 5_000,
};

export interface ConnectionLimits {
  /** Open connections in all; past it a new one is closed at once. */
  max: number;
  /** Open connections from one address (an office's reps share one): past it, closed at once. */
  perAddress: number;
  /** Requests of one device in flight at once; past it, 429. */
  perDevice: number;
  /** Bytes of request bodies announced and in flight at once (a chunked body counts as the largest allowed); past it, 503. */
  bodyBytes: number;
}

const CONNECTIONS: ConnectionLimits = {
  max: 4096,
  perAddress: 256,
  perDevice: 4,
  bodyBytes: 64 * 1024 * 1024,
};

export function guardConnections(
  app: FastifyInstance,
  timeouts: Partial<Timeouts> = {},
  limits: Partial<ConnectionLimits> = {},
): void {
  const t = { ...TIMEOUTS, ...timeouts };
  const c = { ...CONNECTIONS, ...limits };
  const server = app.server;
  server.headersTimeout = t.headersMs;
  // Node checks the header and request timeouts of open connections on this interval (30 s by
  // default): without a shorter one a deadline could be overrun by half a minute.
  (server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    Math.max(50, Math.min(1000, Math.floor(t.headersMs / 4)));
  server.maxConnections = c.max;
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const open = (perAddress.get(address) ?? 0) + 1;
    if (open > c.perAddress) {
      socket.destroy();
      return;
    }
    perAddress.set(address, open);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
}

/** Requests in flight per device and body bytes in flight in all, released when the reply ends. */
export class RequestBudget {
  private readonly perDevice = new Map<string, number>();
  private bytes = 0;
  private readonly limits: ConnectionLimits;

  constructor(limits: Partial<ConnectionLimits> = {}) {
    this.limits = { ...CONNECTIONS, ...limits };
  }

  admit(request: FastifyRequest, reply: FastifyReply, deviceId: string | undefined): void {
    const length = Number(request.headers['content-length']);
    const announced = Number.isFinite(length)
      ? Math.min(Math.max(length, 0), LIMITS.maxRequestBytes)
      : request.headers['transfer-encoding'] !== undefined
        ? LIMITS.maxRequestBytes
        : 0;
    if (deviceId !== undefined && (this.perDevice.get(deviceId) ?? 0) >= this.limits.perDevice)
      throw new ApiError(
        'rate_limited',
        'Too many requests from this device at once; retry later',
        {
          retryAfterMs: 1000,
        },
      );
    if (announced > 0 && this.bytes + announced > this.limits.bodyBytes)
      throw new ApiError(
        'unavailable',
        'The server is busy receiving other requests; retry later',
        {
          retryAfterMs: 1000,
        },
      );
    this.bytes += announced;
    if (deviceId !== undefined)
      this.perDevice.set(deviceId, (this.perDevice.get(deviceId) ?? 0) + 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.bytes -= announced;
      if (deviceId === undefined) return;
      const left = (this.perDevice.get(deviceId) ?? 1) - 1;
      if (left <= 0) this.perDevice.delete(deviceId);
      else this.perDevice.set(deviceId, left);
    };
    reply.raw.once('finish', release);
    reply.raw.once('close', release);
  }
}
