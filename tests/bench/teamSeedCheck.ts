/**
 * The shortcut of teamSeed.ts held against the real path: reps whose laptops push their demo
 * books through the API (the app's repository, engine and transport over fake-indexeddb, to a
 * running server), and the same books written directly; both teams' managers pull, and the pulls
 * must be the same record for record, versions included. What must differ is mapped away: user
 * ids (to the rep's place in the team), clock stamps (to their order of first appearance: the
 * same write batches, stamped at other times) and the times those stamps carry (createdAt,
 * updatedAt: to their stamp's place). Callers import 'fake-indexeddb/auto' first.
 */
import { isDeepStrictEqual } from 'node:util';
import { addTeam, addUser } from '../../server/accounts/accounts';
import type { Db } from '../../server/db/db';
import { createSyncHttp, type SyncFetch } from '../../shared/ipc-sync';
import { randomHex } from '../../shared/ids';
import {
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  type PulledRecord,
  type PullResponse,
} from '../../shared/sync/protocol';
import { createDb } from '../../renderer/data/db';
import { Repository } from '../../renderer/data/repository';
import { createDesktopSyncTransport } from '../../renderer/sync/desktopTransport';
import { SyncEngine } from '../../renderer/sync/engine';
import { ManualTimers } from '../unit/sync-client/timers';
import { repBook, seedTeamBooks } from './teamSeed';

export const TEAM_PASSWORD = 'bench password 123';
/** Outbox ops a rep's device pushes per sync while its book is written. */
const CHUNK = 10_000;

/** One rep's laptop: signs in, writes the rep's demo book and pushes it; returns records pushed. */
export async function pushRepBook(
  serverUrl: string,
  email: string,
  seed: string,
  size: { clients: number; notes: number },
): Promise<number> {
  const db = createDb(`bench-team-${randomHex(4)}`);
  await db.open();
  const secrets = new Map<string, string>();
  const http = createSyncHttp({
    fetch: ((url, init) => fetch(url, init as RequestInit)) as SyncFetch,
    secrets: {
      get: async (k) => secrets.get(k) ?? null,
      set: async (k, v) => void secrets.set(k, v),
      delete: async (k) => void secrets.delete(k),
    },
  });
  let online = false;
  const engine = new SyncEngine({
    db,
    transport: createDesktopSyncTransport({
      syncSignIn: (r) => http.signIn(r),
      syncSignOut: () => http.signOut(),
      syncRequest: (r) => http.request(r),
    }),
    timers: new ManualTimers(),
    network: { isOnline: () => online, subscribe: () => () => undefined },
  });
  const repo = new Repository(db);
  try {
    await engine.start();
    await engine.signIn({ serverUrl, email, password: TEAM_PASSWORD, deviceName: seed });
    await engine.whenIdle();
    let pending = 0;
    let written = 0;
    const push = async () => {
      online = true;
      await engine.syncNow();
      online = false;
      const { problem } = engine.status.getState();
      if (problem) throw new Error(`${seed} push: ${JSON.stringify(problem)}`);
      pending = 0;
    };
    for (const batch of repBook(seed, size.clients, size.notes)) {
      // The built-in templates are the manager's to publish; reps may not write them.
      if (batch.table === 'checklistTemplates') continue;
      const created = await repo.createMany(batch.table, batch.records as never);
      pending += created.length;
      written += created.length;
      if (pending >= CHUNK) await push();
    }
    if (pending > 0) await push();
    return written;
  } finally {
    engine.stop();
    db.close();
    await db.delete();
  }
}

/** A team with reps and a manager; users are named so that their e-mails do not collide. */
export async function addBenchTeam(
  db: Db,
  reps: number,
): Promise<{ teamId: string; repIds: string[]; repEmails: string[]; manager: string }> {
  const team = `bench-team-${randomHex(4)}`;
  const teamId = await addTeam(db, team);
  const user = async (role: 'rep' | 'manager', name: string) => {
    const email = `${name}-${randomHex(4)}@example.test`;
    const id = await addUser(db, { team, email, name, role, password: TEAM_PASSWORD });
    return { id, email };
  };
  const repIds: string[] = [];
  const repEmails: string[] = [];
  for (let r = 0; r < reps; r++) {
    const rep = await user('rep', `rep-${r + 1}`);
    repIds.push(rep.id);
    repEmails.push(rep.email);
  }
  return { teamId, repIds, repEmails, manager: (await user('manager', 'manager')).email };
}

