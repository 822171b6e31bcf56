// Worker threads do not inherit tsx's loader from the tsx command: register it, then load the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./clickThread.worker.ts');
