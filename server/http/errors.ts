import type { z } from 'zod';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../shared/sync/protocol';

export interface ErrorExtra {
  details?: unknown;
  retryAfterMs?: number;
  epoch?: string;
}

/** An error a client can act on: its code, HTTP status and message come from the protocol. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: ErrorExtra = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

/** Validates with a shared schema; a failure is a 400 that says which field and why. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 20)
    .map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ApiError(
    'bad_request',
    `Invalid ${what}: ${issues[0]?.path || '(body)'}: ${issues[0]?.message ?? ''}`,
    {
      details: issues,
    },
  );
}

/** Fastify's own client errors (parsing, size, media type) in the protocol's words. */
export function fromFastifyError(error: {
  code?: string;
  statusCode?: number;
  message: string;
}): ApiError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(
        'unsupported_media_type',
        'Send JSON with Content-Type: application/json',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(
        'payload_too_large',
        'The request body is too large; send smaller batches',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('invalid_json', 'The body is not valid JSON');
    default:
      break;
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return new ApiError('invalid_json', 'The body is not valid JSON');
  }
  if (error.statusCode === 413)
    return new ApiError('payload_too_large', 'The request body is too large');
  if (error.statusCode === 415)
    return new ApiError('unsupported_media_type', 'Send JSON with Content-Type: application/json');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('bad_request', error.message.slice(0, 300));
  }
  return null;
}
