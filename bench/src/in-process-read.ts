// The in-process part of thread-read alone (statements, Quorum vs raw ms per read): quick to repeat.
// Usage: pnpm --filter @quorum/bench exec tsx src/in-process-read.ts
import { cachedDataset } from './lib/datasets.js';
import { readInProcess } from './thread-read.js';

const dataset = (await cachedDataset('thread-read', 1, () =>
  Promise.reject(new Error('run pnpm bench thread-read first')),
)) as {
  file: string;
  meta: { viewerId: string; threadId: string; cookie: string };
};
const result = await readInProcess(dataset.file, dataset.meta);
console.log(
  `statements ${result.statements}; Quorum ${result.quorumMs.toFixed(3)} ms, raw ${result.rawMs.toFixed(3)} ms per read`,
);
