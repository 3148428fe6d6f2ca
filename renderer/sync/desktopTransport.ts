import { z } from 'zod';
import type { DesktopApi } from '../../shared/ipc';
import { LOCAL_SYNC_ERRORS, type SyncHttpResult } from '../../shared/ipc-sync';
import {
  ErrorBodySchema,
  PulledRecordSchema,
  PullResponseSchema,
  PushResponseSchema,
  TeamResponseSchema,
} from '../../shared/sync/protocol';
import { SignedInSchema, SyncHttpError, type SyncTransport } from './transport';

export type SyncDesktop = Pick<DesktopApi, 'syncSignIn' | 'syncSignOut' | 'syncRequest'>;

/**
 * A pull answer as the protocol has it, except that each record is only checked to be an object:
 * pullPages checks every record against its table's schema, which says more, and taking the
 * object as parsed from JSON spares a copy of every field of every record on the main thread.
 */
const PullAnswerSchema = PullResponseSchema.extend({
  records: z.array(
    PulledRecordSchema.extend({
      record: z.custom<Record<string, unknown>>(
        (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
        'a record is an object',
      ),
    }),
  ),
});

/** A non-200 answer as a SyncHttpError; a 200 whose body is not the protocol's as `bad_response`. */
function readAnswer<T>(result: SyncHttpResult, schema: z.ZodType<T>): T {
  if (result.status === 200) {
    const parsed = schema.safeParse(result.body);
    if (parsed.success) return parsed.data;
    throw new SyncHttpError(
      200,
      LOCAL_SYNC_ERRORS.badResponse,
      `the server's answer does not follow the sync protocol: ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
    );
  }
  const error = ErrorBodySchema.safeParse(result.body);
  if (!error.success) {
    throw new SyncHttpError(
      result.status,
      result.status === 0 ? LOCAL_SYNC_ERRORS.network : LOCAL_SYNC_ERRORS.badResponse,
      `HTTP ${result.status} without a protocol error body`,
    );
  }
  const { code, message, retryAfterMs, epoch, details } = error.data.error;
  throw new SyncHttpError(result.status, code, message, {
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(epoch !== undefined ? { epoch } : {}),
    ...(details !== undefined ? { details } : {}),
  });
}

/**
 * The app's transport: every call goes through the DesktopApi, so in Electron the main process
 * adds the device token and the renderer never holds it; in a browser the twin does the same.
 */
export function createDesktopSyncTransport(desktop: SyncDesktop): SyncTransport {
  const post = async <T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> =>
    readAnswer(
      await desktop.syncRequest({ method: 'POST', path, body: JSON.stringify(body) }),
      schema,
    );
  return {
    async signIn(request) {
      return readAnswer(await desktop.syncSignIn(request), SignedInSchema);
    },
    signOut: () => desktop.syncSignOut(),
    push: (request) => post('/v1/push', request, PushResponseSchema),
    pull: (request) => post('/v1/pull', request, PullAnswerSchema),
    team: async () =>
      readAnswer(
        await desktop.syncRequest({ method: 'GET', path: '/v1/team', body: null }),
        TeamResponseSchema,
      ),
  };
}
