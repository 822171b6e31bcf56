import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import type { Logger } from '../domain/index.js';

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/**
 * Under LOG_LEVEL=debug only: one `memory` line per thread every `everyMs`, and one at stop,
 * so a benchmark can tell which thread holds what (process.memoryUsage's rss is the whole
 * process; the heap, external and array-buffer figures are this thread's own isolate).
 */
export function logMemory(logger: Logger, thread: 'request' | 'click', everyMs = 1_000) {
  const line = () => {
    const m = process.memoryUsage();
    const h = getHeapStatistics();
    const spaces = getHeapSpaceStatistics();
    const space = (name: string) => spaces.find((x) => x.space_name === name)?.space_size ?? 0;
    logger.debug('memory', {
      thread,
      rssMb: mb(m.rss),
      heapUsedMb: mb(m.heapUsed),
      heapTotalMb: mb(m.heapTotal),
      externalMb: mb(m.external),
      arrayBuffersMb: mb(m.arrayBuffers),
      mallocedMb: mb(h.malloced_memory),
      peakMallocedMb: mb(h.peak_malloced_memory),
      newSpaceMb: mb(space('new_space')),
      oldSpaceMb: mb(space('old_space')),
    });
  };
  line();
  const timer = setInterval(line, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      line();
    },
  };
}
