// pnpm bench: every benchmark, one table each (see README.md). `pnpm bench read-path` runs one;
// `--profile` writes CPU profiles of the Quorum server to bench/.profiles.
import { existsSync } from 'node:fs';
import { membersBenchmark } from './members.js';
import { readPathBenchmark } from './read-path.js';
import { threadReadBenchmark } from './thread-read.js';
import { threadRenderBenchmark } from './thread-render.js';
import { repoRoot } from './lib/processes.js';

const benchmarks: Record<string, (options: { profile?: string }) => Promise<void>> = {
  'read-path': readPathBenchmark,
  members: membersBenchmark,
  'thread-read': threadReadBenchmark,
  'thread-render': threadRenderBenchmark,
};

const args = process.argv.slice(2);
const profile = args.includes('--profile') ? new URL('../.profiles/', import.meta.url).pathname : undefined;
const chosen = args.filter((arg) => !arg.startsWith('--'));
for (const name of chosen) if (!benchmarks[name]) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benchmarks).join(', ')}`);
if (!existsSync(`${repoRoot}apps/server/dist/main.js`) || !existsSync(`${repoRoot}apps/web/dist/index.html`)) {
  throw new Error('Build first: pnpm build (the benchmarks run the production build)');
}

const started = Date.now();
for (const [name, benchmark] of Object.entries(benchmarks)) {
  if (chosen.length > 0 && !chosen.includes(name)) continue;
  await benchmark({ profile });
}
console.log(`\npnpm bench took ${Math.round((Date.now() - started) / 1000)} s`);
