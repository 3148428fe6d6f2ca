/**
 * Requests that never finish are answered or closed within a bound, and one address cannot hold
 * every connection: raw sockets on loopback against the listening server. The bounds are
 * shortened here (AppOptions.timeouts); each wait below is several times the bound, so a pass
 * says "closed", not "closed fast".
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { describeBackends, type TestServer } from './harness';

const BOUND_MS = 1000;
/** A socket the server has not closed by now is being held open. */
const GIVE_UP_MS = 15_000;

interface Outcome {
  answer: string;
  closed: boolean;
}

function open(port: number, localAddress = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Writes `chunks`, then waits until the server closes the socket or GIVE_UP_MS passes. */
function outcome(socket: Socket, ...chunks: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      resolve({ answer, closed: false });
      socket.destroy();
    }, GIVE_UP_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ answer, closed: true });
    });
    for (const chunk of chunks) socket.write(chunk);
  });
}

const HEAD =
  'POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nFieldbook-Schema-Version: 1\r\nContent-Type: application/json\r\n';

describeBackends(
  'slow and never-ending requests',
  (server: () => TestServer) => {
    let port = 0;
    beforeAll(async () => {
      await server().app.listen({ port: 0, host: '127.0.0.1' });
      port = (server().app.server.address() as AddressInfo).port;
    });

    it('headers that never end are answered 408 and closed', async () => {
      const result = await outcome(await open(port), HEAD, 'X-Slow: 1\r\n');
      expect(result.closed).toBe(true);
      expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
    });

    it('a body shorter than its Content-Length is answered 408 and closed', async () => {
      const result = await outcome(await open(port), `${HEAD}Content-Length: 5000\r\n\r\n{"`);
      expect(result.closed).toBe(true);
      expect(result.answer).toMatch(/^HTTP\/1\.1 (408|400)/);
    });

    it('a chunk of 0xffffffffff bytes that never comes is answered and closed', async () => {
      const result = await outcome(
        await open(port),
        `${HEAD}Transfer-Encoding: chunked\r\n\r\nffffffffff\r\n{"`,
      );
      expect(result.closed).toBe(true);
      expect(result.answer).toMatch(/^HTTP\/1\.1 (408|413|400)/);
    });

    it('a connection that never sends anything is closed', async () => {
      const result = await outcome(await open(port));
      expect(result.closed).toBe(true);
    });

    it('one address holding its share of slow connections is refused more, while another address is served', async () => {
      const held = await Promise.all(Array.from({ length: 4 }, () => open(port, '127.0.0.2')));
      for (const socket of held) socket.write(HEAD);
      const extra = await outcome(await open(port, '127.0.0.2'), HEAD);
      expect(extra.closed).toBe(true);
      expect(extra.answer).toBe('');
      const other = await outcome(
        await open(port, '127.0.0.3'),
        'GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      );
      expect(other.answer).toMatch(/^HTTP\/1\.1 200/);
      for (const socket of held) socket.destroy();
    });
  },
  {
    timeouts: {
      headersMs: BOUND_MS,
      requestMs: 2 * BOUND_MS,
      idleMs: 4 * BOUND_MS,
      keepAliveMs: BOUND_MS,
    },
    connections: { perAddress: 4 },
  },
);
