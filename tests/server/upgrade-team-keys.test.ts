/**
 * Migration 4 (team first in the key of every table of team data) on a database that already
 * holds data: every row keeps its place under its user's team, a quarantined op of a deleted user
 * is kept for the administrator, the ledger of a deleted user goes, and afterwards the server
 * answers a retried push from the migrated ledger and still sees the migrated share.
 */
import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { PushResponse } from '../../shared/sync/protocol';
import { addTeam, addUser } from '../../server/accounts/accounts';
import { hashToken, newDeviceToken } from '../../server/accounts/secrets';
import { migrate } from '../../server/db/migrate';
import { MIGRATIONS } from '../../server/db/migrations';
import { HEADERS, clientFields, TestDevice, describeEachBackend, openedPerTest } from './harness';

const NIL_TEAM = '00000000-0000-0000-0000-000000000000';

describeEachBackend('team keys upgrade', (backend) => {
  const open = openedPerTest(backend);
  it('moves sequences, ledger, quarantine and shares under their team, and the server goes on answering from them', async () => {
    const db = await open.freshDb();
    expect(
      await migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 3),
      ),
    ).toEqual([1, 2, 3]);

    const team = `keys-${uuidv7().slice(-6)}`;
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
    const epoch = 'e1'.repeat(16);
    await db.query(`INSERT INTO server_meta (key, value) VALUES ('epoch', $1)`, [epoch]);

    // The schema-3 state after one pushed op: sequence, row, counter, ledger row.
    const device = new TestDevice();
    const clientId = uuidv7();
    const op = device.op('clients', clientId, clientFields(clientId, { name: 'ООО Ромашка' }));
    await db.query(
      'INSERT INTO device_seqs (user_id, device_node, last_seq, epoch) VALUES ($1, $2, 1, $3)',
      [userId, device.node, epoch],
    );
    await db.query('UPDATE team_counters SET v = 1 WHERE team_id = $1', [teamId]);
    await db.query(
      `INSERT INTO applied_batches (user_id, device_node, first_seq, last_seq, first_version, results)
         VALUES ($1, $2, 1, 1, 1, $3)`,
      [userId, device.node, JSON.stringify([{ seq: 1, opId: op.opId, status: 'applied', ord: 0 }])],
    );
    const sharedClient = uuidv7();
    await db.query('INSERT INTO shares (team_id, client_id, user_id) VALUES ($1, $2, $3)', [
      teamId,
      sharedClient,
      userId,
    ]);
    // A deleted user's leftovers: a quarantined op and a ledger row.
    const gone = uuidv7();
    const quarantined = uuidv7();
    await db.query(
      `INSERT INTO quarantine (op_id, user_id, device_node, op, reason) VALUES ($1, $2, 'n', '{}', 'clock ahead'),
                ($3, $4, $5, '{}', 'clock ahead')`,
      [quarantined, gone, uuidv7(), userId, device.node],
    );
    await db.query(
      `INSERT INTO applied_batches (user_id, device_node, first_seq, last_seq, first_version, results)
         VALUES ($1, 'n', 1, 1, NULL, '[]')`,
      [gone],
    );

    const app = await open.startServer(db);

    const teamOf = async (sql: string): Promise<string[]> =>
      (await db.query<{ team_id: string }>(sql)).rows.map((r) => r.team_id).sort();
    expect(await teamOf('SELECT team_id FROM device_seqs')).toEqual([teamId]);
    expect(await teamOf('SELECT team_id FROM applied_batches')).toEqual([teamId]);
    expect(await teamOf('SELECT team_id FROM shares')).toEqual([teamId]);
    expect(await teamOf('SELECT team_id FROM quarantine')).toEqual([NIL_TEAM, teamId].sort());

    // The retried op is answered from the migrated ledger, not applied again.
    const res = await app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { ...HEADERS, authorization: `Bearer ${token}` },
      payload: { epoch, deviceId: device.node, ops: [op] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<PushResponse>();
    expect(body.results.map((r) => [r.status, r.duplicate, r.version])).toEqual([
      ['applied', true, 1],
    ]);
    // The next op follows on from the migrated sequence.
    const next = device.op('clients', uuidv7(), clientFields(uuidv7()));
    next.fields.id = next.rowId;
    const res2 = await app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { ...HEADERS, authorization: `Bearer ${token}` },
      payload: { epoch, deviceId: device.node, ops: [next] },
    });
    expect(res2.json<PushResponse>().results.map((r) => [r.status, r.duplicate])).toEqual([
      ['applied', false],
    ]);
    expect(res2.json<PushResponse>().lastSeq).toBe(2);
  });
});
