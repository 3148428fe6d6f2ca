import { beforeAll, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { shareClient } from '../../server/sync/shares';
import {
  api,
  clientFields,
  describeBackends,
  newTeam,
  newUser,
  noteFields,
  pullAll,
  push,
  templateFields,
  TestDevice,
  type TestServer,
  type TestUser,
} from './harness';

describeBackends('scoping', (server: () => TestServer) => {
  let repA: TestUser,
    repB: TestUser,
    manager: TestUser,
    outsider: TestUser,
    outsiderManager: TestUser;
  const devA = new TestDevice();
  const clientA = uuidv7();
  const noteA = uuidv7();
  let clientVersion = 0;

  beforeAll(async () => {
    const s = server();
    const team = await newTeam(s);
    const otherTeam = await newTeam(s);
    [repA, repB, manager] = [
      await newUser(s, team),
      await newUser(s, team),
      await newUser(s, team, 'manager'),
    ];
    [outsider, outsiderManager] = [
      await newUser(s, otherTeam),
      await newUser(s, otherTeam, 'manager'),
    ];
    const res = await push(s, repA, devA, [
      devA.op('clients', clientA, clientFields(clientA, { name: 'Клиент А' })),
      devA.op('notes', noteA, noteFields(noteA, clientA, 'Личная заметка А')),
    ]);
    clientVersion = res.body.results[0]!.version!;
  });

  it("a rep does not pull another rep's rows, nor another team's", async () => {
    const s = server();
    expect((await pullAll(s, repB)).records).toEqual([]);
    expect((await pullAll(s, outsider)).records).toEqual([]);
    expect((await pullAll(s, outsiderManager)).records).toEqual([]);
  });

  it("a manager pulls the team's rows", async () => {
    const ids = (await pullAll(server(), manager)).records.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([clientA, noteA]));
  });

  it("a rep cannot edit another rep's client by its id", async () => {
    const s = server();
    const devB = new TestDevice();
    const res = await push(s, repB, devB, [
      devB.op('clients', clientA, { name: 'Захвачено' }, clientVersion),
    ]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const mine = await pullAll(s, repA);
    expect(mine.records.find((r) => r.id === clientA)!.record.name).toBe('Клиент А');
  });

  it("a rep cannot attach a note to another rep's client", async () => {
    const s = server();
    const devB = new TestDevice();
    const note = uuidv7();
    const res = await push(s, repB, devB, [
      devB.op('notes', note, noteFields(note, clientA, 'Подброшено')),
    ]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect((await pullAll(s, repA)).records.map((r) => r.id)).not.toContain(note);
  });

  it('a forged ownerId is ignored: the row belongs to whoever pushed it', async () => {
    const s = server();
    const devB = new TestDevice();
    const id = uuidv7();
    await push(s, repB, devB, [devB.op('clients', id, clientFields(id, { ownerId: repA.id }))]);
    expect((await pullAll(s, repA)).records.map((r) => r.id)).not.toContain(id);
    const own = await pullAll(s, repB);
    expect(own.records.find((r) => r.id === id)!.record.ownerId).toBe(repB.id);
  });

  it("another team's rep pushing the same row id creates their own row and leaves ours untouched", async () => {
    const s = server();
    const devC = new TestDevice();
    const res = await push(s, outsider, devC, [
      devC.op('clients', clientA, clientFields(clientA, { name: 'Чужой' })),
    ]);
    expect(res.body.results[0]!.status).toBe('applied');
    const ours = await pullAll(s, repA);
    expect(ours.records.find((r) => r.id === clientA)!.record.name).toBe('Клиент А');
    const theirs = await pullAll(s, outsider);
    expect(theirs.records.map((r) => r.record.name)).toEqual(['Чужой']);
  });

  it("a manager reads a rep's rows but cannot change them", async () => {
    const s = server();
    const devM = new TestDevice();
    const res = await push(s, manager, devM, [
      devM.op('clients', clientA, { name: 'Правка менеджера' }, clientVersion),
    ]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('a manager publishes a template; reps of the team receive it, read-only; other teams do not', async () => {
    const s = server();
    const devM = new TestDevice();
    const template = uuidv7();
    const published = await push(s, manager, devM, [
      devM.op('checklistTemplates', template, templateFields(template)),
    ]);
    expect(published.body.results[0]!.status).toBe('applied');
    const forA = await pullAll(s, repA);
    expect(forA.records.find((r) => r.id === template)?.record.purpose).toBe('program');
    const devB = new TestDevice();
    const edit = await push(s, repB, devB, [
      devB.op(
        'checklistTemplates',
        template,
        { title: { ru: 'Своё', en: 'Mine' } },
        published.body.results[0]!.version!,
      ),
    ]);
    expect(edit.body.results[0]).toMatchObject({ status: 'rejected', code: 'read_only' });
    expect(edit.body.results[0]!.reason).toMatch(/manager/);
    const own = uuidv7();
    const create = await push(s, repB, devB, [
      devB.op('checklistTemplates', own, templateFields(own)),
    ]);
    expect(create.body.results[0]).toMatchObject({ status: 'rejected', code: 'read_only' });
    expect((await pullAll(s, outsider)).records.map((r) => r.id)).not.toContain(template);
  });

  it('a shared client reaches the other rep with its rows and becomes editable by them', async () => {
    const s = server();
    const { cursor } = await pullAll(s, repB);
    await shareClient(s.db, clientA, repB.email);
    const after = await pullAll(s, repB, cursor);
    expect(after.records.map((r) => r.id)).toEqual(expect.arrayContaining([clientA, noteA]));
    const devB = new TestDevice();
    const version = after.records.find((r) => r.id === clientA)!.version;
    const res = await push(s, repB, devB, [
      devB.op('clients', clientA, { address: 'Новый адрес' }, version),
    ]);
    expect(res.body.results[0]!.status).toBe('applied');
    expect((await pullAll(s, repA)).records.find((r) => r.id === clientA)!.record.address).toBe(
      'Новый адрес',
    );
  });

  it("a rep cannot list or revoke another rep's devices", async () => {
    const s = server();
    const list = await api(s, 'GET', '/v1/devices', repB.token);
    const ids = (list.body.devices as { id: string }[]).map((d) => d.id);
    expect(ids).not.toContain(repA.login.device.id);
    const revoke = await api(
      s,
      'POST',
      `/v1/devices/${repA.login.device.id}/revoke`,
      repB.token,
      {},
    );
    expect(revoke.status).toBe(404);
    expect((await api(s, 'GET', '/v1/me', repA.token)).status).toBe(200);
  });
});
