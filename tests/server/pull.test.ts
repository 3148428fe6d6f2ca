import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { PushOp } from '../../shared/sync/protocol';
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

/** Lets a test hold one push transaction open, after it took its versions, until released. */
const gate: {
  hold: ((ops: readonly PushOp[]) => boolean) | null;
  entered?: () => void;
  release?: Promise<void>;
} = {
  hold: null,
};

describeBackends(
  'pull',
  (server: () => TestServer) => {
    it('pages through every row once, in version order, and then stays put', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const ids = Array.from({ length: 25 }, () => uuidv7());
      await push(
        s,
        rep,
        device,
        ids.map((id) => device.op('clients', id, clientFields(id))),
      );
      const { records, cursor, pages } = await pullAll(s, rep, null, 10);
      expect(pages).toBe(3);
      expect(records.map((r) => r.id).sort()).toEqual([...ids].sort());
      const versions = records.map((r) => r.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      const again = await pull(s, rep, cursor);
      expect(again.body.records).toEqual([]);
      expect(again.body.hasMore).toBe(false);
    });

    it('after a pull, only rows changed since come back', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const [a, b] = [uuidv7(), uuidv7()];
      const res = await push(s, rep, device, [
        device.op('clients', a, clientFields(a)),
        device.op('clients', b, clientFields(b)),
      ]);
      const { cursor } = await pullAll(s, rep);
      await push(s, rep, device, [
        device.op('clients', b, { name: 'Изменено' }, res.body.results[1]!.version!),
      ]);
      const next = await pullAll(s, rep, cursor);
      expect(next.records.map((r) => [r.id, r.record.name])).toEqual([[b, 'Изменено']]);
    });

    it('refuses a forged cursor and a cursor issued to someone else with bad_cursor', async () => {
      const s = server();
      const team = await newTeam(s);
      const [a, b] = [await newUser(s, team), await newUser(s, team)];
      const forged = await pull(s, a, '0.00000000000000000000000000000000');
      expect(forged.status).toBe(400);
      expect(forged.body.error?.code).toBe('bad_cursor');
      const { cursor } = await pullAll(s, a);
      const foreign = await pull(s, b, cursor);
      expect(foreign.status).toBe(400);
      expect(foreign.body.error?.code).toBe('bad_cursor');
    });

    it('a pull while an earlier push is still open never moves the cursor past its rows', async () => {
      const s = server();
      const team = await newTeam(s);
      const [rep1, rep2, manager] = [
        await newUser(s, team),
        await newUser(s, team),
        await newUser(s, team, 'manager'),
      ];
      const { cursor: start } = await pullAll(s, manager);
      const [d1, d2] = [new TestDevice(), new TestDevice()];
      const [slowId, fastId] = [uuidv7(), uuidv7()];
      const slowOps = [d1.op('clients', slowId, clientFields(slowId))];

      let releaseSlow!: () => void;
      const entered = new Promise<void>((resolve) => (gate.entered = resolve));
      gate.release = new Promise<void>((resolve) => (releaseSlow = resolve));
      gate.hold = (ops) => ops.some((op) => op.rowId === slowId);

      // Push A takes its version and stops before COMMIT.
      const slow = push(s, rep1, d1, slowOps);
      await entered;
      // Push B (another rep, same team) starts after A and must not commit a version A has not.
      const fast = push(s, rep2, d2, [d2.op('clients', fastId, clientFields(fastId))]);
      const during = pull(s, manager, start);
      if (s.backend === 'postgres') {
        // Real concurrency: the pull does not wait for A, and sees neither row nor moves past A's version.
        const page = await during;
        expect(page.body.records).toEqual([]);
        expect(Number(page.body.cursor.split('.')[0])).toBe(Number(start.split('.')[0]));
      }
      releaseSlow();
      const [slowRes, fastRes, duringPage] = await Promise.all([slow, fast, during]);
      expect(slowRes.status).toBe(200);
      expect(fastRes.status).toBe(200);
      expect(fastRes.body.results[0]!.version!).toBeGreaterThan(slowRes.body.results[0]!.version!);
      // Whatever the interleaving, the rows pulled during plus the rows pulled after hold both.
      const after = await pullAll(s, manager, duringPage.body.cursor);
      const seen = [...duringPage.body.records, ...after.records].map((r) => r.id);
      expect(seen.sort()).toEqual([slowId, fastId].sort());
      gate.hold = null;
    });
  },
  {
    beforeCommit: async ({ ops }) => {
      if (gate.hold?.(ops)) {
        gate.entered?.();
        await gate.release;
      }
    },
  },
);
