// Issue 12, "Done when": a rep signed in cannot publish, even by forging the op. Whatever a rep's
// device sends for the company's program (a newer version of it, an edit, a delete, a row that
// claims the manager as its owner), the server refuses each op as read_only, leaves the program
// as the manager published it for everyone, and still applies the rep's ordinary work in the same
// batch. The e2e side (no publish control on a rep's screen) is tests/e2e/team-view.test.ts.
import { beforeAll, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import {
  clientFields,
  describeBackends,
  newTeam,
  newUser,
  pullAll,
  push,
  templateFields,
  TestDevice,
  type TestServer,
  type TestUser,
} from './harness';

describeBackends('a rep cannot publish the program, even by forging the op', (server) => {
  let rep: TestUser, colleague: TestUser, manager: TestUser;
  const program = uuidv7();
  let programVersion = 0;

  const templatesSeenBy = async (s: TestServer, user: TestUser) =>
    (await pullAll(s, user)).records.filter((r) => r.table === 'checklistTemplates');

  beforeAll(async () => {
    const s = server();
    const team = await newTeam(s);
    [rep, colleague, manager] = [
      await newUser(s, team),
      await newUser(s, team),
      await newUser(s, team, 'manager'),
    ];
    const devM = new TestDevice();
    const published = await push(s, manager, devM, [
      devM.op('checklistTemplates', program, templateFields(program)),
    ]);
    expect(published.body.results[0]!.status).toBe('applied');
    programVersion = published.body.results[0]!.version!;
  });

  it('refuses every forged program op as read_only, one by one, and applies the rep’s client in the same batch', async () => {
    const s = server();
    const dev = new TestDevice();
    const newerVersion = uuidv7();
    const claimsManager = uuidv7();
    const client = uuidv7();
    const ops = [
      // A "version 2" of the company's program, as the publish button would send it.
      dev.op('checklistTemplates', newerVersion, {
        ...templateFields(newerVersion),
        version: 2,
        title: { ru: 'Программа представителя', en: 'The rep’s program' },
      }),
      // The published program itself, rewritten and then deleted, with the right base version.
      dev.op(
        'checklistTemplates',
        program,
        { title: { ru: 'Своё', en: 'Mine' }, steps: [] },
        programVersion,
      ),
      dev.op(
        'checklistTemplates',
        program,
        { deletedAt: new Date().toISOString() },
        programVersion,
      ),
      // A row that says the manager owns it and published it.
      dev.op('checklistTemplates', claimsManager, {
        ...templateFields(claimsManager),
        ownerId: manager.id,
        version: 3,
      }),
      dev.op('clients', client, clientFields(client, { name: 'Клиент представителя' })),
    ];
    const res = await push(s, rep, dev, ops);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => [r.rowId, r.status, r.code ?? null])).toEqual([
      [newerVersion, 'rejected', 'read_only'],
      [program, 'rejected', 'read_only'],
      [program, 'rejected', 'read_only'],
      [claimsManager, 'rejected', 'read_only'],
      [client, 'applied', null],
    ]);
    // Refused ops are settled, not left for the device to retry forever.
    expect(res.body.lastSeq).toBe(dev.seq);
    for (const r of res.body.results.slice(0, 4)) expect(r.reason).toMatch(/manager/);

    // Everyone still sees the program exactly as the manager published it, and nothing else.
    for (const user of [rep, colleague, manager]) {
      const templates = await templatesSeenBy(s, user);
      expect(templates.map((t) => t.id)).toEqual([program]);
      expect(templates[0]!.version).toBe(programVersion);
      expect(templates[0]!.record).toMatchObject({
        title: { ru: 'Послепродажная программа', en: 'Post-sale program' },
        version: 1,
        deletedAt: null,
        ownerId: manager.id,
      });
    }
    // The rep's ordinary work went through.
    const own = (await pullAll(s, rep)).records.find((r) => r.id === client);
    expect(own?.record).toMatchObject({ name: 'Клиент представителя', ownerId: rep.id });
  });

  it('after the manager publishes again, a rep holding the newest version number is still refused; the team gets the manager’s edit', async () => {
    const s = server();
    const devM = new TestDevice();
    const next = await push(s, manager, devM, [
      devM.op(
        'checklistTemplates',
        program,
        { title: { ru: 'Версия 2', en: 'Version 2' } },
        programVersion,
      ),
    ]);
    expect(next.body.results[0]!.status).toBe('applied');
    const dev = new TestDevice();
    const res = await push(s, rep, dev, [
      dev.op(
        'checklistTemplates',
        program,
        { title: { ru: 'Своё', en: 'Mine' } },
        next.body.results[0]!.version!,
      ),
    ]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'read_only' });
    const [seen] = await templatesSeenBy(s, colleague);
    expect(seen!.record.title).toEqual({ ru: 'Версия 2', en: 'Version 2' });
  });
});
