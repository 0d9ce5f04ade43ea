import type { QuorumDatabase } from '@quorum/db/connect';
import { cachedDataset, createAccount, newId, seedTexts, sessionCookie } from './lib/datasets.js';
import { measure, type LoadResult } from './lib/load.js';
import { freePort, startQuorum, startTsServer, type Running } from './lib/processes.js';
import { fmt, printTable } from './lib/table.js';

/** Bump when the generator changes: the cached data set is keyed by it. */
const GENERATOR_VERSION = 1;
const visibilities = ['public', 'public', 'private', 'public', 'private', 'invite_only'] as const;

interface Meta {
  viewerId: string;
  cookie: string;
}

/** 50 communities of 0–80 members each; the viewer belongs to every fifth. */
async function generate(db: QuorumDatabase): Promise<Meta> {
  await seedTexts(db);
  return db.unitOfWork.transaction(async () => {
    const people: string[] = [];
    for (let i = 0; i < 200; i++) people.push(await createAccount(db, `Person ${i}`));
    const viewerId = await createAccount(db, 'Bench Viewer');
    for (let c = 0; c < 50; c++) {
      const id = newId();
      const createdAt = new Date(Date.UTC(2026, 0, 1 + c));
      await db.repositories.communities.create({
        id,
        slug: `community-${c}`,
        name: `Community ${String(c).padStart(2, '0')}`,
        description: `Customers of product line ${c} talk about what works and what does not.`,
        visibility: visibilities[c % visibilities.length]!,
        defaultLocale: c % 2 ? 'de' : 'en',
        erasureContentPolicy: 'anonymize',
        timeZone: 'Europe/Berlin',
        createdAt,
      });
      for (let m = 0; m < (c * 37) % 81; m++) {
        await db.repositories.memberships.add({ communityId: id, accountId: people[(c * 7 + m) % people.length]!, role: m === 0 ? 'owner' : 'member', joinedAt: createdAt });
      }
      if (c % 5 === 0) await db.repositories.memberships.add({ communityId: id, accountId: viewerId, role: 'member', joinedAt: createdAt });
    }
    return { viewerId, cookie: await sessionCookie(db, viewerId) };
  });
}

// What the browser's httpBatchLink sends for communities.list (no input).
const listPath = `/trpc/communities.list?batch=1&input=${encodeURIComponent('{}')}`;

export async function readPathBenchmark(options: { profile?: string | undefined } = {}): Promise<void> {
  const dataset = await cachedDataset('read-path', GENERATOR_VERSION, generate);
  const headers = { cookie: dataset.meta.cookie };
  const results: { name: string; result: LoadResult }[] = [];
  const run = async (name: string, start: (port: number) => Promise<Running>) => {
    const port = await freePort();
    const server = await start(port);
    try {
      results.push({ name, result: await measure({ url: `http://127.0.0.1:${port}${listPath}`, headers }) });
    } finally {
      await server.stop();
    }
  };
  const env = (port: number) => ({ BENCH_DB: dataset.file, BENCH_PORT: String(port), BENCH_VIEWER: dataset.meta.viewerId });
  await run('node:http + better-sqlite3 prepared statement', (port) => startTsServer('raw.ts', env(port)));
  await run('minimal tRPC v11 standalone, same SQL', (port) => startTsServer('minimal-trpc.ts', env(port)));
  await run("Quorum's communities.list (production build)", (port) =>
    startQuorum({ port, databaseFile: dataset.file, nodeArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [] }),
  );

  const [raw, minimal] = results.map((entry) => entry.result) as [LoadResult, LoadResult];
  printTable(
    'Read path: the community directory (50 communities, signed-in member)',
    ['handler', 'requests/s', 'p99', 'bytes/request', 'share of raw', 'share of minimal tRPC'],
    results.map(({ name, result }) => [name, fmt.rps(result.rps), fmt.ms(result.p99), fmt.kb(result.bytes), fmt.ratio(result.rps / raw.rps), fmt.ratio(result.rps / minimal.rps)]),
    `autocannon, 50 connections, 3 s warm-up, median of 3 rounds of 5 s; same machine, so compare ratios. Goal: Quorum ≥ 80 % of minimal tRPC.${dataset.generated ? ' (data set generated this run)' : ''}`,
  );
}
