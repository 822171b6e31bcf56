// Worker threads do not inherit tsx's loader: register it, then load the TypeScript. tsx's
// require hook runs in this thread; its ESM hooks would start one more thread (and isolate) for
// themselves, ~20 MB, so the click thread is loaded through require (see clickThread.ts).
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
createRequire(import.meta.url)('./clickThread.worker.ts');
