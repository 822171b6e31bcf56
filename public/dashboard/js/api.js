// JSON over fetch with the session cookie; the CSRF token rides on every state-changing call.

let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Called when the server says the session is gone (401), so the app can show sign-in. */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

/** Builds "/api/x?a=1&slug=a&slug=b" from an object; arrays repeat, empty values are dropped. */
export function apiPath(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') query.append(key, String(v));
    }
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(method, path, body, signal) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'Could not reach the linkpost server. Is it still running?');
  }
}

/** Turns a non-2xx answer into an ApiError carrying the API's {error:{code,message}}. */
export async function errorFrom(res, method, path) {
  let data = null;
  try {
    data = await res.json();
  } catch {
    // not JSON: fall through to a generic message
  }
  // A proxy or a crash may answer without the API's error shape: then the status speaks.
  const err = data?.error;
  return new ApiError(
    res.status,
    err?.code ?? `http_${res.status}`,
    err?.message ?? `${method} ${path} failed with ${res.status}`,
    err?.details,
  );
}

/** Calls the API and returns its JSON (null for 204). Retries once after a stale CSRF token. */
export async function api(method, path, body, { signal } = {}) {
  let res = await send(method, path, body, signal);
  if (res.status === 403 && method !== 'GET') {
    const copy = res.clone();
    const code = (await copy.json().catch(() => null))?.error?.code;
    if (code === 'csrf_failed' && (await refreshSession())) res = await send(method, path, body, signal);
  }
  if (res.status === 204) return null;
  if (!res.ok) {
    const error = await errorFrom(res, method, path);
    if (res.status === 401 && !path.startsWith('/api/session')) onSignedOut(error);
    throw error;
  }
  return res.json();
}

export const get = (path, params, opts) => api('GET', apiPath(path, params), undefined, opts);

/** Asks the server whether this browser is signed in; keeps the CSRF token when it is. */
export async function refreshSession() {
  const session = await api('GET', '/api/session');
  csrfToken = session?.signedIn ? session.csrfToken : null;
  return session?.signedIn ? session : null;
}

export async function signIn(key) {
  const session = await api('POST', '/api/session', { key });
  csrfToken = session.csrfToken;
  return session;
}

export async function signOut() {
  await api('DELETE', '/api/session');
  csrfToken = null;
}

/**
 * Downloads a CSV the server streams. A quick look at the answer first, so an error is
 * shown on the page instead of becoming a broken file; then the browser fetches it to disk.
 */
export async function download(path, params) {
  const url = apiPath(path, params);
  const probe = new AbortController();
  const res = await fetch(url, { credentials: 'same-origin', signal: probe.signal, headers: { accept: 'text/csv' } });
  if (!res.ok) throw await errorFrom(res, 'GET', url);
  probe.abort(); // the export streams: stop this copy, the real one goes to the downloads folder
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}
