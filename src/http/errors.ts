import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError, silentLogger, type ErrorKind, type Logger } from '../domain/index.js';
import { repeatedLog, type StorageHealth } from '../services/index.js';
import { isClientAbort, isStorageError } from './failures.js';

const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unavailable: 503,
};

export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

export interface ErrorHandlerDeps {
  logger?: Logger;
  /** Told about storage failures, so /healthz reports them. */
  storageHealth?: StorageHealth;
}

/**
 * The one place where any thrown thing becomes an HTTP answer of the API's error shape. A
 * full or failing database is 503 storage_unavailable; a client that went away is logged at
 * debug only; anything else is a 500, and each kind of failure is logged once per spell, then
 * counted per window, never a stack trace per request.
 */
export function createErrorHandler({ logger = silentLogger, storageHealth }: ErrorHandlerDeps = {}) {
  const storageFailures = repeatedLog(
    logger,
    'error',
    'the database refused a request: answering 503 storage_unavailable',
  );
  const unhandled = repeatedLog(logger, 'error', 'unhandled error: answering 500');
  return function errorResponse(c: Context, err: unknown): Response {
    if (isAppError(err)) {
      const res = c.json(errorBody(err.code, err.message, err.details), STATUS[err.kind]);
      if (err.kind === 'unauthorized') res.headers.set('WWW-Authenticate', 'Bearer');
      return res;
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code = status === 413 ? 'payload_too_large' : status < 500 ? 'bad_request' : 'internal_error';
      const message = status === 413 ? 'request body is larger than 64 KB' : err.message || 'bad request';
      return c.json(errorBody(code, message), status);
    }
    const requestId = requestIdOf(c);
    if (isClientAbort(err)) {
      logger.debug('client went away before the request was read', { requestId });
      return c.json(errorBody('request_aborted', 'the request was cut short'), 400);
    }
    if (isStorageError(err)) {
      storageHealth?.failed();
      storageFailures.report({ requestId, err });
      const res = c.json(
        errorBody('storage_unavailable', 'the database cannot take this request right now; try again shortly'),
        503,
      );
      res.headers.set('Retry-After', '5');
      return res;
    }
    // A report's path holds its secret token: the log names the route, not the token.
    unhandled.report({ requestId, method: c.req.method, path: c.req.path.replace(/^\/r\/[^/]+/, '/r/<token>'), err });
    return c.json(errorBody('internal_error', 'something went wrong on our side'), 500);
  };
}

/** The request id the requestId middleware set, when it ran. */
export function requestIdOf(c: Context): string | undefined {
  const id = (c.get as (key: string) => unknown)('requestId');
  return typeof id === 'string' ? id : undefined;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

/** bodyLimit's answer: the API's error shape, naming the limit that applies to this route. */
export const payloadTooLarge = (maxBytes: number) => (c: Context) =>
  c.json(errorBody('payload_too_large', `request body is larger than ${size(maxBytes)}`), 413);
