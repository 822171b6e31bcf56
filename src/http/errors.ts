import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError, type ErrorKind } from '../domain/index.js';

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

/** The one place where any thrown thing becomes an HTTP answer of the API's error shape. */
export function errorResponse(c: Context, err: unknown, log: (msg: string, e: unknown) => void = console.error) {
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
  log('unhandled error', err);
  return c.json(errorBody('internal_error', 'something went wrong on our side'), 500);
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

/** bodyLimit's answer: the API's error shape, naming the limit that applies to this route. */
export const payloadTooLarge = (maxBytes: number) => (c: Context) =>
  c.json(errorBody('payload_too_large', `request body is larger than ${size(maxBytes)}`), 413);
