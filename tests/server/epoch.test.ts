import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { runCommand } from '../../server/cli';
import { ensureMeta } from '../../server/sync/meta';
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
  restoreTables,
  snapshotTables,
} from './harness';

describeBackends('epoch', (server: () => TestServer) => {
  it('every response names the epoch, and a request from an earlier epoch gets epoch_changed with the new one', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const first = await pull(s, rep, null);
    const epoch = first.body.epoch;
    expect(epoch).toMatch(/^[0-9a-f]{32}$/);
    await runCommand(s.db, ['new-epoch']);
    const stale = await pull(s, rep, first.body.cursor, { epoch });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('epoch_changed');
    expect(stale.body.error?.epoch).not.toBe(epoch);
    const device = new TestDevice();
    const id = uuidv7();
    const pushed = await push(s, rep, device, [device.op('clients', id, clientFields(id))], {
      epoch,
    });
    expect(pushed.status).toBe(409);
    expect((await pullAll(s, rep)).records).toEqual([]);
  });

  it('a restore from an older backup is detected from a cursor ahead of the data, and the client re-fills the server', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    const [kept, lost] = [uuidv7(), uuidv7()];
    const keptOp = device.op('clients', kept, clientFields(kept, { name: 'До бэкапа' }));
    await push(s, rep, device, [keptOp]);
    const snap = `bk${Date.now() % 100000}`;
    await snapshotTables(s.db, snap);
    const lostOp = device.op('clients', lost, clientFields(lost, { name: 'После бэкапа' }));
    const pushed = await push(s, rep, device, [lostOp]);
    expect(pushed.body.lastSeq).toBe(2);
    const { cursor } = await pullAll(s, rep);
    const epoch = pushed.body.epoch;

    await restoreTables(s.db, snap);

    // The client's cursor is ahead of everything the restored database has issued.
    const detected = await pull(s, rep, cursor, { epoch });
    expect(detected.status).toBe(409);
    expect(detected.body.error?.code).toBe('epoch_changed');
    const newEpoch = detected.body.error!.epoch!;
    expect(newEpoch).not.toBe(epoch);

    // Repair: pull everything of the new epoch, re-push what the server lacks with its own stamps.
    const server_ = await pull(s, rep, null, { epoch: newEpoch });
    expect(server_.body.records.map((r) => r.id)).toEqual([kept]);
    const repair = device.op('clients', lost, lostOp.fields, 0, {
      stamps: Object.fromEntries(Object.keys(lostOp.fields).map((f) => [f, lostOp.hlc])),
    });
    const refill = await push(s, rep, device, [repair], { epoch: newEpoch, resetSequence: true });
    expect(refill.status).toBe(200);
    expect(refill.body.lastSeq).toBe(repair.seq);
    expect(refill.body.results[0]!.status).toBe('applied');
    const after = await pullAll(s, rep);
    expect(after.records.map((r) => r.record.name).sort()).toEqual(
      ['До бэкапа', 'После бэкапа'].sort(),
    );

    // A reset is a one-off per epoch: once the device pushed in this epoch, it is refused.
    const again = await push(s, rep, device, [device.op('clients', lost, { name: 'x' })], {
      epoch: newEpoch,
      resetSequence: true,
    });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('sequence_reset_refused');
  });

  it('starting on a database whose cluster fingerprint changed begins a new epoch', async () => {
    const s = server();
    const before = await ensureMeta(s.db);
    expect(before.rotatedBecause).toBeNull();
    await s.db.query("UPDATE server_meta SET value = 'another-cluster' WHERE key = 'fingerprint'");
    const after = await ensureMeta(s.db);
    expect(after.rotatedBecause).toMatch(/fingerprint/);
    expect(after.epoch).not.toBe(before.epoch);
  });
});
