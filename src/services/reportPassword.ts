import { constantTimeEqual } from '../domain/index.js';

/** PBKDF2-SHA-256 rounds: WebCrypto on Node and Workers alike (Workers allow at most 100,000). */
export const REPORT_PASSWORD_ITERATIONS = 100_000;
const SCHEME = 'pbkdf2-sha256';

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** `pbkdf2-sha256$100000$<salt>$<hash>` (base64) for a report's password, with a random 16-byte salt. */
export async function hashReportPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, REPORT_PASSWORD_ITERATIONS);
  return `${SCHEME}$${REPORT_PASSWORD_ITERATIONS}$${b64(salt)}$${b64(hash)}`;
}

/** Whether a password matches a stored record; a malformed record matches nothing. */
export async function verifyReportPassword(password: string, record: string): Promise<boolean> {
  const [scheme, rounds, salt, hash] = record.split('$');
  const iterations = Number(rounds);
  if (
    scheme !== SCHEME ||
    !Number.isInteger(iterations) ||
    iterations < 1 ||
    iterations > REPORT_PASSWORD_ITERATIONS ||
    !salt ||
    !hash
  )
    return false;
  return constantTimeEqual(b64(await derive(password, unb64(salt), iterations)), hash);
}
