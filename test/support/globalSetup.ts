import { archiveCount, clearArchive, leaksInArchive } from './logArchive.js';

/** Before the run: no old logs. After it: every server's output is searched for what must never be logged. */
export function setup() {
  clearArchive();
}

export function teardown() {
  const leaks = leaksInArchive();
  if (leaks.length > 0)
    throw new Error(`server logs hold client addresses or secrets:\n${[...new Set(leaks)].slice(0, 20).join('\n')}`);
  console.log(`privacy check: ${archiveCount()} server logs searched, no client address or secret found`);
}
