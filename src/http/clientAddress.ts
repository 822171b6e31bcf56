/**
 * The visitor's address. Forwarding headers are trusted only when the operator says a proxy
 * sets them (TRUST_PROXY); otherwise anyone could claim any address.
 */
export function clientAddress(
  headers: { get(name: string): string | null | undefined },
  socketAddress: string | null | undefined,
  trustProxy: boolean,
): string | null {
  if (trustProxy) {
    const cf = headers.get('cf-connecting-ip')?.trim();
    if (cf) return cf;
    const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first;
  }
  return socketAddress ? socketAddress.replace(/^::ffff:/, '') : null;
}
