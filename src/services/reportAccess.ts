import { constantTimeEqual, type Report } from '../domain/index.js';

/** How long an unlocked report stays unlocked in a browser, at most (the report's expiry caps it). */
export const REPORT_ACCESS_MS = 30 * 24 * 3600_000;

async function mac(token: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(token),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
  return btoa(String.fromCharCode(...sig))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * The value that proves a browser gave a report's password: `<until>.<HMAC>`, keyed by the
 * report's token (which the server never stores but every request of the report carries) over
 * the report id, the end of validity and the stored password record. A copy of the database
 * cannot forge one, and neither can someone who holds the link but not the password.
 */
export async function reportAccessValue(
  report: Report,
  token: string,
  now: number,
): Promise<{ value: string; until: number }> {
  const until = Math.min(now + REPORT_ACCESS_MS, report.expiresAt ?? Infinity);
  return { value: `${until}.${await mac(token, `${report.id}.${until}.${report.passwordHash ?? ''}`)}`, until };
}

/** Whether a report opens for this request: it has no password, or the cookie proves it was given. */
export async function reportUnlocked(
  report: Report,
  token: string,
  cookie: string | undefined,
  now: number,
): Promise<boolean> {
  if (report.passwordHash === null) return true;
  const m = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? '');
  if (!m) return false;
  const until = Number(m[1]);
  if (until <= now) return false;
  return constantTimeEqual(await mac(token, `${report.id}.${until}.${report.passwordHash}`), m[2]!);
}
