/**
 * What every route needs from the app: the database, the clock and the guards built once per
 * process. Its own module so that app.ts and the route files do not import each other.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../accounts/accounts';
import type { Db } from '../db/db';
import type { CursorCodec } from '../sync/meta';
import type { PushOptions } from '../sync/push';
import type { TeamGate } from '../sync/team-gate';
import type { LoginThrottle } from './rate-limit';

export interface AppContext {
  db: Db;
  now: () => number;
  cursors: CursorCodec;
  maxClockAheadMs: number;
  beforeCommit?: PushOptions['beforeCommit'];
  loginThrottle: LoginThrottle;
  teamGate: TeamGate;
  /** May this user's push declare a restore now (at most once per restoreEvidenceEveryMs)? */
  mayDeclareRestore(actor: Actor): Promise<boolean>;
  /** Resolves the bearer token and applies the per-token rate limit; throws 401 or 429. */
  requireActor(request: FastifyRequest): Promise<Actor>;
}
