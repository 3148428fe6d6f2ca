/**
 * A push batch as the database sees it: three statements whatever its size (server/sync/batch-sql.ts).
 * Mixed batches (retried ops, fresh ops, refusals, a gap, several ops on one row, stamps that
 * disagree), the versions each result carries, and the ledger's pruning rule.
 */
import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { SYNCED_SCHEMAS } from '../../shared/domain';
import { LEDGER_KEEP } from '../../server/sync/batch-sql';
import { toStoredRow, type RecordRow } from '../../server/sync/rows';
import { shareClient } from '../../server/sync/shares';
import {
  clientFields,
  describeBackends,
  newTeam,
  newUser,
  noteFields,
  pullAll,
  push,
  TestDevice,
  type TestServer,
} from './harness';

/** The sequences the ledger holds results for (one row per batch, each with its ops' results). */
async function ledgerSeqs(s: TestServer, userId: string, node: string): Promise<number[]> {
  const { rows } = await s.db.query<{ results: { seq: number }[] }>(
    'SELECT results FROM applied_batches WHERE user_id = $1 AND device_node = $2 ORDER BY last_seq',
    [userId, node],
  );
  return rows.flatMap((r) => r.results.map((result) => result.seq));
}

describeBackends('push batches', (server: () => TestServer) => {
  it('a batch of ops already applied, a refusal and fresh ops: retries answered from the ledger, the rest applied with the row versions', async () => {
    const s = server();
    const team = await newTeam(s);
    const [rep, other] = [await newUser(s, team), await newUser(s, team)];
    const [device, otherDevice] = [new TestDevice(), new TestDevice()];
    const foreign = uuidv7();
    await push(s, other, otherDevice, [otherDevice.op('clients', foreign, clientFields(foreign))]);

    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const first = [
      device.op('clients', a, clientFields(a)),
      device.op('clients', b, clientFields(b)),
    ];
    const sent = await push(s, rep, device, first);
    expect(sent.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const rest = [
      device.op('clients', foreign, { name: 'Чужой' }, 1), // not the rep's client
      device.op('clients', c, clientFields(c)),
      device.op('clients', a, { name: 'Переименован' }, sent.body.results[0]!.version!),
    ];
    const res = await push(s, rep, device, [...first, ...rest]);
    expect(res.status).toBe(200);
    expect(res.body.lastSeq).toBe(5);
    expect(res.body.stopped).toBeNull();
    expect(res.body.results.map((r) => [r.seq, r.status, r.duplicate])).toEqual([
      [1, 'applied', true],
      [2, 'applied', true],
      [3, 'rejected', false],
      [4, 'applied', false],
      [5, 'applied', false],
    ]);
    expect(res.body.results.slice(0, 2)).toEqual(
      sent.body.results.map((r) => ({ ...r, duplicate: true })),
    );
    expect(res.body.results[2]).toMatchObject({ code: 'forbidden', version: null });

    const { records } = await pullAll(s, rep);
    const byId = new Map(records.map((r) => [r.id, r]));
    expect(byId.get(c)!.version).toBe(res.body.results[3]!.version);
    expect(byId.get(a)!.version).toBe(res.body.results[4]!.version);
    expect(byId.get(a)!.record.name).toBe('Переименован');
    expect(byId.has(foreign)).toBe(false);

    // The same batch again: every answer, the refusal included, comes from the ledger.
    const again = await push(s, rep, device, [...first, ...rest]);
    expect(again.body.results).toEqual(res.body.results.map((r) => ({ ...r, duplicate: true })));
  });

  it('retried ops, then fresh ones up to a gap: the batch stops there and nothing after it is applied', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    const ids = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const op1 = device.op('clients', ids[0]!, clientFields(ids[0]!));
    await push(s, rep, device, [op1]);
    const op2 = device.op('clients', ids[1]!, clientFields(ids[1]!));
    device.seq++; // seq 3 never arrives
    const op4 = device.op('clients', ids[2]!, clientFields(ids[2]!));
    const op5 = device.op('clients', ids[3]!, clientFields(ids[3]!));
    const res = await push(s, rep, device, [op1, op2, op4, op5]);
    expect(res.body.lastSeq).toBe(2);
    expect(res.body.stopped).toEqual({ code: 'sequence_gap', expectedSeq: 3 });
    expect(res.body.results.map((r) => [r.seq, r.duplicate])).toEqual([
      [1, true],
      [2, false],
    ]);
    const { records } = await pullAll(s, rep);
    expect(records.map((r) => r.id).sort()).toEqual([ids[0]!, ids[1]!].sort());
    expect(await ledgerSeqs(s, rep.id, device.node)).toEqual([1, 2]);
  });

  it('several ops on one row in one batch: merged in order, written once, every applied op names the row version', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    const [client, note] = [uuidv7(), uuidv7()];
    const ops = [
      device.op('clients', client, clientFields(client)),
      device.op('notes', note, noteFields(note, client, 'Первая строка')),
      device.op('clients', client, { address: 'Пермь' }),
      device.op('clients', client, { status: 'at_risk', name: 'ООО «Лютик»' }),
    ];
    const res = await push(s, rep, device, ops);
    expect(res.body.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    const versions = res.body.results.map((r) => r.version!);
    expect(versions[0]).toBe(versions[2]);
    expect(versions[0]).toBe(versions[3]);
    expect(versions[1]).not.toBe(versions[0]);
    const { records } = await pullAll(s, rep);
    expect(records).toHaveLength(2);
    const pulled = records.find((r) => r.id === client)!;
    expect(pulled.version).toBe(versions[0]);
    expect(pulled.record).toMatchObject({
      name: 'ООО «Лютик»',
      address: 'Пермь',
      status: 'at_risk',
      serverVersion: versions[0],
      ownerId: rep.id,
    });
    expect(SYNCED_SCHEMAS.clients.safeParse(pulled.record).success).toBe(true);
    // Every field the batch wrote carries the row's version, so a later op's base is judged right.
    const { rows } = await s.db.query<RecordRow>('SELECT * FROM records WHERE id = $1', [client]);
    const stored = toStoredRow(rows[0]!);
    expect(Object.keys(stored.fieldVersions).sort()).toEqual(Object.keys(stored.stamps).sort());
    expect(new Set(Object.values(stored.fieldVersions))).toEqual(new Set([versions[0]]));
  });

  it('sharing a client gives its rows new versions without making their fields look changed by someone else', async () => {
    const s = server();
    const team = await newTeam(s);
    const [rep, colleague] = [await newUser(s, team), await newUser(s, team)];
    const [laptop, phone] = [new TestDevice(), new TestDevice()];
    const id = uuidv7();
    const created = await push(s, rep, laptop, [laptop.op('clients', id, clientFields(id))]);
    const seenVersion = created.body.results[0]!.version!;
    await shareClient(s.db, id, colleague.email);
    const { records } = await pullAll(s, rep);
    expect(records.find((r) => r.id === id)!.version).toBeGreaterThan(seenVersion);
    // The phone pulled the client before the share: it saw every field the laptop wrote.
    const res = await push(s, rep, phone, [
      phone.op('clients', id, { name: 'ООО «После»' }, seenVersion),
    ]);
    expect(res.body.results[0]).toMatchObject({ status: 'applied', conflicts: [] });
  });

  it('stamps that disagree within one batch: per field the later stamp wins, whatever the op order', async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    const id = uuidv7();
    const create = device.op('clients', id, clientFields(id));
    const older = device.clock.tick();
    const newer = device.clock.tick();
    const ops = [
      create,
      // Sent first, stamped later: wins.
      device.op('clients', id, { name: 'Новее' }, 0, { stamps: { name: newer } }),
      // Sent second, stamped earlier (a re-pushed older edit): loses to the value before it.
      device.op('clients', id, { name: 'Старее', address: 'Пермь' }, 0, {
        stamps: { name: older, address: older },
      }),
    ];
    const res = await push(s, rep, device, ops);
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const { records } = await pullAll(s, rep);
    expect(records[0]!.record).toMatchObject({ name: 'Новее', address: 'Пермь' });
    expect((records[0]!.record.stamps as Record<string, string>).name).toBe(newer);
  });

  it(`prunes the ledger below ${LEDGER_KEEP} ops before a push's first op, and a retry of a pruned op is still settled`, async () => {
    const s = server();
    const rep = await newUser(s, await newTeam(s));
    const device = new TestDevice();
    const id = uuidv7();
    const create = device.op('clients', id, clientFields(id));
    const sent = [create];
    for (let i = 1; i < LEDGER_KEEP + 10; i++) {
      sent.push(device.op('clients', id, { cadenceDays: (i % 300) + 1 }));
    }
    for (let i = 0; i < sent.length; i += 500) {
      const res = await push(s, rep, device, sent.slice(i, i + 500));
      expect(res.body.stopped).toBeNull();
    }
    // The last push started at seq 1001: nothing below seq 1 was there to prune.
    expect((await ledgerSeqs(s, rep.id, device.node))[0]).toBe(1);

    // The ledger drops a batch once all of it is more than LEDGER_KEEP below a push's first op:
    // the first batch (seqs 1–500) stays while a push starts at or below 1500, and goes after.
    const edit = (i: number) => device.op('clients', id, { cadenceDays: (i % 300) + 1 });
    const more = Array.from({ length: 500 }, (_, i) => edit(i));
    expect((await push(s, rep, device, more)).body.stopped).toBeNull();
    let kept = await ledgerSeqs(s, rep.id, device.node);
    expect(kept[0]).toBe(1);
    const next = device.op('clients', id, { address: 'Пермь' });
    expect(next.seq).toBeGreaterThan(500 + LEDGER_KEEP);
    const res = await push(s, rep, device, [next]);
    expect(res.body.results[0]!.status).toBe('applied');
    kept = await ledgerSeqs(s, rep.id, device.node);
    expect(kept[0]).toBe(501);
    expect(kept[0]).toBeLessThanOrEqual(next.seq - LEDGER_KEEP);
    expect(kept.at(-1)).toBe(next.seq);
    expect(kept).toEqual(Array.from({ length: next.seq - 500 }, (_, i) => 501 + i));

    // A lost answer for the very first op, retried now: settled as applied, no conflicts to report.
    const retry = await push(s, rep, device, [create]);
    expect(retry.status).toBe(200);
    expect(retry.body.results).toEqual([
      expect.objectContaining({ opId: create.opId, status: 'applied', duplicate: true }),
    ]);
    // A retry still inside the kept range gets its stored result, version included.
    const recent = sent.at(-1)!;
    const stored = await push(s, rep, device, [recent]);
    expect(stored.body.results[0]).toMatchObject({ opId: recent.opId, duplicate: true });
    expect(stored.body.results[0]!.version).toEqual(expect.any(Number));
  });
});
