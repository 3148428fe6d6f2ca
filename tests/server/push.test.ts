import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { PushOp } from '../../shared/sync/protocol';
import {
  api,
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

let failNextCommit = false;
/** Lets a test hold one push transaction open, after its writes, until released. */
const gate: {
  hold: ((ops: readonly PushOp[]) => boolean) | null;
  entered?: () => void;
  release?: Promise<void>;
} = { hold: null };

describeBackends(
  'push',
  (server: () => TestServer) => {
    it('applies a new client and gives it back on pull with the owner set by the server', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const id = uuidv7();
      const res = await push(s, rep, device, [
        device.op('clients', id, clientFields(id, { ownerId: 'forged-owner' })),
      ]);
      expect(res.status).toBe(200);
      expect(res.body.lastSeq).toBe(1);
      expect(res.body.results[0]).toMatchObject({
        status: 'applied',
        duplicate: false,
        conflicts: [],
      });
      const { records } = await pullAll(s, rep);
      expect(records).toHaveLength(1);
      expect(records[0]!.record).toMatchObject({ id, name: 'ООО «Ромашка»', ownerId: rep.id });
      expect(records[0]!.record.serverVersion).toBe(records[0]!.version);
    });

    it('takes ops as the app writes them (no id, createdAt or updatedAt): the op time fills them', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const id = uuidv7();
      const { id: _id, ownerId: _o, createdAt: _c, updatedAt: _u, ...fields } = clientFields(id);
      const create = device.op('clients', id, fields);
      const res = await push(s, rep, device, [create]);
      expect(res.body.results[0]!.status).toBe('applied');
      const edit = device.op(
        'clients',
        id,
        { name: 'Переименован' },
        res.body.results[0]!.version!,
      );
      await push(s, rep, device, [edit]);
      const record = (await pullAll(s, rep)).records[0]!.record;
      expect(record).toMatchObject({
        id,
        createdAt: create.createdAt,
        updatedAt: edit.createdAt,
        name: 'Переименован',
      });
    });

    it('the same batch twice applies once and answers the retry with the original results', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const id = uuidv7();
      const ops = [
        device.op('clients', id, clientFields(id)),
        device.op('clients', id, { name: 'ООО «Лютик»', updatedAt: new Date().toISOString() }),
      ];
      const first = await push(s, rep, device, ops);
      const second = await push(s, rep, device, ops);
      expect(second.status).toBe(200);
      expect(second.body.lastSeq).toBe(2);
      expect(second.body.results.map((r) => r.duplicate)).toEqual([true, true]);
      expect(second.body.results.map((r) => r.version)).toEqual(
        first.body.results.map((r) => r.version),
      );
      const { records } = await pullAll(s, rep);
      expect(records).toHaveLength(1);
      expect(records[0]!.record.name).toBe('ООО «Лютик»');
      expect(records[0]!.version).toBe(first.body.results[1]!.version);
    });

    it('stops at a sequence gap: ops after the gap are not applied and lastSeq says where to resume', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
      const op1 = device.op('clients', a, clientFields(a));
      const op2 = device.op('clients', b, clientFields(b));
      device.seq++; // seq 3 is lost on the way
      const op4 = device.op('clients', c, clientFields(c));
      const res = await push(s, rep, device, [op1, op2, op4]);
      expect(res.status).toBe(200);
      expect(res.body.lastSeq).toBe(2);
      expect(res.body.stopped).toEqual({ code: 'sequence_gap', expectedSeq: 3 });
      expect(res.body.results.map((r) => r.seq)).toEqual([1, 2]);
      const { records } = await pullAll(s, rep);
      expect(records.map((r) => r.id).sort()).toEqual([a, b].sort());
    });

    it('a first push that does not start at sequence 1 applies nothing', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      device.seq = 4;
      const id = uuidv7();
      const res = await push(s, rep, device, [device.op('clients', id, clientFields(id))]);
      expect(res.body.lastSeq).toBe(0);
      expect(res.body.results).toEqual([]);
      expect(res.body.stopped).toEqual({ code: 'sequence_gap', expectedSeq: 1 });
    });

    it('a batch that fails before commit applies nothing, and the retry applies all of it', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const ids = [uuidv7(), uuidv7(), uuidv7()];
      const ops = ids.map((id) => device.op('clients', id, clientFields(id)));
      failNextCommit = true;
      const failed = await push(s, rep, device, ops);
      expect(failed.status).toBe(500);
      expect(failed.body.error?.code).toBe('internal');
      expect((await pullAll(s, rep)).records).toHaveLength(0);
      const { rows } = await s.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM applied_batches WHERE user_id = $1',
        [rep.id],
      );
      expect(rows[0]!.n).toBe(0);
      const retry = await push(s, rep, device, ops);
      expect(retry.body.lastSeq).toBe(3);
      expect(retry.body.results.every((r) => r.status === 'applied' && !r.duplicate)).toBe(true);
      expect((await pullAll(s, rep)).records).toHaveLength(3);
    });

    it('two devices creating the same row at once: the second merges into the first, the later stamp wins', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const [phone, laptop] = [new TestDevice(), new TestDevice()];
      const id = uuidv7();
      // The phone's create is stamped first, the laptop's later; the laptop's push commits first.
      const phoneOp = phone.op('clients', id, clientFields(id, { name: 'С телефона' }));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const laptopOp = laptop.op('clients', id, clientFields(id, { name: 'С ноутбука' }));
      let release!: () => void;
      const entered = new Promise<void>((resolve) => (gate.entered = resolve));
      gate.release = new Promise<void>((resolve) => (release = resolve));
      gate.hold = (ops) => ops.some((op) => op.opId === laptopOp.opId);
      const first = push(s, rep, laptop, [laptopOp]);
      await entered;
      // The phone's push finds no row to lock: the laptop's is not committed yet.
      const second = push(s, rep, phone, [phoneOp]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      const [a, b] = await Promise.all([first, second]);
      gate.hold = null;
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.body.results[0]!.status).toBe('applied');
      expect(b.body.results[0]).toMatchObject({ status: 'unchanged', duplicate: false });
      expect(b.body.results[0]!.conflicts.map((c) => [c.field, c.kept])).toEqual([
        ['name', 'remote'],
      ]);
      const { records } = await pullAll(s, rep);
      expect(records.find((r) => r.id === id)!.record.name).toBe('С ноутбука');
    });

    it('the same sequence number with a different op id is refused, not silently skipped', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const id = uuidv7();
      await push(s, rep, device, [device.op('clients', id, clientFields(id))]);
      device.seq = 0;
      const res = await push(s, rep, device, [device.op('clients', id, { name: 'Другое' })]);
      expect(res.status).toBe(409);
      expect(res.body.error?.code).toBe('sequence_mismatch');
    });

    it('an op that would make an invalid record is rejected with a reason and the sequence moves on', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const [a, b] = [uuidv7(), uuidv7()];
      const res = await push(s, rep, device, [
        device.op('clients', a, clientFields(a, { name: '' })),
        device.op('clients', b, clientFields(b)),
      ]);
      expect(res.body.lastSeq).toBe(2);
      expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_record' });
      expect(res.body.results[0]!.reason).toContain('name');
      expect(res.body.results[1]!.status).toBe('applied');
    });

    it('refuses a batch over the op limit with batch_too_large, and ops of another device with 400', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const device = new TestDevice();
      const id = uuidv7();
      const many = Array.from({ length: 501 }, () => device.op('clients', id, { name: 'x' }));
      const big = await push(s, rep, device, many);
      expect(big.status).toBe(413);
      expect(big.body.error?.code).toBe('batch_too_large');
      const other = new TestDevice();
      const mixed = await push(s, rep, device, [other.op('clients', id, clientFields(id))]);
      expect(mixed.status).toBe(400);
    });

    it('two devices editing different fields of one client both keep their change, without a conflict', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const [d1, d2] = [new TestDevice(), new TestDevice()];
      const id = uuidv7();
      const created = await push(s, rep, d1, [d1.op('clients', id, clientFields(id))]);
      const v = created.body.results[0]!.version!;
      await push(s, rep, d1, [d1.op('clients', id, { address: 'Пермь' }, v)]);
      const res = await push(s, rep, d2, [d2.op('clients', id, { status: 'at_risk' }, v)]);
      expect(res.body.results[0]!.conflicts).toEqual([]);
      const { records } = await pullAll(s, rep);
      expect(records[0]!.record).toMatchObject({ address: 'Пермь', status: 'at_risk' });
    });

    it('two devices editing the same field: the later stamp wins and the loser is reported as a conflict', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const [d1, d2] = [new TestDevice(), new TestDevice(() => Date.now() - 1000)];
      const id = uuidv7();
      const v = (await push(s, rep, d1, [d1.op('clients', id, clientFields(id))])).body.results[0]!
        .version!;
      const early = d2.op('clients', id, { name: 'Версия планшета' }, v);
      const late = d1.op('clients', id, { name: 'Версия ноутбука' }, v);
      await push(s, rep, d1, [late]);
      const res = await push(s, rep, d2, [early]);
      expect(res.body.results[0]!.status).toBe('unchanged');
      expect(res.body.results[0]!.conflicts).toEqual([
        expect.objectContaining({
          field: 'name',
          kind: 'field',
          localValue: 'Версия планшета',
          remoteValue: 'Версия ноутбука',
          kept: 'remote',
        }),
      ]);
      expect((await pullAll(s, rep)).records[0]!.record.name).toBe('Версия ноутбука');
    });

    it('a later edit that overwrites an unseen edit reports the overwritten value', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const [d1, d2] = [new TestDevice(), new TestDevice(() => Date.now() + 1000)];
      const id = uuidv7();
      const v = (await push(s, rep, d1, [d1.op('clients', id, clientFields(id))])).body.results[0]!
        .version!;
      const early = d1.op('clients', id, { address: 'Тюмень' }, v);
      const late = d2.op('clients', id, { address: 'Курган' }, v);
      await push(s, rep, d1, [early]);
      const res = await push(s, rep, d2, [late]);
      expect(res.body.results[0]!.status).toBe('applied');
      expect(res.body.results[0]!.conflicts[0]).toMatchObject({
        field: 'address',
        localValue: 'Курган',
        remoteValue: 'Тюмень',
        kept: 'local',
      });
    });

    it('two devices adding to one note: the server merges the lines and keeps both', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const [d1, d2] = [new TestDevice(), new TestDevice()];
      const [client, note] = [uuidv7(), uuidv7()];
      const base = 'Встреча с директором.\nОбсудили поставку.';
      const res0 = await push(s, rep, d1, [
        d1.op('clients', client, clientFields(client)),
        d1.op('notes', note, noteFields(note, client, base)),
      ]);
      const v = res0.body.results[1]!.version!;
      await push(s, rep, d1, [
        d1.op('notes', note, { text: `Звонок утром.\n${base}` }, v, { base: { text: base } }),
      ]);
      const res = await push(s, rep, d2, [
        d2.op('notes', note, { text: `${base}\nЖдут счёт до пятницы.` }, v, {
          base: { text: base },
        }),
      ]);
      expect(res.body.results[0]!.conflicts).toEqual([]);
      const merged = (await pullAll(s, rep)).records.find((r) => r.id === note)!.record.text;
      expect(merged).toBe(`Звонок утром.\n${base}\nЖдут счёт до пятницы.`);
    });

    it('an edit beats a concurrent delete: the client comes back and the push says so', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const [d1, d2] = [new TestDevice(), new TestDevice()];
      const id = uuidv7();
      const v = (await push(s, rep, d1, [d1.op('clients', id, clientFields(id))])).body.results[0]!
        .version!;
      const now = new Date().toISOString();
      await push(s, rep, d1, [d1.op('clients', id, { deletedAt: now, updatedAt: now }, v)]);
      const res = await push(s, rep, d2, [d2.op('clients', id, { tags: ['опт', 'HoReCa'] }, v)]);
      expect(res.body.results[0]!.conflicts).toContainEqual(
        expect.objectContaining({
          field: 'deletedAt',
          kind: 'edit_vs_delete',
          remoteValue: now,
          kept: 'local',
        }),
      );
      const record = (await pullAll(s, rep)).records[0]!.record;
      expect(record.deletedAt).toBeNull();
      expect(record.tags).toEqual(['опт', 'HoReCa']);
    });

    it('a device a day ahead has its change quarantined with a reason, not merged', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const honest = new TestDevice();
      const ahead = new TestDevice(() => Date.now() + 24 * 3600_000);
      const id = uuidv7();
      const v = (await push(s, rep, honest, [honest.op('clients', id, clientFields(id))])).body
        .results[0]!.version!;
      const res = await push(s, rep, ahead, [ahead.op('clients', id, { name: 'Из будущего' }, v)]);
      expect(res.body.lastSeq).toBe(1);
      expect(res.body.results[0]).toMatchObject({ status: 'quarantined', code: 'clock_ahead' });
      expect(res.body.results[0]!.reason).toMatch(/ahead/);
      expect(res.body.results[0]!.conflicts[0]).toMatchObject({
        kind: 'clock_quarantine',
        localValue: 'Из будущего',
      });
      expect((await pullAll(s, rep)).records[0]!.record.name).toBe('ООО «Ромашка»');
      const { rows } = await s.db.query('SELECT 1 FROM quarantine WHERE user_id = $1', [rep.id]);
      expect(rows).toHaveLength(1);
    });

    it('a device a day behind that folds in the stamps it pulled still orders its edits correctly', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const honest = new TestDevice();
      const behind = new TestDevice(() => Date.now() - 24 * 3600_000);
      const id = uuidv7();
      const create = honest.op('clients', id, clientFields(id));
      const v = (await push(s, rep, honest, [create])).body.results[0]!.version!;
      behind.clock.receive(create.hlc); // what a client does with every pulled stamp
      const res = await push(s, rep, behind, [
        behind.op('clients', id, { address: 'Челябинск' }, v),
        behind.op('clients', id, { name: 'Имя с отстающего' }, v),
      ]);
      expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const later = await push(s, rep, honest, [
        honest.op('clients', id, { name: 'Имя с точного' }, v),
      ]);
      expect(later.body.results[0]!.conflicts[0]).toMatchObject({
        field: 'name',
        remoteValue: 'Имя с отстающего',
      });
      const record = (await pullAll(s, rep)).records[0]!.record;
      expect(record).toMatchObject({ address: 'Челябинск', name: 'Имя с точного' });
    });

    it('an op older than the value its device had seen loses, and the loss is reported', async () => {
      const s = server();
      const rep = await newUser(s, await newTeam(s));
      const honest = new TestDevice();
      const behind = new TestDevice(() => Date.now() - 24 * 3600_000);
      const id = uuidv7();
      const v = (await push(s, rep, honest, [honest.op('clients', id, clientFields(id))])).body
        .results[0]!.version!;
      const res = await push(s, rep, behind, [
        behind.op('clients', id, { address: 'Челябинск' }, v),
      ]);
      expect(res.body.results[0]!.status).toBe('unchanged');
      expect(res.body.results[0]!.conflicts[0]).toMatchObject({
        field: 'address',
        localValue: 'Челябинск',
        kept: 'remote',
      });
    });

    it('an unauthenticated push is refused with 401 and changes nothing', async () => {
      const s = server();
      const device = new TestDevice();
      const id = uuidv7();
      const res = await api(s, 'POST', '/v1/push', 'not-a-token', {
        epoch: null,
        deviceId: device.node,
        ops: [device.op('clients', id, clientFields(id))],
      });
      expect(res.status).toBe(401);
      expect((res.body.error as { code: string }).code).toBe('unauthorized');
    });
  },
  {
    beforeCommit: async ({ ops }) => {
      if (gate.hold?.(ops)) {
        gate.entered?.();
        await gate.release;
      }
      if (failNextCommit) {
        failNextCommit = false;
        throw new Error('simulated crash before commit');
      }
    },
  },
);
