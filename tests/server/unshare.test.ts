import { expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { shareClient, unshareClient } from '../../server/sync/shares';
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

describeBackends('unsharing a client', (server: () => TestServer) => {
  it('stops the other rep writing to it, their own notes on it included, and nothing of theirs reaches the owner', async () => {
    const s = server();
    const team = await newTeam(s);
    const [a, b] = [await newUser(s, team), await newUser(s, team)];
    const [deviceA, deviceB] = [new TestDevice(), new TestDevice()];
    const client = uuidv7();
    await push(s, a, deviceA, [deviceA.op('clients', client, clientFields(client))]);
    expect(await shareClient(s.db, client, b.email)).toBe(1);
    await pullAll(s, b);

    const note = uuidv7();
    const wrote = await push(s, b, deviceB, [
      deviceB.op('notes', note, noteFields(note, client, 'Пока клиент общий')),
    ]);
    expect(wrote.body.results[0]!.status).toBe('applied');
    const version = wrote.body.results[0]!.version!;

    expect(await unshareClient(s.db, client, b.email)).toBe(true);
    const edit = await push(s, b, deviceB, [
      deviceB.op('notes', note, { text: 'После отмены доступа' }, version),
      deviceB.op('clients', client, { name: 'Переименован после отмены' }, version),
    ]);
    expect(edit.status).toBe(200);
    expect(edit.body.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
    ]);
    expect(edit.body.results[0]!.reason).toMatch(/no longer shared/);
    // Settled: the device's outbox moves on.
    expect(edit.body.lastSeq).toBe(deviceB.seq);

    const newNote = uuidv7();
    const attach = await push(s, b, deviceB, [
      deviceB.op('notes', newNote, noteFields(newNote, client, 'Новая заметка')),
    ]);
    expect(attach.body.results[0]!.status).toBe('rejected');

    const seenByA = await pullAll(s, a);
    const texts = seenByA.records.filter((r) => r.table === 'notes').map((r) => r.record.text);
    expect(texts).toEqual(['Пока клиент общий']);
    expect(seenByA.records.find((r) => r.id === client)!.record.name).toBe(
      clientFields(client).name,
    );

    // B's own rows elsewhere are untouched by the unshare.
    const own = uuidv7();
    const ownPush = await push(s, b, deviceB, [deviceB.op('clients', own, clientFields(own))]);
    expect(ownPush.body.results[0]!.status).toBe('applied');
  });
});
