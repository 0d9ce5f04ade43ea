// CPU time per request (process CPU ÷ requests) of Quorum's discussions.thread beside the
// minimal tRPC server, in interleaved rounds: steadier than requests/s on a shared machine.
// Usage: pnpm --filter @quorum/bench exec tsx src/cpu-per-request.ts [rounds]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { cachedDataset } from './lib/datasets.js';
import { WARM_UP_SECONDS } from './lib/load.js';
import { freePort, startQuorum, startTsServer, type Running } from './lib/processes.js';

const meta = (await cachedDataset('thread-read', 1, () =>
  Promise.reject(new Error('generate with pnpm bench thread-read first')),
)) as {
  file: string;
  meta: { threadId: string; cookie: string };
};
const tokenHash = createHash('sha256').update(meta.meta.cookie.split('=')[1]!).digest('hex');
const path = `/trpc/discussions.thread?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { threadId: meta.meta.threadId } }))}`;
const env = {
  BENCH_DB: meta.file,
  BENCH_SESSION: tokenHash,
  BENCH_THREAD: meta.meta.threadId,
  BENCH_READ: 'thread',
};

const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in 1/100 s
};

const servers: { name: string; run: Running; port: number }[] = [];
try {
  let port = await freePort();
  servers.push({
    name: 'minimal',
    run: await startTsServer('minimal-trpc.ts', { ...env, BENCH_PORT: String(port) }),
    port,
  });
  port = await freePort();
  servers.push({
    name: 'quorum',
    run: await startQuorum({
      port,
      databaseUrl: `sqlite:${meta.file}`,
      nodeArgs: process.env['PROFILE']
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['PROFILE']}`]
        : [],
    }),
    port,
  });
  const rounds = Number(process.argv[2] ?? 3);
  for (const server of servers)
    await autocannon({
      url: `http://127.0.0.1:${server.port}${path}`,
      headers: { cookie: meta.meta.cookie },
      connections: 20,
      duration: WARM_UP_SECONDS,
    });
  const perRequest: Record<string, number[]> = {};
  const rps: Record<string, number[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const server of servers) {
      const before = cpuTicks(server.run.child.pid!);
      const result = await autocannon({
        url: `http://127.0.0.1:${server.port}${path}`,
        headers: { cookie: meta.meta.cookie },
        connections: 20,
        duration: 5,
      });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${server.name}: ${result.non2xx} non-2xx`);
      const ticks = cpuTicks(server.run.child.pid!) - before;
      (perRequest[server.name] ??= []).push((ticks * 10) / result.requests.total);
      (rps[server.name] ??= []).push(result.requests.average);
    }
  }
  for (const server of servers) {
    console.log(
      `${server.name}: CPU ms/request ${perRequest[server.name]!.map((v) => v.toFixed(2)).join(' ')}; req/s ${rps[server.name]!.map((v) => v.toFixed(0)).join(' ')}`,
    );
  }
  const q = perRequest['quorum']!,
    m = perRequest['minimal']!;
  console.log(
    `minimal/quorum CPU ratio per round: ${q.map((v, i) => ((m[i]! / v) * 100).toFixed(0) + ' %').join(' ')}`,
  );
} finally {
  for (const server of servers) await server.run.stop();
}
