import type { QuorumDatabase } from '@quorum/db/connect';
import { cachedDataset, createAccount, newId, seedTexts, sessionCookie } from './lib/datasets.js';
import { baselines, loadNote, measureEach, quorum, ratioHeader, ratioRow } from './lib/compare.js';
import { printTable } from './lib/table.js';

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
  const request = { path: listPath, headers: { cookie: dataset.meta.cookie } };
  const results = await measureEach(
    [
      ...baselines('directory', { BENCH_DB: dataset.file, BENCH_VIEWER: dataset.meta.viewerId }),
      quorum("Quorum's communities.list (production build)", `sqlite:${dataset.file}`, options.profile),
    ].map((contender) => ({ ...contender, ...request })),
  );
  printTable(
    'Read path: the community directory (50 communities, signed-in member)',
    ratioHeader,
    results.map((measured) => ratioRow(measured, results)),
    `${loadNote}${dataset.generated ? ' (data set generated this run)' : ''}`,
  );
}
