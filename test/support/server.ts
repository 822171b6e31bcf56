import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { archiveLog } from './logArchive.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The node flags `npm start` gives (`tsx --max-semi-space-size=4 --max-old-space-size=96 src/node.ts`), so tests run the server as users do. */
export const START_FLAGS = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).scripts.start as string)
  .split(' ')
  .filter((word) => word.startsWith('--'));

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  script?: string;
  /** Extra node flags, e.g. --cpu-prof for a benchmark. */
  nodeArgs?: string[];
}

/**
 * Starts `npm start`'s entry (src/node.ts) as a real process, as a user would. Node itself
 * loads tsx, so `child` is the server's own process: its pid is the one to measure and signal.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<ServerProcess> {
  const { script = 'src/node.ts', nodeArgs = [] } = options;
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [...START_FLAGS, ...nodeArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => archiveLog('server', out));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const check = () => {
      if (/listening on/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs a script to completion and collects its output. */
export function runProcess(args: string[], env: Record<string, string>, input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(input ?? '');
    child.on('exit', (code) => {
      // A server's output is logs; the CLI's is what the user asked for (a new key, a CSV).
      if (args[0] === 'src/node.ts') archiveLog('server', `${stdout}\n${stderr}`);
      resolve({ code, stdout, stderr });
    });
  });
}
