import { createHmac } from 'node:crypto';

/** One stored click as the attacker reads it from a copy of the database. */
export interface StolenClick {
  visitor: string;
  userAgent: string;
}

/**
 * The probe's attack: for every candidate salt, recompute the visitor key
 * (HMAC-SHA-256(salt, address + "\n" + user agent), first 16 bytes) of every address of a /16
 * and compare with the stored one. Returns the address found, or null, and how long it took.
 */
export function recoverAddress(click: StolenClick, candidateSalts: string[], prefix16: string) {
  const started = performance.now();
  for (const salt of new Set(candidateSalts)) {
    for (let i = 0; i < 65_536; i++) {
      const address = `${prefix16}.${i >> 8}.${i & 255}`;
      const mac = createHmac('sha256', salt).update(`${address}\n${click.userAgent}`).digest('hex').slice(0, 32);
      if (mac === click.visitor) return { address, ms: performance.now() - started };
    }
  }
  return { address: null, ms: performance.now() - started };
}

/**
 * Everything in a copy of the database that could be a salt: every value of visitor_salts and
 * every text cell of any table in the salts' shape (43 letters and digits).
 */
export function candidateSalts(db: import('better-sqlite3').Database): string[] {
  const found = new Set<string>();
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
      for (const cell of row) {
        if (typeof cell !== 'string') continue;
        if (table === 'visitor_salts' || /^[A-Za-z0-9]{43}$/.test(cell)) found.add(cell);
      }
    }
  }
  return [...found];
}
