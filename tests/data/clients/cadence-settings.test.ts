import { describe, expect, it } from 'vitest';
import { createDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import {
  CADENCE_SETTINGS_KEY,
  loadCadenceSettings,
  saveCadenceSettings,
} from '../../../renderer/features/settings/data/cadenceSettings';
import { regenerateFollowUps } from '../../../renderer/features/agenda/data/followUps';
import { startFollowUpKeeper } from '../../../renderer/features/agenda/data/followUpKeeper';
import { DEFAULT_CADENCE_SETTINGS } from '../../../shared/domain/cadence';

const TODAY = '2025-03-10';

async function bookWithQuietClient() {
  const db = createDb(`cadence-${Math.random()}`);
  await db.open();
  const repo = new Repository(db);
  const client = await repo.create('clients', {
    ...emptyClientDraft(),
    name: 'Опт-Сервис',
    status: 'active',
    tags: ['опт'],
  });
  await repo.create('contacts', {
    clientId: client.id,
    personId: null,
    type: 'seller_initiated',
    subtype: 'none',
    channel: 'phone',
    at: '2025-02-26T12:00:00+03:00',
    summary: '',
    deletedAt: null,
  });
  return { db, repo, client };
}

const noContactDues = async (db: Awaited<ReturnType<typeof bookWithQuietClient>>['db']) =>
  (await db.followUps.toArray())
    .filter((f) => f.kind === 'no_contact' && f.deletedAt === null)
    .map((f) => f.due);

describe('contact cadence settings in the database', () => {
  it('an empty store gives the built-in defaults; saved settings come back as saved', async () => {
    const { db } = await bookWithQuietClient();
    expect(await loadCadenceSettings(db)).toEqual(DEFAULT_CADENCE_SETTINGS);
    const mine = { defaultDays: 40, byStatus: { lost: 120 }, byTag: { VIP: 5 } };
    await saveCadenceSettings(db, mine);
    expect(await loadCadenceSettings(db)).toEqual(mine);
  });

  it('settings the schema refuses are not written', async () => {
    const { db } = await bookWithQuietClient();
    await expect(
      saveCadenceSettings(db, { defaultDays: 0, byStatus: {}, byTag: {} }),
    ).rejects.toThrow();
    expect(await db.meta.get(CADENCE_SETTINGS_KEY)).toBeUndefined();
  });

  it('follow-up generation reads the saved settings', async () => {
    const { db, repo } = await bookWithQuietClient();
    await regenerateFollowUps(repo, TODAY);
    // Active default: 30 days after 26 February is 28 March, beyond the week ahead.
    expect(await noContactDues(db)).toEqual([]);
    await saveCadenceSettings(db, { ...DEFAULT_CADENCE_SETTINGS, byTag: { опт: 10 } });
    await regenerateFollowUps(repo, TODAY);
    expect(await noContactDues(db)).toEqual(['2025-03-08']);
  });

  it('the follow-up keeper regenerates when the settings are saved', async () => {
    const { db, repo } = await bookWithQuietClient();
    const days: string[] = [];
    const stop = startFollowUpKeeper(db, repo, {
      today: () => TODAY,
      onRegenerated: (day) => days.push(day),
    });
    try {
      await expect.poll(() => days.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await noContactDues(db)).toEqual([]);
      await saveCadenceSettings(db, { ...DEFAULT_CADENCE_SETTINGS, byTag: { ОПТ: 7 } });
      await expect.poll(() => noContactDues(db), { timeout: 10_000 }).toEqual(['2025-03-05']);
    } finally {
      stop();
    }
  });
});
