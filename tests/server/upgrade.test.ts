/**
 * A server upgraded in place: a database made by the first schema (one ledger row per op) is
 * migrated at start to the current one (one ledger row per batch). An op a device pushed before
 * the upgrade, whose answer it never got, is answered from the moved ledger when the device
 * retries, exactly as before; nothing is applied twice.
 */
import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { addTeam, addUser } from '../../server/accounts/accounts';
import { hashToken, newDeviceToken } from '../../server/accounts/secrets';
import { migrate } from '../../server/db/migrate';
import { MIGRATIONS } from '../../server/db/migrations';
import type { OpResult, PushResponse } from '../../shared/sync/protocol';
import { HEADERS, clientFields, TestDevice, describeEachBackend, openedPerTest } from './harness';

describeEachBackend('upgrade', (backend) => {
  const open = openedPerTest(backend);
  it('a retry of an op applied before the upgrade gets its first answer, and is not applied again', async () => {
    const db = await open.freshDb();
    expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);

    // What the first schema held after a push of one op: the device's sequence, the row at
    // version 1, the team's counter and the op's answer in the per-op ledger.
    const team = `upgrade-${uuidv7().slice(-6)}`;
    const teamId = await addTeam(db, team);
    const userId = await addUser(db, {
      team,
      email: `${team}@example.test`,
      name: 'Rep',
      role: 'rep',
      password: 'a long test password',
    });
    const token = newDeviceToken();
    await db.query('INSERT INTO devices (id, user_id, name, token_hash) VALUES ($1, $2, $3, $4)', [
      uuidv7(),
      userId,
      'laptop',
      hashToken(token),
    ]);
    const epoch = 'e0'.repeat(16); // the epoch the first server began
    await db.query(`INSERT INTO server_meta (key, value) VALUES ('epoch', $1)`, [epoch]);
    const device = new TestDevice();
    const clientId = uuidv7();
    const op = device.op('clients', clientId, clientFields(clientId, { name: 'ООО Ромашка' }));
    const answered: OpResult = {
      opId: op.opId,
      seq: op.seq,
      table: 'clients',
      rowId: clientId,
      status: 'applied',
      version: 1,
      duplicate: false,
      conflicts: [],
    };
    await db.query(
      'INSERT INTO device_seqs (user_id, device_node, last_seq, epoch) VALUES ($1, $2, 1, $3)',
      [userId, device.node, epoch],
    );
    await db.query('UPDATE team_counters SET v = 1 WHERE team_id = $1', [teamId]);
    await db.query(
      'INSERT INTO applied_ops (user_id, device_node, seq, op_id, result) VALUES ($1, $2, 1, $3, $4)',
      [userId, device.node, op.opId, JSON.stringify(answered)],
    );

    // The new server starts on it: the remaining migrations run, the ledger moves.
    const app = await open.startServer(db);
    const { rows: versions } = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));

    const res = await app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { ...HEADERS, authorization: `Bearer ${token}` },
      payload: { epoch, deviceId: device.node, ops: [op] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<PushResponse>();
    expect(body.lastSeq).toBe(1);
    expect(body.results).toEqual([{ ...answered, duplicate: true }]);
    // Not applied again: the team's counter did not move.
    const { rows: counter } = await db.query<{ v: string }>(
      'SELECT v FROM team_counters WHERE team_id = $1',
      [teamId],
    );
    expect(Number(counter[0]!.v)).toBe(1);
  });
});
