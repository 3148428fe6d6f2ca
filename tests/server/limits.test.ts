/**
 * Limits in bytes: no record grows past LIMITS.maxRecordBytes however its fields arrive (parked
 * fields included), and no pull page past LIMITS.maxPullPageBytes, so one rep's pushes cannot
 * take the server's memory, nor stop any pull, theirs, their manager's or another team's.
 */
import { connect, type AddressInfo, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { LIMITS } from '../../shared/sync/protocol';
import {
  clientFields,
  describeBackends,
  newTeam,
  newUser,
  pull,
  pullAll,
  push,
  TestDevice,
  type TestServer,
} from './harness';

const KiB = 1024;
const MiB = 1024 * KiB;

describeBackends('limits in bytes', (server: () => TestServer) => {
  it('an op that would make a record larger than the limit is rejected with a reason, and the outbox moves on', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    const id = uuidv7();
    const huge = device.op('clients', id, {
      ...clientFields(id),
      parkedFuture: 'я'.repeat((7 * MiB) / 2),
    });
    const res = await push(s, rep, device, [huge]);
    expect(res.status).toBe(200);
    expect(res.body.lastSeq).toBe(1);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'record_too_large' });
    expect(res.body.results[0]!.reason).toMatch(/256 KiB/);
    expect((await pullAll(s, rep)).records).toEqual([]);
  });

  it('parked fields cannot pile up op after op past the limit, and the largest record is accepted', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    const id = uuidv7();
    expect(
      (await push(s, rep, device, [device.op('clients', id, clientFields(id))])).body.results[0]!
        .status,
    ).toBe('applied');
    const statuses: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await push(s, rep, device, [
        device.op('clients', id, { [`parked${i}`]: 'x'.repeat(60 * KiB) }, 1),
      ]);
      expect(res.status).toBe(200);
      statuses.push(res.body.results[0]!.status);
    }
    expect(statuses).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const { rows } = await s.db.query<{ bytes: number }>(
      'SELECT octet_length(data::text) + octet_length(stamps::text) AS bytes FROM records WHERE id = $1',
      [id],
    );
    expect(Number(rows[0]!.bytes)).toBeLessThanOrEqual(LIMITS.maxRecordBytes + 4 * KiB);
    // Just under the limit is taken whole.
    const edge = uuidv7();
    const base = JSON.stringify(clientFields(edge)).length + 2000;
    const fill = device.op('clients', edge, {
      ...clientFields(edge),
      parkedEdge: 'y'.repeat(LIMITS.maxRecordBytes - base),
    });
    expect((await push(s, rep, device, [fill])).body.results[0]!.status).toBe('applied');
  });

  it('oversized and ever-growing records leave every pull working: the rep, the manager and another team', async () => {
    const s = server();
    const team = await newTeam(s);
    const rep = await newUser(s, team);
    const manager = await newUser(s, team, 'manager');
    const other = await newUser(s, await newTeam(s));
    const otherDevice = new TestDevice();
    const device = new TestDevice();
    // The repro, scaled: rows pushed, then ops each setting a parked field to 7 MiB.
    const ids: string[] = [];
    for (let r = 0; r < 3; r++) {
      const id = uuidv7();
      ids.push(id);
      await push(s, rep, device, [device.op('clients', id, clientFields(id))]);
      for (let k = 0; k < 3; k++) {
        const res = await push(s, rep, device, [
          device.op('clients', id, { [`parked${k}`]: 'z'.repeat(7 * MiB) }, 1),
        ]);
        expect(res.status).toBe(200);
        expect(res.body.results[0]!.code).toBe('record_too_large');
      }
    }
    // Many records each near the limit: a page is cut by bytes, not by its 500-record count.
    for (let batch = 0; batch < 4; batch++) {
      const ops = [];
      for (let i = 0; i < 6; i++) {
        const id = uuidv7();
        ids.push(id);
        ops.push(device.op('clients', id, { ...clientFields(id), parked: 'w'.repeat(240 * KiB) }));
      }
      const res = await push(s, rep, device, ops);
      expect(res.body.results.every((r) => r.status === 'applied')).toBe(true);
    }
    for (const who of [rep, manager]) {
      let cursor: string | null = null;
      const seen: string[] = [];
      let pages = 0;
      for (;;) {
        const page = await s.app.inject({
          method: 'POST',
          url: '/v1/pull',
          headers: { 'fieldbook-schema-version': '1', authorization: `Bearer ${who.token}` },
          payload: { epoch: null, cursor },
        });
        expect(page.statusCode).toBe(200);
        expect(page.rawPayload.length).toBeLessThanOrEqual(
          LIMITS.maxPullPageBytes + LIMITS.maxRecordBytes + 64 * KiB,
        );
        const body = page.json() as { records: { id: string }[]; cursor: string; hasMore: boolean };
        seen.push(...body.records.map((r) => r.id));
        pages++;
        cursor = body.cursor;
        if (!body.hasMore) break;
      }
      expect(pages).toBeGreaterThan(1);
      expect(seen.sort()).toEqual([...ids].sort());
    }
    const id = uuidv7();
    const otherPush = await push(s, other, otherDevice, [
      otherDevice.op('clients', id, clientFields(id)),
    ]);
    expect(otherPush.body.results[0]!.status).toBe('applied');
    expect((await pull(s, other, null)).body.records.map((r) => r.id)).toEqual([id]);
  });
});

interface Held {
  socket: Socket;
  answer: string;
}

/** Sockets that sent a push's headers and one byte of its body: requests in flight. */
async function slowPushes(s: TestServer, token: string, count: number): Promise<Held[]> {
  if (!s.app.server.listening) await s.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = s.app.server.address() as AddressInfo;
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Held>((resolve) => {
          const socket = connect({ port, host: '127.0.0.1' }, () => {
            socket.write(
              `POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nFieldbook-Schema-Version: 1\r\n` +
                `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
                `Content-Length: 1000\r\n\r\n{`,
            );
            resolve(held);
          });
          const held: Held = { socket, answer: '' };
          socket.on('data', (d: Buffer) => (held.answer += d.toString()));
          socket.on('error', () => undefined);
        }),
    ),
  );
}

describeBackends('memory one device can take', (server: () => TestServer) => {
  it('a device with four requests in flight gets 429 for a fifth, and is served again once they end', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const held = await slowPushes(s, rep.token, 5);
    for (let i = 0; i < 200 && held.every((h) => h.answer === ''); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answered = held.filter((h) => h.answer !== '');
    expect(answered).toHaveLength(1);
    expect(answered[0]!.answer).toMatch(/^HTTP\/1\.1 429[\s\S]*rate_limited/);
    for (const h of held) h.socket.destroy();
    const device = new TestDevice();
    const id = uuidv7();
    const op = device.op('clients', id, clientFields(id));
    let again = await push(s, rep, device, [op]);
    for (let i = 0; i < 100 && again.status === 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await push(s, rep, device, [op]);
    }
    expect(again.status).toBe(200);
    expect(again.body.results[0]!.status).toBe('applied');
  });
});
