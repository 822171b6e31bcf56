/**
 * Sealing of the daily visitor salts where they must live in the database (D1, shared by
 * isolates): AES-256-GCM under a key derived from VISITOR_SECRET, the day as associated data
 * so a sealed salt cannot be moved to another day. The database alone holds no salt.
 */
export interface SaltSealer {
  seal(day: string, salt: string): Promise<string>;
  /** The salt, or null when it was sealed under another secret (or is no sealed salt). */
  open(day: string, sealed: string): Promise<string | null>;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** A sealer for one secret; the derived key is made once. */
export function createSaltSealer(secret: string): SaltSealer {
  const enc = new TextEncoder();
  const key = (async () => {
    const material = await crypto.subtle.importKey('raw', enc.encode(secret), 'HKDF', false, ['deriveKey']);
    return crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('linkpost'), info: enc.encode('visitor salts v1') },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  })();
  return {
    async seal(day, salt) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: enc.encode(day) },
        await key,
        enc.encode(salt),
      );
      return `v1.${b64(iv)}.${b64(new Uint8Array(sealed))}`;
    },
    async open(day, sealed) {
      const [version, iv, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !data) return null;
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: unb64(iv), additionalData: enc.encode(day) },
          await key,
          unb64(data),
        );
        return new TextDecoder().decode(plain);
      } catch {
        return null;
      }
    },
  };
}
