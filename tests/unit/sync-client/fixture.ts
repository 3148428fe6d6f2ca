import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { Repository } from '../../../renderer/data/repository';
import { createSyncClock } from '../../../renderer/sync/clock';
import { SyncEngine } from '../../../renderer/sync/engine';
import { FakeServer } from './fakeServer';
import { ManualTimers } from './timers';

/** One device (database, repository, engine) signed in to a fake server, clocks in step. */
export class Fixture {
  /** A second device of the same rep passes the first one's server. */
  constructor(readonly server: FakeServer = new FakeServer()) {}
  readonly timers = new ManualTimers();
  online = true;
  db!: FieldbookDb;
  repo!: Repository;
  engine!: SyncEngine;

  /** A fresh engine over the same database: the app restarted. */
  newEngine(options: { pullLimit?: number } = {}): SyncEngine {
    return new SyncEngine({
      db: this.db,
      transport: this.server,
      clock: createSyncClock(() => this.server.nowMs),
      timers: this.timers,
      network: { isOnline: () => this.online, subscribe: () => () => undefined },
      random: () => 0.5,
      yieldToMain: async () => undefined,
      pullLimit: options.pullLimit ?? 2,
    });
  }

  async open(): Promise<this> {
    this.db = createDb(`engine-${Math.random()}`);
    await this.db.open();
    this.repo = new Repository(this.db, { now: () => this.server.nowMs });
    this.engine = this.newEngine();
    await this.engine.start();
    await this.engine.signIn({
      serverUrl: 'https://sync.example.test',
      email: 'rep@example.test',
      password: 'secret',
      deviceName: 'laptop',
    });
    await this.engine.whenIdle();
    return this;
  }

  async close(): Promise<void> {
    this.engine.stop();
    this.db.close();
    await this.db.delete();
  }

  newClient(name: string, extra: Partial<ReturnType<typeof emptyClientDraft>> = {}) {
    return this.repo.create('clients', { ...emptyClientDraft(), name, ...extra });
  }
}
