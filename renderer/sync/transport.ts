/**
 * How the sync engine reaches the server. The engine knows only this interface; the app's
 * implementation goes through the DesktopApi (desktopTransport.ts), tests pass fakes.
 */
import type { z } from 'zod';
import type { SyncSignInRequest } from '../../shared/ipc-sync';
import {
  LoginResponseSchema,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type TeamResponse,
} from '../../shared/sync/protocol';

/** The sign-in answer without the token, which stays with the desktop. */
export const SignedInSchema = LoginResponseSchema.omit({ token: true });
export type SignedIn = z.infer<typeof SignedInSchema>;

export interface SyncTransport {
  signIn(request: SyncSignInRequest): Promise<SignedIn>;
  signOut(): Promise<void>;
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
  /** The team's people (`GET /v1/team`); absent in transports that have no team. */
  team?(): Promise<TeamResponse>;
}

/**
 * A refusal or failure of a sync request: `status` is the HTTP status (0: no answer at all) and
 * `code` the protocol's error code (shared/sync/protocol.ts ERROR_CODES) or the desktop's own
 * (`network`, `bad_response`, …).
 */
export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { retryAfterMs?: number; epoch?: string; details?: unknown } = {},
  ) {
    super(message);
  }
}

export function isSyncHttpError(error: unknown): error is SyncHttpError {
  return error instanceof SyncHttpError;
}
