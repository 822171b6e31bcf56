const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string of letters and digits from the platform's CSPRNG (Node and Workers alike). */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    // Bytes of 248 and above are skipped: 248 = 4 × 62 keeps every character equally likely.
    for (const b of crypto.getRandomValues(new Uint8Array(length))) {
      if (b < 248 && out.length < length) out += ALPHANUMERIC[b % 62];
    }
  }
  return out;
}

/** Hex SHA-256 through WebCrypto, available on Node 20 and Workers. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