/** Every record a user's first pull gets, page after page, over plain HTTP. */
export async function pullEverything(serverUrl: string, email: string): Promise<PulledRecord[]> {
  const headers = {
    'content-type': 'application/json',
    [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
  };
  const login = await fetch(`${serverUrl}/v1/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password: TEAM_PASSWORD, deviceName: 'check' }),
  });
  if (!login.ok) throw new Error(`sign-in of ${email}: HTTP ${login.status}`);
  const { token } = (await login.json()) as { token: string };
  const records: PulledRecord[] = [];
  let epoch: string | null = null;
  let cursor: string | null = null;
  for (;;) {
    const answer = await fetch(`${serverUrl}/v1/pull`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${token}` },
      body: JSON.stringify({ epoch, cursor, limit: 1000 }),
    });
    if (!answer.ok) throw new Error(`pull of ${email}: HTTP ${answer.status}`);
    const page = (await answer.json()) as PullResponse;
    records.push(...page.records);
    ({ epoch, cursor } = page);
    if (!page.hasMore) return records;
  }
}

/**
 * The pull with what must differ mapped away (see the file's comment); throws when a stamp's
 * batch does not share one time (a record's times must come from its stamp).
 */
export function comparablePull(
  records: readonly PulledRecord[],
  repIds: readonly string[],
): unknown[] {
  const stampPlace = new Map<string, number>();
  const stampTime = new Map<string, unknown>();
  const place = (stamp: string) => {
    let at = stampPlace.get(stamp);
    if (at === undefined) stampPlace.set(stamp, (at = stampPlace.size));
    return `stamp ${at}`;
  };
  return records.map((pulled) => {
    const record = { ...(pulled.record as Record<string, unknown>) };
    const stamps = record.stamps as Record<string, string>;
    for (const field of ['createdAt', 'updatedAt']) {
      const stamp = stamps[field];
      if (stamp === undefined) continue;
      const key = `${stamp}\u0000${field}`;
      if (!stampTime.has(key)) stampTime.set(key, record[field]);
      else if (stampTime.get(key) !== record[field])
        throw new Error(`${pulled.table} ${pulled.id}: ${field} differs within its stamp's batch`);
      record[field] = place(stamp);
    }
    record.stamps = Object.fromEntries(Object.entries(stamps).map(([f, s]) => [f, place(s)]));
    record.ownerId = `rep ${repIds.indexOf(record.ownerId as string)}`;
    return { table: pulled.table, id: pulled.id, version: pulled.version, record };
  });
}

export interface SeedCheckSize {
  reps: number;
  clients: number;
  notes: number;
}

/**
 * Pushes a small team's books through `serverUrl`, seeds the same books directly into `db`, and
 * throws at the first record the two managers' pulls disagree on. Returns the records compared.
 */
export async function checkSeedMatchesPush(
  db: Db,
  serverUrl: string,
  size: SeedCheckSize,
): Promise<number> {
  const seeds = Array.from({ length: size.reps }, (_, r) => `check-${r}`);
  const pushed = await addBenchTeam(db, size.reps);
  for (let r = 0; r < size.reps; r++)
    await pushRepBook(serverUrl, pushed.repEmails[r]!, seeds[r]!, size);
  const seeded = await addBenchTeam(db, size.reps);
  await seedTeamBooks(db, {
    teamId: seeded.teamId,
    reps: seeded.repIds.map((userId, r) => ({ userId, seed: seeds[r]! })),
    clients: size.clients,
    notes: size.notes,
    // Small writes, so the check also crosses write boundaries as the pushes did.
    rowsPerWrite: 300,
  });
  const viaPush = comparablePull(await pullEverything(serverUrl, pushed.manager), pushed.repIds);
  const viaSeed = comparablePull(await pullEverything(serverUrl, seeded.manager), seeded.repIds);
  if (viaPush.length !== viaSeed.length)
    throw new Error(`pushed team pulls ${viaPush.length} records, seeded ${viaSeed.length}`);
  for (let i = 0; i < viaPush.length; i++) {
    if (!isDeepStrictEqual(viaPush[i], viaSeed[i]))
      throw new Error(
        `record ${i} differs:\n pushed ${JSON.stringify(viaPush[i])}\n seeded ${JSON.stringify(viaSeed[i])}`,
      );
  }
  const sequences = async (teamId: string, repIds: readonly string[]) => {
    const { rows } = await db.query<{ user_id: string; last_seq: number }>(
      'SELECT user_id, last_seq FROM device_seqs WHERE team_id = $1',
      [teamId],
    );
    return rows.map((r) => `${repIds.indexOf(r.user_id)}:${Number(r.last_seq)}`).sort();
  };
  const pushedSeqs = await sequences(pushed.teamId, pushed.repIds);
  const seededSeqs = await sequences(seeded.teamId, seeded.repIds);
  if (!isDeepStrictEqual(pushedSeqs, seededSeqs))
    throw new Error(`device sequences differ: pushed ${pushedSeqs}, seeded ${seededSeqs}`);
  return viaPush.length;
}
