import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';

/**
 * Starts one process per argument list running `script` (TypeScript, through tsx), waits
 * until each has printed "ready", sends all of them "go" at once, and returns the line each
 * printed next. Every process must exit with 0. The scripts' side: see claim-worker.ts.
 */
export async function raceProcesses(script: string, argumentLists: readonly (readonly string[])[]): Promise<string[]> {
  const workers = argumentLists.map((args) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, lines, exited };
  });
  for (const worker of workers) expect((await worker.lines.next()).value).toBe('ready');
  for (const worker of workers) worker.child.stdin.end('go\n');
  const said = await Promise.all(workers.map(async (worker) => String((await worker.lines.next()).value)));
  for (const worker of workers) expect(await worker.exited).toBe(0);
  return said;
}
