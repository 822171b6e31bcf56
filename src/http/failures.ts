/** The error itself and the causes it wraps (drizzle wraps driver errors), nearest first. */
function* chain(err: unknown): Generator<{ code?: unknown; name?: unknown; message?: unknown }> {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    yield e as { code?: unknown; name?: unknown; message?: unknown };
  }
}

const ABORT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_ABORTED']);

/**
 * The client went away mid-request (a body cut short, a closed socket): expected on the open
 * internet, so it is neither a 500 nor an error line.
 */
export function isClientAbort(err: unknown): boolean {
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && ABORT_CODES.has(e.code)) return true;
    if (e.name === 'AbortError') return true;
  }
  return false;
}

/** SQLite result codes that mean the storage cannot take writes (or reads) right now. */
const STORAGE_CODE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|PROTOCOL|NOLFS)/;
/** D1 reports SQLite's failures in its messages; these are the storage's, not the query's. */
const STORAGE_MESSAGE =
  /SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY)|database or disk is full|database is locked|disk I\/O error|D1_ERROR: (?:.*)(?:overloaded|storage|reset|timed? ?out)/i;

/**
 * A failure of the database rather than of the request: a full disk, an I/O error, a lock
 * held too long. The API answers it with 503 storage_unavailable and /healthz reports it.
 */
export function isStorageError(err: unknown): boolean {
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && STORAGE_CODE.test(e.code)) return true;
    if (typeof e.message === 'string' && STORAGE_MESSAGE.test(e.message)) return true;
  }
  return false;
}
