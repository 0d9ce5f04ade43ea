import type { QuorumDatabase } from '@quorum/db/connect';
import { launchChromium } from './lib/browser.js';
import { cachedDataset, createAccount, newId, seedTexts, sessionCookie } from './lib/datasets.js';
import { measure, timeRequest } from './lib/load.js';
import { freePort, startQuorum } from './lib/processes.js';
import { fmt, printTable } from './lib/table.js';

/** Bump when the generator changes: the cached data set is keyed by it. */
const GENERATOR_VERSION = 1;
const MEMBERS = 20_000;
const firstNames = ['Anna', 'Jürgen', 'Özlem', 'Lukas', 'Marie', 'Hans', 'Leonie', 'Mehmet', 'Sophie', 'Paul'];
const lastNames = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Yılmaz'];
const regions = ['north', 'south', 'east', 'west'];

interface Meta {
  communityId: string;
  slug: string;
  regionId: string;
  cookie: string;
}

/** One community of 20,000 members with a region answer each; 60 % consented to targeting. */
async function generate(db: QuorumDatabase): Promise<Meta> {
  await seedTexts(db);
  const targetingText = await db.repositories.policyTexts.findCurrent(null, 'consent:profile_targeting', 'de');
  if (!targetingText) throw new Error('no targeting consent text');
  return db.unitOfWork.transaction(async () => {
    const started = new Date(Date.UTC(2024, 0, 1));
    const ownerId = await createAccount(db, 'Olga Owner', started);
    const communityId = newId();
    await db.repositories.communities.create({
      id: communityId,
      slug: 'grosse-gemeinde',
      name: 'Große Gemeinde',
      description: 'A community of twenty thousand customers.',
      visibility: 'private',
      defaultLocale: 'de',
      erasureContentPolicy: 'anonymize',
      timeZone: 'Europe/Berlin',
      createdAt: started,
    });
    await db.repositories.memberships.add({ communityId, accountId: ownerId, role: 'owner', joinedAt: started });
    const regionId = newId();
    await db.repositories.profileAttributes.create({
      id: regionId,
      communityId,
      key: 'region',
      type: 'single_choice',
      label: { de: 'Region', en: 'Region' },
      options: regions.map((value) => ({ value, label: { de: value, en: value } })),
      required: false,
      position: 0,
      createdAt: started,
    });
    for (let i = 0; i < MEMBERS; i++) {
      const joinedAt = new Date(started.getTime() + (i + 1) * 60_000);
      const name = `${firstNames[i % firstNames.length]} ${lastNames[(i * 7) % lastNames.length]} ${i}`;
      const accountId = await createAccount(db, name, joinedAt);
      await db.repositories.memberships.add({ communityId, accountId, role: i % 500 === 0 ? 'moderator' : 'member', joinedAt });
      await db.repositories.profileValues.upsert({ communityId, accountId, attributeId: regionId, value: regions[i % regions.length]!, updatedAt: joinedAt });
      if (i % 5 < 3) {
        await db.repositories.consentLedger.append({
          id: newId(),
          accountId,
          communityId: null,
          purposeId: 'profile_targeting',
          policyTextId: targetingText.id,
          policyVersion: targetingText.version,
          textHash: targetingText.bodyHash,
          locale: 'de',
          action: 'grant',
          channel: 'privacy_center',
          occurredAt: joinedAt,
          requestId: `bench-${i}`,
        });
      }
    }
    return { communityId, slug: 'grosse-gemeinde', regionId, cookie: await sessionCookie(db, ownerId) };
  });
}

const query = (procedure: string, input: unknown) =>
  `/trpc/${procedure}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;

/** Until the community page shows its members summary, in Debian's Chromium; median of 3 fresh visits. */
async function timeCommunityPage(base: string, meta: Meta): Promise<number> {
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const context = await browser.newContext({ locale: 'en-US' });
      const [name, value] = meta.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: base }]);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${base}/c/${meta.slug}`);
      await page
        // The owner's saved language is German.
        .getByRole('list', { name: /^(Newest members|Neueste Mitglieder)$/ })
        .getByRole('listitem')
        .first()
        .waitFor({ timeout: 60_000 })
        .catch(async (error: unknown) => {
          await page.screenshot({ path: new URL('../.cache/community-page-failed.png', import.meta.url).pathname });
          throw error;
        });
      // The first visit fills the server's gzip cache: a warm-up.
      if (i > 0) times.push(performance.now() - started);
      await context.close();
    }
    return times.sort((a, b) => a - b)[1]!;
  } finally {
    await browser.close();
  }
}

export async function membersBenchmark(): Promise<void> {
  const dataset = await cachedDataset('members-20k', GENERATOR_VERSION, generate);
  const { meta } = dataset;
  const port = await freePort();
  const server = await startQuorum({ port, databaseUrl: `sqlite:${dataset.file}` });
  const base = `http://127.0.0.1:${port}`;
  const headers = { cookie: meta.cookie };
  try {
    const firstPage = await measure({ url: base + query('communities.members', { communityId: meta.communityId }), headers });
    // A search scans the community's names: fewer connections, or the queue alone sets the latency.
    const search = await measure({ url: base + query('communities.members', { communityId: meta.communityId, search: 'müller' }), headers, connections: 10 });
    const preview = await timeRequest(base + query('profile.targetingPreview', { communityId: meta.communityId, filters: [{ attributeId: meta.regionId, anyOf: ['north'] }] }), headers);
    const pageShown = await timeCommunityPage(base, meta);
    printTable(
      `Lists that scale: one community of ${MEMBERS.toLocaleString('en-US')} members (SQLite)`,
      ['what', 'measured', 'before (issue 8)'],
      [
        ['members, first page: requests/s', fmt.rps(firstPage.rps), '–'],
        ['members, first page: p99', fmt.ms(firstPage.p99), '240–400 ms per request'],
        ['members, first page: bytes', fmt.kb(firstPage.bytes), '4.1 MiB'],
        ['member search "müller": requests/s (10 connections)', fmt.rps(search.rps), 'no search'],
        ['member search "müller": p99', fmt.ms(search.p99), 'no search'],
        ['targeting preview: one request (median of 5)', fmt.ms(preview.ms), '940 ms'],
        ['community page shown in Chromium', fmt.ms(pageShown), '16.7 s until the last row'],
      ],
      `autocannon 50 connections (search 10), warm-up, median of 3 rounds; Chromium: median of 3 visits after one warm-up.${dataset.generated ? ' (data set generated this run)' : ''}`,
    );
  } finally {
    await server.stop();
  }
}
