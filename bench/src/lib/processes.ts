import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const repoRoot = new URL('../../../', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Running {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A server in its own process group (the load generator must not share its event loop),
 * ready once `ready` shows in its output.
 */
export async function startProcess(args: string[], options: { env?: Record<string, string>; ready: RegExp; timeoutMs?: number }): Promise<Running> {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGTERM');
    const forced = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5000);
    await exited.finally(() => clearTimeout(forced));
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${options.timeoutMs ?? 30_000} ms:\n${output}`)), options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  return { child, stop };
}

/** A TypeScript file of this package in its own process. */
export function startTsServer(file: string, env: Record<string, string>): Promise<Running> {
  // tsx resolved from this package: the child runs in the repository root.
  return startProcess(['--import', import.meta.resolve('tsx'), new URL(`../servers/${file}`, import.meta.url).pathname], { env, ready: /^listening$/m });
}

/** The production build of Quorum (apps/server/dist/main.js), as self-hosters run it. */
export function startQuorum(options: { port: number; databaseUrl: string; nodeArgs?: string[] }): Promise<Running> {
  return startProcess([...(options.nodeArgs ?? []), 'apps/server/dist/main.js'], {
    env: {
      PORT: String(options.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${options.port}`,
      DATABASE_URL: options.databaseUrl,
      LOG_LEVEL: 'warn',
    },
    ready: /Quorum is listening/,
    timeoutMs: 60_000,
  });
}
