import { describe, it, expect } from 'vitest';
import { createDb } from '../../renderer/data/db';
import { Repository } from '../../renderer/data/repository';
import { loadDemoData } from '../../renderer/features/settings/data/demo';

describe('demo data', () => {
  it('loads through the repository into every table and the outbox, and loading twice adds nothing', async () => {
    const db = createDb(`demo-${Math.random()}`);
    await db.open();
    const repo = new Repository(db);
    const progress: number[] = [];
    const written = await loadDemoData(repo, {
      clients: 40,
      notes: 200,
      today: '2026-11-24',
      onProgress: (n) => progress.push(n),
    });
    expect(written).toBeGreaterThan(240);
    expect(await db.outbox.count()).toBe(written);
    expect(await db.clients.count()).toBe(40);
    expect(await db.notes.count()).toBe(200);
    expect(await db.people.count()).toBeGreaterThan(30);
    expect(progress.at(-1)).toBe(written);
    expect(await loadDemoData(repo, { clients: 40, notes: 200, today: '2026-11-24' })).toBe(0);
    await db.delete();
  });
});
