import { measureInTurns, WARM_UP_SECONDS, type LoadResult } from './load.js';
import { freePort, startQuorum, startTsServer, type Running } from './processes.js';
import { fmt } from './table.js';

export interface Contender {
  name: string;
  start(port: number): Promise<Running>;
}

export interface Measured {
  name: string;
  result: LoadResult;
}

/**
 * Every contender started (idle servers cost nothing), then load-tested in turns on its own
 * path (measureInTurns), then stopped.
 */
export async function measureEach(contenders: readonly (Contender & { path: string; headers: Record<string, string> })[]): Promise<Measured[]> {
  const running: Running[] = [];
  try {
    const targets = [];
    for (const contender of contenders) {
      const port = await freePort();
      running.push(await contender.start(port));
      targets.push({ url: `http://127.0.0.1:${port}${contender.path}`, headers: contender.headers });
    }
    const results = await measureInTurns(targets);
    return contenders.map((contender, index) => ({ name: contender.name, result: results[index]! }));
  } finally {
    for (const server of running) await server.stop();
  }
}

/**
 * The baselines every read-path comparison runs (decision 016/017): node:http with the same
 * prepared statements, and a minimal tRPC v11 server with the same SQL and transformers. The
 * servers in src/servers/ run the read `read` names (see servers/reads.ts).
 */
export function baselines(read: string, env: Record<string, string>): Contender[] {
  return [
    { name: 'node:http + better-sqlite3 prepared statements', start: (port) => startTsServer('raw.ts', { ...env, BENCH_READ: read, BENCH_PORT: String(port) }) },
    { name: 'minimal tRPC v11 standalone, same SQL', start: (port) => startTsServer('minimal-trpc.ts', { ...env, BENCH_READ: read, BENCH_PORT: String(port) }) },
  ];
}

/** Quorum's production build on `databaseUrl`, profiled into `profile` when given. */
export function quorum(name: string, databaseUrl: string, profile: string | undefined): Contender {
  return {
    name,
    start: (port) => startQuorum({ port, databaseUrl, nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [] }),
  };
}

/** A table row: requests/s, p99, bytes, and the shares of the raw (first) and minimal tRPC (second) results. */
export function ratioRow({ name, result }: Measured, [raw, minimal]: readonly Measured[]): string[] {
  return [
    name,
    fmt.rps(result.rps),
    fmt.ms(result.p99),
    fmt.kb(result.bytes),
    fmt.ratio(result.rps / raw!.result.rps),
    fmt.ratio(result.rps / minimal!.result.rps),
  ];
}

export const ratioHeader = ['handler', 'requests/s', 'p99', 'bytes/request', 'share of raw', 'share of minimal tRPC'];
export const loadNote =
  `autocannon, 50 connections, ${WARM_UP_SECONDS} s warm-up, median of 3 rounds of 5 s, the servers measured in turns (round 1 of each, then round 2 …, 1 s apart); same machine, so compare ratios. Goal: Quorum ≥ 80 % of minimal tRPC.`;
