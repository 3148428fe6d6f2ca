/**
 * The database's identity: its epoch (a random id for this life of the data, changed by a
 * restore), the secret that signs pull cursors, and a fingerprint of the PostgreSQL cluster that
 * notices most restores by itself.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { Db, Queryable } from '../db/db';
import { ApiError } from '../http/errors';

function newEpoch(): string {
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
 * A new epoch unless another request already began one after `seen`: several devices proving one
 * restore at once begin one epoch, not one each. Returns the epoch now current.
 */
export async function rotateEpochFrom(db: Db, seen: string): Promise<string> {
  const epoch = newEpoch();
  const { rows } = await db.query<{ value: string }>(
    "UPDATE server_meta SET value = $1 WHERE key = 'epoch' AND value = $2 RETURNING value",
    [epoch, seen],
  );
  return rows[0]?.value ?? (await readEpoch(db));
}

export function epochChangedError(epoch: string): ApiError {
  return new ApiError(
    'epoch_changed',
    'The server was restored from a backup; pull from the start, then re-push',
    { epoch },
  );
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

/** `version.sig` (before witnesses) or `version.witness.sig`. */
const CURSOR_PATTERN = /^(\d{1,15})\.(?:([0-9a-f]{32})\.)?([0-9a-f]{32})$/;
const NO_WITNESS = '0'.repeat(32);

/** The version a cursor names, unverified (CursorCodec.decode checks it); null when malformed. */
export function cursorVersion(cursor: string): number | null {
  const match = CURSOR_PATTERN.exec(cursor);
  return match ? Number(match[1]) : null;
}

export interface DecodedCursor {
  version: number;
  /**
   * The record that held exactly `version` when the cursor was issued, or null. Versions only
   * grow, so in the data's one history that record still exists at `version` or above; a database
   * that lacks it, or holds it lower, went back in time (a restore), whatever its identity says.
   */
  witness: string | null;
}

/**
 * A pull cursor is a team version signed for this epoch, team and user, with its witness record's
 * id enciphered (a cursor is opaque and must not show a row id): a forged or foreign cursor is
 * refused, so a cursor ahead of the team's counter, or whose witness is gone, can only mean the
 * data went back in time.
 */
export class CursorCodec {
  private readonly witnessKey: Buffer;

  constructor(private readonly secret: string) {
    this.witnessKey = createHash('sha256').update(`witness:${secret}`).digest().subarray(0, 16);
  }

  private sign(
    epoch: string,
    teamId: string,
    userId: string,
    version: number,
    witness: string | undefined,
  ): string {
    return createHmac('sha256', this.secret)
      .update(
        `${epoch}:${teamId}:${userId}:${version}${witness === undefined ? '' : `:${witness}`}`,
      )
      .digest('hex')
      .slice(0, 32);
  }

  private encipher(id: string | null): string {
    if (id === null) return NO_WITNESS;
    const cipher = createCipheriv('aes-128-ecb', this.witnessKey, null).setAutoPadding(false);
    const block = Buffer.from(id.replaceAll('-', ''), 'hex');
    return Buffer.concat([cipher.update(block), cipher.final()]).toString('hex');
  }

  private decipher(witness: string): string | null {
    if (witness === NO_WITNESS) return null;
    const decipher = createDecipheriv('aes-128-ecb', this.witnessKey, null).setAutoPadding(false);
    const hex = Buffer.concat([
      decipher.update(Buffer.from(witness, 'hex')),
      decipher.final(),
    ]).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  encode(
    epoch: string,
    teamId: string,
    userId: string,
    version: number,
    witness: string | null = null,
  ): string {
    const w = this.encipher(witness);
    return `${version}.${w}.${this.sign(epoch, teamId, userId, version, w)}`;
  }

  /** The witness a cursor names, unverified (decode checks it); null when it has none. */
  witnessOf(cursor: string): string | null {
    const witness = CURSOR_PATTERN.exec(cursor)?.[2];
    return witness === undefined ? null : this.decipher(witness);
  }

  /** The cursor's version and witness, or null when it was not issued for this epoch, team and user. */
  decode(cursor: string, epoch: string, teamId: string, userId: string): DecodedCursor | null {
    const match = CURSOR_PATTERN.exec(cursor);
    if (!match) return null;
    const version = Number(match[1]);
    const witness = match[2];
    const expected = Buffer.from(this.sign(epoch, teamId, userId, version, witness), 'hex');
    const given = Buffer.from(match[3]!, 'hex');
    if (!timingSafeEqual(expected, given)) return null;
    return { version, witness: witness === undefined ? null : this.decipher(witness) };
  }
}
