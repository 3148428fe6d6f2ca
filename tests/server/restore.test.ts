/**
 * The repro: a restore that keeps the database's identity (same epoch, same fingerprint).
 * The server must notice from what devices prove it forgot, begin a new epoch, and after every
 * device's repair hold every row, with every device able to push again.
 */
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
  type TestUser,
  restoreTables,
  SERVER_TABLES,
  snapshotTables,
} from './harness';

/** A device with what it holds locally: its rows, as a client keeps them after their ops settled. */
class Device extends TestDevice {
  readonly rows = new Map<string, PushOp>();
  epoch: string | null = null;
  cursor: string | null = null;

  constructor(readonly user: TestUser) {
    super();
    this.epoch = user.login.epoch;
  }

  async create(s: TestServer, count: number, name: string): Promise<void> {
    const ops: PushOp[] = [];
    for (let i = 0; i < count; i++) {
      const id = uuidv7();
      const op = this.op('clients', id, clientFields(id, { name: `${name} ${i}` }));
      this.rows.set(id, op);
      ops.push(op);
    }
    const res = await push(s, this.user, this, ops, { epoch: this.epoch });
    expect(res.status).toBe(200);
    expect(res.body.lastSeq).toBe(this.seq);
  }

  /** The client's repair (docs §8): pull everything, re-push what the server lacks, reset the sequence. */
  async repair(s: TestServer, epoch: string): Promise<number> {
    this.epoch = epoch;
    this.cursor = null;
    const all = await pullAll(s, this.user);
    const held = new Set(all.records.map((r) => r.id));
    const missing = [...this.rows.values()].filter((op) => !held.has(op.rowId));
    const repairs = missing.map((op) =>
      this.op('clients', op.rowId, op.fields, 0, {
        stamps: Object.fromEntries(Object.keys(op.fields).map((f) => [f, op.hlc])),
      }),
    );
    // A device that lacks nothing still restarts its sequence with its next op.
    const batch =
      repairs.length > 0 ? repairs : [this.op('clients', [...this.rows.keys()][0]!, {})];
    const res = await push(s, this.user, this, batch, { epoch, resetSequence: true });
    expect(res.status).toBe(200);
    expect(res.body.lastSeq).toBe(this.seq);
    this.cursor = (await pullAll(s, this.user)).cursor;
    return missing.length;
  }

  async pushesAgain(s: TestServer): Promise<void> {
    const id = [...this.rows.keys()][0]!;
    const res = await push(s, this.user, this, [this.op('clients', id, { notes: 'после' }, 0)], {
      epoch: this.epoch,
    });
    expect(res.status).toBe(200);
    expect(res.body.stopped).toBeNull();
    expect(res.body.lastSeq).toBe(this.seq);
  }
}

async function repro(s: TestServer) {
  const team = await newTeam(s);
  const [repA, repB, manager] = [
    await newUser(s, team),
    await newUser(s, team),
    await newUser(s, team, 'manager'),
  ];
  const [a, b] = [new Device(repA), new Device(repB)];
  await a.create(s, 1, 'До снимка');
  const snap = `rs${Date.now() % 1_000_000}${Math.floor(Math.random() * 1000)}`;
  await snapshotTables(s.db, snap);
  await a.create(s, 60, 'После снимка');
  const managerView = await pullAll(s, manager);
  expect(managerView.records).toHaveLength(61);
  await restoreTables(s.db, snap);
  return { a, b, manager, managerCursor: managerView.cursor, epoch: repA.login.epoch };
}

async function settle(
  s: TestServer,
  devices: Device[],
  manager: TestUser,
  epoch: string,
): Promise<void> {
  let refilled = 0;
  for (const d of devices) refilled += await d.repair(s, epoch);
  expect(refilled).toBe(60);
  const everything = await pullAll(s, manager);
  const expected = devices.flatMap((d) => [...d.rows.keys()]).sort();
  expect(everything.records.map((r) => r.id).sort()).toEqual(expected);
  for (const d of devices) {
    const own = await pullAll(s, d.user);
    expect(own.records.map((r) => r.id).sort()).toEqual([...d.rows.keys()].sort());
    await d.pushesAgain(s);
  }
}

describeBackends('a restore that keeps the database identity', (server: () => TestServer) => {
  it('is rehearsed on every table the server has: the snapshot list is read from the migrations, none left out', async () => {
    const { rows } = await server().db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    const tables = rows.map((r) => r.table_name).filter((t) => t !== 'schema_migrations');
    expect([...SERVER_TABLES].sort()).toEqual(tables.sort());
  });

  it("is revealed by the manager's old cursor although new writes overtook the counter, and ends with every row everywhere", async () => {
    const s = server();
    const { a, b, manager, managerCursor, epoch } = await repro(s);
    await b.create(s, 100, 'Другой представитель');
    const stale = await pull(s, manager, managerCursor, { epoch });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('epoch_changed');
    const next = stale.body.error!.epoch!;
    expect(next).not.toBe(epoch);
    // The first rep's next push hears of it too, instead of a gap it could never close.
    const aPush = await push(s, a.user, a, [a.op('clients', [...a.rows.keys()][0]!, {}, 0)], {
      epoch,
    });
    expect(aPush.status).toBe(409);
    expect(aPush.body.error?.epoch).toBe(next);
    a.seq--;
    await settle(s, [a, b], manager, next);
  });

  it("is revealed by the first rep's next push, from a sequence the server acknowledged and forgot", async () => {
    const s = server();
    const { a, b, manager, epoch } = await repro(s);
    await b.create(s, 100, 'Другой представитель');
    const id = uuidv7();
    const op = a.op('clients', id, clientFields(id, { name: 'Следующая' }));
    const res = await push(s, a.user, a, [op], { epoch });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('epoch_changed');
    const next = res.body.error!.epoch!;
    expect(next).not.toBe(epoch);
    a.rows.set(id, op);
    // Every other device hears of the new epoch at its next request.
    const bPush = await push(s, b.user, b, [b.op('clients', [...b.rows.keys()][0]!, {}, 0)], {
      epoch,
    });
    expect(bPush.status).toBe(409);
    b.seq--;
    // `op` stays unsettled in A's outbox: the repair covers it (it is one of the rows the server lacks).
    let refilled = 0;
    for (const d of [a, b]) refilled += await d.repair(s, next);
    expect(refilled).toBe(61);
    const everything = await pullAll(s, manager);
    expect(everything.records).toHaveLength(162);
    for (const d of [a, b]) {
      const own = await pullAll(s, d.user);
      expect(own.records.map((r) => r.id).sort()).toEqual([...d.rows.keys()].sort());
      await d.pushesAgain(s);
    }
  });

  it("one user's unsigned evidence declares at most one restore in ten minutes: a repeated gap is answered as a gap", async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const d = new Device(rep);
    await d.create(s, 2, 'Обычные');
    // One user may declare a restore from unsigned evidence at most once in a while.
    d.seq += 5;
    const first = await push(s, rep, d, [d.op('clients', [...d.rows.keys()][0]!, {}, 0)], {
      epoch: d.epoch,
    });
    expect(first.status).toBe(409);
    const next = first.body.error!.epoch!;
    await d.repair(s, next);
    d.seq += 5;
    const second = await push(s, rep, d, [d.op('clients', [...d.rows.keys()][0]!, {}, 0)], {
      epoch: next,
    });
    expect(second.status).toBe(200);
    expect(second.body.stopped?.code).toBe('sequence_gap');
  });
});
