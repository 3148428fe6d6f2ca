/** Teams, users and their devices: the admin CLI and the auth routes share these. */
import { uuidv7 } from '../../shared/ids';
import { isoOrNull, type Db, type Queryable } from '../db/db';
import type { DeviceInfo, UserInfo } from '../../shared/sync/protocol';
import {
  burnPasswordTime,
  hashPassword,
  hashToken,
  newDeviceToken,
  TOKEN_PATTERN,
  verifyPassword,
} from './secrets';

export type Role = 'rep' | 'manager';

/** Who is calling, resolved from a device token. */
export interface Actor {
  userId: string;
  teamId: string;
  role: Role;
  deviceId: string;
  user: UserInfo;
}

export class AccountError extends Error {}

export async function addTeam(db: Db, name: string): Promise<string> {
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const { rows } = await tx.query('SELECT 1 FROM teams WHERE name = $1', [name]);
    if (rows.length > 0) throw new AccountError(`Team "${name}" already exists`);
    await tx.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [id, name]);
    await tx.query('INSERT INTO team_counters (team_id, v) VALUES ($1, 0)', [id]);
  });
  return id;
}

async function findTeamId(q: Queryable, name: string): Promise<string> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [name]);
  if (!rows[0]) throw new AccountError(`No team named "${name}"`);
  return rows[0].id;
}

export interface NewUser {
  team: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function addUser(db: Db, user: NewUser): Promise<string> {
  if (user.password.length < 10) throw new AccountError('A password needs at least 10 characters');
  const teamId = await findTeamId(db, user.team);
  const { hash, salt } = await hashPassword(user.password);
  const id = uuidv7();
  const { rows } = await db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [
    user.email,
  ]);
  if (rows.length > 0) throw new AccountError(`A user with e-mail ${user.email} already exists`);
  try {
    await db.query(
      'INSERT INTO users (id, team_id, email, name, role, password_hash, password_salt) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, teamId, user.email.trim(), user.name, user.role, hash, salt],
    );
  } catch (error) {
    // Two admins adding the same e-mail at once: the unique index decides.
    if ((error as { code?: string }).code === '23505')
      throw new AccountError(`A user with e-mail ${user.email} already exists`);
    throw error;
  }
  return id;
}

async function userIdByEmail(q: Queryable, email: string): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    'SELECT id FROM users WHERE lower(email) = lower($1)',
    [email],
  );
  if (!rows[0]) throw new AccountError(`No user with e-mail ${email}`);
  return rows[0].id;
}

/** A new password also signs every device out: whoever knew the old one loses access. */
export async function resetPassword(db: Db, email: string, password: string): Promise<void> {
  if (password.length < 10) throw new AccountError('A password needs at least 10 characters');
  const userId = await userIdByEmail(db, email);
  const { hash, salt } = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, password_salt = $3 WHERE id = $1', [
      userId,
      hash,
      salt,
    ]);
    await tx.query(
      'UPDATE devices SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
  });
}

interface UserRow {
  id: string;
  team_id: string;
  team_name: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  password_salt: string;
}

function userInfo(
  row: Pick<UserRow, 'id' | 'team_id' | 'team_name' | 'email' | 'name' | 'role'>,
): UserInfo {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamId: row.team_id,
    teamName: row.team_name,
  };
}

