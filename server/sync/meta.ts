/**
 * The database's identity: its epoch (a random id for this life of the data, changed by a
 * restore), the secret that signs pull cursors, and a fingerprint of the PostgreSQL cluster that
 * notices most restores by itself.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import { ApiError } from '../http/errors';

export function newEpoch(): string {
  return randomBytes(16).toString('hex');
}

export async function readEpoch(q: Queryable): Promise<string> {
  const { rows } = await q.query<{ value: string }>(
    "SELECT value FROM server_meta WHERE key = 'epoch'",
  );
  const epoch = rows[0]?.value;
  if (!epoch) throw new ApiError('unavailable', 'The server is not initialised yet');
  return epoch;
}

/** A new epoch: every client re-pulls from the start and re-pushes what the server lacks. */
export async function rotateEpoch(db: Db): Promise<string> {
  const epoch = newEpoch();
  await db.query("UPDATE server_meta SET value = $1 WHERE key = 'epoch'", [epoch]);
  return epoch;
}

/**
 * System identifier (changes with a dump restored into another cluster), timeline (changes with
 * point-in-time recovery and with a failover that may have lost commits) and database oid
 * (changes with a dump restored into a re-created database). Parts the role may not read stay empty.
 */
async function fingerprint(db: Db): Promise<string> {
  const part = async (sql: string): Promise<string> => {
    try {
      const { rows } = await db.query<{ v: unknown }>(sql);
      return String(rows[0]?.v ?? '');
    } catch {
      return '';
    }
  };
  return [
    await part('SELECT system_identifier::text AS v FROM pg_control_system()'),
    await part('SELECT timeline_id::text AS v FROM pg_control_checkpoint()'),
    await part('SELECT oid::text AS v FROM pg_database WHERE datname = current_database()'),
  ].join(':');
}

export interface MetaStatus {
  epoch: string;
  cursorSecret: string;
  /** Set when this start found the database restored or moved and began a new epoch. */
  rotatedBecause: string | null;
}

/** At start: create what is missing; begin a new epoch when the cluster is not the one we last ran on. */
export async function ensureMeta(db: Db): Promise<MetaStatus> {
  await db.query(
    `INSERT INTO server_meta (key, value) VALUES ('epoch', $1), ('cursor_secret', $2) ON CONFLICT (key) DO NOTHING`,
    [newEpoch(), randomBytes(32).toString('hex')],
  );
  const current = await fingerprint(db);
  const { rows } = await db.query<{ key: string; value: string }>(
    'SELECT key, value FROM server_meta',
  );
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  let rotatedBecause: string | null = null;
  const stored = meta.get('fingerprint');
  if (stored !== undefined && stored !== current) {
    rotatedBecause = `database fingerprint changed (${stored} -> ${current}): restored from a backup or failed over`;
    meta.set('epoch', await rotateEpoch(db));
  }
  await db.query(
    `INSERT INTO server_meta (key, value) VALUES ('fingerprint', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [current],
  );
  return { epoch: meta.get('epoch')!, cursorSecret: meta.get('cursor_secret')!, rotatedBecause };
}

const CURSOR_PATTERN = /^(\d{1,15})\.([0-9a-f]{32})$/;

/** The version a cursor names, unverified (CursorCodec.decode checks it); null when malformed. */
export function cursorVersion(cursor: string): number | null {
  const match = CURSOR_PATTERN.exec(cursor);
  return match ? Number(match[1]) : null;
}

/**
 * A pull cursor is a team version signed for this epoch, team and user: a forged or foreign cursor
 * is refused, so a cursor ahead of the team's counter can only mean the data went back in time.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  private sign(epoch: string, teamId: string, userId: string, version: number): string {
    return createHmac('sha256', this.secret)
      .update(`${epoch}:${teamId}:${userId}:${version}`)
      .digest('hex')
      .slice(0, 32);
  }

  encode(epoch: string, teamId: string, userId: string, version: number): string {
    return `${version}.${this.sign(epoch, teamId, userId, version)}`;
  }

  /** The version in a cursor, or null when the cursor was not issued for this epoch, team and user. */
  decode(cursor: string, epoch: string, teamId: string, userId: string): number | null {
    const match = CURSOR_PATTERN.exec(cursor);
    if (!match) return null;
    const version = Number(match[1]);
    const expected = Buffer.from(this.sign(epoch, teamId, userId, version), 'hex');
    const given = Buffer.from(match[2]!, 'hex');
    return timingSafeEqual(expected, given) ? version : null;
  }
}
