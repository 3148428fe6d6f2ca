/**
 * The sync half of the DesktopApi: the renderer asks the desktop to sign in, sign out and make
 * sync requests; the desktop (Electron's main process, or the browser twin) keeps the device token
 * and adds the Authorization header, so in Electron the token never enters the renderer. The
 * schemas are what the IPC gate checks; `createSyncHttp` is the one implementation both sides
 * run, over whatever fetch and secret store their room has.
 */
import { z } from 'zod';
import {
  LIMITS,
  LoginResponseSchema,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
} from './sync/protocol';

/** Where the desktop keeps `{serverUrl, token}`: one secret, so a token never outlives its server. */
export const SYNC_SECRET_KEY = 'sync.session';
export const MAX_SERVER_URL_LENGTH = 2048;
/** A request body (JSON text) the desktop forwards; the server refuses more anyway. */
export const MAX_SYNC_BODY_CHARS = LIMITS.maxRequestBytes;
/** An answer larger than this is refused unread: a pull page of 1000 records is far smaller. */
export const MAX_SYNC_RESPONSE_CHARS = 64 * 1024 * 1024;
export const SYNC_TIMEOUT_MS = 60_000;

interface ParsedUrl {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  readonly pathname: string;
}
// shared/ is typechecked without DOM or Node types; the WHATWG URL class exists in both runtimes.
const UrlConstructor = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

/**
 * The server address as the desktop stores it (`https://sync.example.com/base`, no trailing
 * slash), or null when it is not one: only http(s), no user name or password in it (a
 * credentials trick or a leak into logs), no query or fragment, no whitespace or control characters.
 */
export function normalizeServerUrl(input: string): string | null {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_SERVER_URL_LENGTH) return null;
  if (/[\s\\\p{Cc}\p{Cf}]/u.test(text)) return null;
  const authority = text.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@')) return null;
  let url: ParsedUrl;
  try {
    url = new UrlConstructor(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export const ServerUrlSchema = z
  .string()
  .max(MAX_SERVER_URL_LENGTH)
  .refine((value) => normalizeServerUrl(value) !== null, 'invalid server address');

export const SyncSignInRequestSchema = z.strictObject({
  serverUrl: ServerUrlSchema,
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
  deviceName: z.string().trim().min(1).max(200),
});
export type SyncSignInRequest = z.infer<typeof SyncSignInRequestSchema>;

/** Paths under the protocol's /v1/; the desktop joins them to the stored server address. */
export const SyncPathSchema = z
  .string()
  .max(200)
  .regex(/^\/v1\/[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'invalid sync path');

export const SyncRequestSchema = z.strictObject({
  method: z.enum(['GET', 'POST']),
  path: SyncPathSchema,
  /** JSON text (`null` for a GET); the desktop does not parse it, the server does. */
  body: z.string().max(MAX_SYNC_BODY_CHARS).nullable(),
});
export type SyncRequest = z.infer<typeof SyncRequestSchema>;

/**
 * The server's answer as data, never a thrown error: `status` 0 means no answer (no network,
 * timeout), with `body.error.code` `network`; otherwise the HTTP status and the parsed JSON body.
 */
export const SyncHttpResultSchema = z.strictObject({
  status: z.number().int().min(0).max(599),
  body: z.unknown(),
});
export type SyncHttpResult = z.infer<typeof SyncHttpResultSchema>;

/** Codes the desktop itself puts in `body.error.code` (the server's are in shared/sync/protocol.ts). */
export const LOCAL_SYNC_ERRORS = {
  network: 'network',
  badResponse: 'bad_response',
  responseTooLarge: 'response_too_large',
  invalidServerUrl: 'invalid_server_url',
} as const;

// ---- the one implementation, over injected fetch and secrets ----------------------------------

export interface SyncFetchResponse {
  readonly status: number;
  text(): Promise<string>;
}
export type SyncFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: unknown },
) => Promise<SyncFetchResponse>;

export interface SyncSecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface SyncHttpDeps {
  fetch: SyncFetch;
  secrets: SyncSecretStore;
  /** An AbortSignal that fires after `ms` (AbortSignal.timeout); absent: no timeout. */
  timeoutSignal?: (ms: number) => unknown;
}

export interface SyncHttp {
  signIn(request: SyncSignInRequest): Promise<SyncHttpResult>;
  signOut(): Promise<void>;
  request(request: SyncRequest): Promise<SyncHttpResult>;
}

const StoredSessionSchema = z.object({ serverUrl: z.string(), token: z.string().min(1) });

function localError(status: number, code: string, message: string): SyncHttpResult {
  return { status, body: { error: { code, message } } };
}

export function createSyncHttp(deps: SyncHttpDeps): SyncHttp {
  async function call(
    url: string,
    method: 'GET' | 'POST',
    body: string | null,
    token: string | null,
  ): Promise<SyncHttpResult> {
    const headers: Record<string, string> = { [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION) };
    if (body !== null) headers['content-type'] = 'application/json';
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let response: SyncFetchResponse;
    let text: string;
    try {
      response = await deps.fetch(url, {
        method,
        headers,
        ...(body !== null ? { body } : {}),
        ...(deps.timeoutSignal ? { signal: deps.timeoutSignal(SYNC_TIMEOUT_MS) } : {}),
      });
      text = await response.text();
    } catch (error) {
      return localError(0, LOCAL_SYNC_ERRORS.network, String((error as Error)?.message ?? error));
    }
    if (text.length > MAX_SYNC_RESPONSE_CHARS) {
      return localError(response.status, LOCAL_SYNC_ERRORS.responseTooLarge, 'answer too large');
    }
    try {
      return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    } catch {
      return localError(response.status, LOCAL_SYNC_ERRORS.badResponse, 'the answer is not JSON');
    }
  }

  async function session(): Promise<z.infer<typeof StoredSessionSchema> | null> {
    const raw = await deps.secrets.get(SYNC_SECRET_KEY);
    if (raw === null) return null;
    try {
      const parsed = StoredSessionSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  return {
    async signIn(request) {
      const serverUrl = normalizeServerUrl(request.serverUrl);
      if (serverUrl === null) {
        return localError(0, LOCAL_SYNC_ERRORS.invalidServerUrl, 'invalid server address');
      }
      const { email, password, deviceName } = request;
      const result = await call(
        `${serverUrl}/v1/auth/login`,
        'POST',
        JSON.stringify({ email, password, deviceName }),
        null,
      );
      if (result.status !== 200) return result;
      const login = LoginResponseSchema.safeParse(result.body);
      if (!login.success) {
        return localError(200, LOCAL_SYNC_ERRORS.badResponse, 'not a Fieldbook sign-in answer');
      }
      const { token, ...rest } = login.data;
      await deps.secrets.set(SYNC_SECRET_KEY, JSON.stringify({ serverUrl, token }));
      return { status: 200, body: rest };
    },

    async signOut() {
      const current = await session();
      // Forget the token first: even when the server cannot be told, this device is signed out.
      await deps.secrets.delete(SYNC_SECRET_KEY);
      if (current) await call(`${current.serverUrl}/v1/auth/logout`, 'POST', '{}', current.token);
    },

    async request(request) {
      const current = await session();
      if (current === null) {
        return localError(401, 'unauthorized', 'this device is not signed in');
      }
      return call(
        `${current.serverUrl}${request.path}`,
        request.method,
        request.body,
        current.token,
      );
    },
  };
}