/** Checks the password and registers a device; null when the e-mail or password is wrong. */
export async function login(
  db: Db,
  email: string,
  password: string,
  deviceName: string,
): Promise<{ token: string; deviceId: string; user: UserInfo } | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT u.id, u.team_id, t.name AS team_name, u.email, u.name, u.role, u.password_hash, u.password_salt
       FROM users u JOIN teams t ON t.id = u.team_id
      WHERE lower(u.email) = lower($1) AND u.disabled_at IS NULL`,
    [email],
  );
  const row = rows[0];
  if (!row) {
    await burnPasswordTime(password);
    return null;
  }
  if (!(await verifyPassword(password, row.password_hash, row.password_salt))) return null;
  const token = newDeviceToken();
  const deviceId = uuidv7();
  await db.query(
    'INSERT INTO devices (id, user_id, name, token_hash, last_seen_at) VALUES ($1, $2, $3, $4, now())',
    [deviceId, row.id, deviceName, hashToken(token)],
  );
  return { token, deviceId, user: userInfo(row) };
}

/** Seen-at is written at most once a minute per device, not on every request. */
const SEEN_EVERY_MS = 60_000;

/**
 * Collects devices seen by requests and writes their `last_seen_at` in one statement a second,
 * off the request path: a sync cycle then never waits for a write (and its commit) of its own.
 */
export class SeenWriter {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly delayMs = 1000,
  ) {}

  mark(deviceId: string): void {
    this.pending.add(deviceId);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
      this.timer.unref();
    }
  }

  /** Writes what is pending now; resolves when it (and any write before it) is done. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.pending];
    this.pending.clear();
    this.flushing = this.flushing.then(async () => {
      if (ids.length === 0) return;
      try {
        await this.db.query(
          'UPDATE devices SET last_seen_at = now() WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb)::uuid))',
          [JSON.stringify(ids)],
        );
      } catch (error) {
        this.onError(error);
      }
    });
    return this.flushing;
  }
}

/**
 * The device a token belongs to, or null (unknown, revoked, or its user disabled). Looked up on
 * every request, so a revocation works at once on every replica. `seen` records the device as
 * seen (a SeenWriter); without it the write happens here.
 */
export async function authenticate(
  db: Db,
  token: string,
  nowMs: number,
  seen?: SeenWriter,
): Promise<Actor | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const { rows } = await db.query<UserRow & { device_id: string; last_seen_at: unknown }>(
    `SELECT d.id AS device_id, d.last_seen_at, u.id, u.team_id, t.name AS team_name, u.email, u.name, u.role
       FROM devices d JOIN users u ON u.id = d.user_id JOIN teams t ON t.id = u.team_id
      WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND u.disabled_at IS NULL`,
    [hashToken(token)],
    { name: 'authenticate' },
  );
  const row = rows[0];
  if (!row) return null;
  const last = isoOrNull(row.last_seen_at);
  if (!last || nowMs - Date.parse(last) > SEEN_EVERY_MS) {
    if (seen) seen.mark(row.device_id);
    else await db.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [row.device_id]);
  }
  return {
    userId: row.id,
    teamId: row.team_id,
    role: row.role,
    deviceId: row.device_id,
    user: userInfo(row),
  };
}

export async function listDevices(
  q: Queryable,
  userId: string,
  currentDeviceId: string | null,
): Promise<DeviceInfo[]> {
  const { rows } = await q.query<{
    id: string;
    name: string;
    created_at: unknown;
    last_seen_at: unknown;
    revoked_at: unknown;
  }>(
    'SELECT id, name, created_at, last_seen_at, revoked_at FROM devices WHERE user_id = $1 ORDER BY created_at, id',
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: isoOrNull(r.created_at)!,
    lastSeenAt: isoOrNull(r.last_seen_at),
    revokedAt: isoOrNull(r.revoked_at),
    current: r.id === currentDeviceId,
  }));
}

export async function listDevicesByEmail(db: Db, email: string): Promise<DeviceInfo[]> {
  return listDevices(db, await userIdByEmail(db, email), null);
}

/** Revokes a device; with `userId` only one of that user's own. True when a token stopped working. */
export async function revokeDevice(db: Db, deviceId: string, userId?: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE devices SET revoked_at = now()
      WHERE id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR user_id = $2::uuid) RETURNING id`,
    [deviceId, userId ?? null],
  );
  return rows.length > 0;
}

/**
 * Disables a user: they cannot sign in, and every device of theirs is signed out at once (the
 * token check on every request reads `disabled_at`, and each token is revoked too, so enabling
 * the user again does not bring an old, perhaps stolen, token back). False when already disabled.
 */
export async function disableUser(db: Db, email: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const userId = await userIdByEmail(tx, email);
    const { rows } = await tx.query(
      'UPDATE users SET disabled_at = now() WHERE id = $1 AND disabled_at IS NULL RETURNING 1',
      [userId],
    );
    await tx.query(
      'UPDATE devices SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
    return rows.length > 0;
  });
}

/** Lets a disabled user sign in again (with their password; old devices stay signed out). */
export async function enableUser(db: Db, email: string): Promise<boolean> {
  const userId = await userIdByEmail(db, email);
  const { rows } = await db.query(
    'UPDATE users SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL RETURNING 1',
    [userId],
  );
  return rows.length > 0;
}

/**
 * Deletes a user's account: the user, every device and token, their shares and their push
 * bookkeeping, in one transaction. Their records stay with the team (a manager still sees them;
 * share their clients with another rep first if someone must go on working them). The e-mail is
 * free again afterwards; a new account with it is a new user who does not own the old records.
 */
export async function deleteUser(db: Db, email: string): Promise<{ devices: number }> {
  return db.transaction(async (tx) => {
    const userId = await userIdByEmail(tx, email);
    const { rows: locked } = await tx.query<{ team_id: string }>(
      'SELECT team_id FROM users WHERE id = $1 FOR UPDATE',
      [userId],
    );
    const teamId = locked[0]!.team_id;
    const { rows: devices } = await tx.query('DELETE FROM devices WHERE user_id = $1 RETURNING 1', [
      userId,
    ]);
    await tx.query('DELETE FROM shares WHERE team_id = $1 AND user_id = $2', [teamId, userId]);
    await tx.query('DELETE FROM device_seqs WHERE team_id = $1 AND user_id = $2', [teamId, userId]);
    await tx.query('DELETE FROM applied_batches WHERE team_id = $1 AND user_id = $2', [
      teamId,
      userId,
    ]);
    await tx.query('DELETE FROM users WHERE id = $1', [userId]);
    return { devices: devices.length };
  });
}

/** One user's account state, for the CLI. */
export async function describeUser(
  q: Queryable,
  email: string,
): Promise<{ user: UserInfo; disabled: boolean }> {
  const { rows } = await q.query<UserRow & { disabled_at: unknown }>(
    `SELECT u.id, u.team_id, t.name AS team_name, u.email, u.name, u.role, u.disabled_at
       FROM users u JOIN teams t ON t.id = u.team_id WHERE lower(u.email) = lower($1)`,
    [email],
  );
  if (!rows[0]) throw new AccountError(`No user with e-mail ${email}`);
  return { user: userInfo(rows[0]), disabled: rows[0].disabled_at !== null };
}
