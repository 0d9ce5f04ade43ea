import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { sql, type KyselyPlugin } from 'kysely';
import { connectDatabase, openDialect, type QuorumDatabase, type Repositories } from '@quorum/db/connect';
import { createRepositories } from '@quorum/db/repositories';
import { startTestPostgres } from '@quorum/db/testing/postgres';
import { readThread } from '@quorum/domain/threads/thread-use-cases';
import type { ReadMarks } from '@quorum/domain/threads/thread.port';
import { baselines, loadNote, measureEach, quorum, ratioHeader, ratioRow } from './lib/compare.js';
import { cachedDataset, clock, createAccount, newId, seedTexts, sessionCookie } from './lib/datasets.js';
import { freePort, startQuorum, startTsServer } from './lib/processes.js';
import { fmt, printTable } from './lib/table.js';
import { cook } from './servers/cook.js';
import { threadStatements } from './servers/thread-sql.js';
import { timeThreadRender } from './thread-render.js';

/** Bump when the generator changes: the cached data set is keyed by it. */
const GENERATOR_VERSION = 1;
const THREADS = 1_000;
const POSTS_PER_THREAD = 50;
const AUTHORS = 200;

interface Meta {
  viewerId: string;
  threadId: string;
  cookie: string;
}

/** Markdown as members write it: paragraphs, emphasis, lists, links, code, umlauts. */
const bodies = [
  'Danke für den Hinweis! Bei uns läuft die **Version 3.2** seit Montag, und die Synchronisation klappt jetzt *deutlich* schneller.\n\nZwei Dinge fallen mir noch auf:\n\n1. Die Exportfunktion hängt bei großen Dateien.\n2. Die Suche findet „Größe“ nicht, wenn man „Grösse“ eingibt.\n\nHat das sonst noch jemand?',
  'Same here. I followed the [setup guide](https://example.org/guide) step by step, but the sensor keeps dropping off the network after about an hour.\n\n```\nerror: connection reset (code 104)\nretrying in 30 s\n```\n\nAny idea what the code means?',
  '> Die Akkulaufzeit ist kürzer als angegeben.\n\nDas kann ich bestätigen: Statt 12 Stunden komme ich auf gut 8. Mit ausgeschaltetem Bluetooth sind es etwa 10.',
  'A few tips that helped us:\n\n- restart the hub *after* the update, not before\n- keep the firmware on the stable channel\n- check `Settings → Network → Advanced` for the old DNS entry\n\nSince then: no drop-outs for three weeks.',
  'Kurze Rückmeldung aus dem Support-Team: Wir haben das Problem nachgestellt und arbeiten an einer Lösung. Ein Update ist für **Ende des Monats** geplant. Bis dahin hilft es, die App einmal neu zu starten.',
  'I would love a dark mode for the dashboard. At night the white background is really harsh, and most of our staff work late shifts.\n\n+1 if you agree!',
];

/**
 * One community (private: the membership check runs) with 1,000 threads of 50 posts each,
 * written by 200 members; every fifth post quotes an earlier one. The viewer read the
 * benchmark thread up to post 10.
 */
async function generate(db: QuorumDatabase): Promise<Meta> {
  await seedTexts(db);
  return db.unitOfWork.transaction(async (repos) => {
    const started = new Date(Date.UTC(2025, 0, 1));
    const authors: string[] = [];
    for (let i = 0; i < AUTHORS; i++) authors.push(await createAccount(db, `Mitglied ${i} Müller`, started));
    const viewerId = await createAccount(db, 'Bench Viewer', started);
    const communityId = newId();
    await repos.communities.create({
      id: communityId,
      slug: 'kundenforum',
      name: 'Kundenforum',
      description: 'Customers talk about the product.',
      visibility: 'private',
      defaultLocale: 'de',
      erasureContentPolicy: 'anonymize',
      timeZone: 'Europe/Berlin',
      createdAt: started,
    });
    for (const accountId of [...authors, viewerId]) {
      await repos.memberships.add({ communityId, accountId, role: accountId === authors[0] ? 'owner' : 'member', joinedAt: started });
    }
    const categories: string[] = [];
    for (const [position, name] of ['Allgemein', 'Hilfe', 'Ideen', 'Ankündigungen'].entries()) {
      const id = newId();
      await repos.categories.create({ id, communityId, name, description: '', position, closedToMembers: false, archivedAt: null, threadCount: 0, createdAt: started });
      categories.push(id);
    }
    let benchThread = '';
    for (let t = 0; t < THREADS; t++) {
      const createdAt = new Date(started.getTime() + t * 3_600_000);
      const at = (n: number) => new Date(createdAt.getTime() + n * 60_000);
      const thread = {
        id: newId(),
        communityId,
        categoryId: categories[t % categories.length]!,
        authorId: authors[t % AUTHORS]!,
        title: `Frage ${t}: Synchronisation und Akkulaufzeit`,
        createdAt,
        lastPostedAt: at(POSTS_PER_THREAD - 1),
        postCount: POSTS_PER_THREAD,
        pinnedAt: null,
        lockedAt: null,
      };
      const ids: string[] = [newId()];
      const post = (number: number, quotedPostId: string | null) => ({
        id: ids[number - 1]!,
        threadId: thread.id,
        communityId,
        number,
        authorId: authors[(t * 7 + number) % AUTHORS]!,
        body: bodies[(t + number) % bodies.length]!,
        quotedPostId,
        createdAt: at(number - 1),
        editedAt: number % 9 === 0 ? at(number) : null,
        deletedAt: null,
      });
      await repos.threads.create(thread, post(1, null));
      for (let n = 2; n <= POSTS_PER_THREAD; n++) {
        ids.push(newId());
        await repos.posts.add(post(n, n % 5 === 0 ? ids[n - 4]! : null));
      }
      if (t === THREADS / 2) benchThread = thread.id;
    }
    await repos.readMarks.record([{ accountId: viewerId, threadId: benchThread, number: 10 }], started);
    return { viewerId, threadId: benchThread, cookie: await sessionCookie(db, viewerId) };
  });
}

/** As the server stores a session token (apps/server/src/auth/tokens.ts). */
const tokenHash = (cookie: string) => createHash('sha256').update(cookie.split('=')[1]!).digest('hex');

/** What the browser's httpBatchLink sends for discussions.thread. */
const threadPath = (threadId: string) => `/trpc/discussions.thread?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { threadId } }))}`;

/**
 * One thread read in this process, on the repositories the server uses: the session lookup
 * (as resolveSession does it) and the use case behind discussions.thread — its SQL statements
 * counted, its time beside the same statements as prepared better-sqlite3 statements
 * (interleaved rounds, medians). Free of HTTP and of the load generator, so steadier than
 * the table on a busy machine.
 */
export async function readInProcess(file: string, meta: Meta): Promise<{ statements: number; quorumMs: number; rawMs: number }> {
  const connection = openDialect(`sqlite:${file}`);
  let statements = 0;
  // Counted as results arrive: queries compiled once (compiled-queries.ts) skip transformQuery.
  const counter: KyselyPlugin = {
    transformQuery: ({ node }) => node,
    transformResult: ({ result }) => ((statements += 1), Promise.resolve(result)),
  };
  // Counted through a plugin, which takes the Kysely path; timed as the server reads (hot reads direct, decision 036).
  const counting: Repositories = createRepositories(connection.kysely.withPlugin(counter), connection.capabilities);
  const repos: Repositories = createRepositories(connection.kysely, connection.capabilities);
  const marks = new Map<string, number>();
  const readMarks: ReadMarks = { markRead: (mark) => marks.set(mark.threadId, mark.number), pending: (_account, thread) => marks.get(thread) };
  const viewer = { accountId: meta.viewerId, isInstanceAdmin: false };
  const quorumRead = async (through = repos) => {
    await through.sessions.findWithAccount(tokenHash(meta.cookie));
    const page = await readThread(through, { viewer, clock, newId, readMarks }, { threadId: meta.threadId, anchor: null, limit: 20 });
    if (page.posts.items.length !== 20) throw new Error('the thread read did not return 20 posts');
  };
  const raw = new Database(file, { readonly: true });
  const rawRead = threadStatements(raw);
  try {
    await quorumRead(counting);
    const counted = statements;
    const perCall = async (read: () => unknown) => {
      const started = performance.now();
      for (let i = 0; i < 200; i++) await read();
      return (performance.now() - started) / 200;
    };
    const quorumTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let round = 0; round < 7; round++) {
      quorumTimes.push(await perCall(() => quorumRead()));
      rawTimes.push(await perCall(() => rawRead.rows(meta.threadId, tokenHash(meta.cookie))));
    }
    return { statements: counted, quorumMs: median(quorumTimes), rawMs: median(rawTimes) };
  } finally {
    raw.close();
    await connection.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median time to cook a page of 20 posts (markdown-it + sanitize-html) in this process. */
function cookingTime(): number {
  const page = Array.from({ length: 20 }, (_, i) => bodies[i % bodies.length]!);
  const times: number[] = [];
  for (let round = 0; round < 201; round++) {
    const started = performance.now();
    for (const body of page) cook(body);
    if (round > 0) times.push(performance.now() - started);
  }
  return median(times);
}

export async function threadReadBenchmark(options: { profile?: string | undefined } = {}): Promise<void> {
  const dataset = await cachedDataset('thread-read', GENERATOR_VERSION, generate);
  const { meta } = dataset;
  const env = { BENCH_DB: dataset.file, BENCH_SESSION: tokenHash(meta.cookie), BENCH_THREAD: meta.threadId };
  const onSqlite = { path: threadPath(meta.threadId), headers: { cookie: meta.cookie } };
  // The same data on PostgreSQL (embedded, fsync off: reads are what is measured).
  const postgres = await startTestPostgres();
  try {
    const admin = await connectDatabase({ url: postgres.url });
    await sql`create database bench`.execute(admin.kysely);
    await admin.close();
    const url = new URL(postgres.url);
    url.pathname = '/bench';
    const db = await connectDatabase({ url: url.href });
    await db.migrate();
    const onPostgres = await generate(db);
    await db.close();
    const results = await measureEach([
      ...baselines('thread', env).map((contender) => ({ ...contender, ...onSqlite })),
      {
        name: 'minimal tRPC, same SQL, cooking each post (markdown-it + sanitize-html)',
        start: (port) => startTsServer('minimal-trpc.ts', { ...env, BENCH_READ: 'thread', BENCH_COOK: '1', BENCH_PORT: String(port) }),
        ...onSqlite,
      },
      { ...quorum("Quorum's discussions.thread on SQLite (production build)", `sqlite:${dataset.file}`, options.profile), ...onSqlite },
      {
        ...quorum("Quorum's discussions.thread on PostgreSQL 18 (production build)", url.href, undefined),
        path: threadPath(onPostgres.threadId),
        headers: { cookie: onPostgres.cookie },
      },
    ]);
    const inProcess = await readInProcess(dataset.file, meta);
    // The browser's side of the same page, from the same run (thread-render has the full table).
    const port = await freePort();
    const server = await startQuorum({ port, databaseUrl: `sqlite:${dataset.file}` });
    const render = await timeThreadRender(`http://127.0.0.1:${port}`, meta).finally(() => server.stop());
    printTable(
      'Thread read: 20 posts with authors, quotes and the viewer’s unread state (1,000 threads × 50 posts)',
      ratioHeader,
      results.map((measured) => ratioRow(measured, results)),
      [
        loadNote,
        `SQL statements per thread read (session lookup + use case): ${inProcess.statements}. In one process, without HTTP: ${fmt.ms(inProcess.quorumMs)} per read through Quorum's repositories and use case, ${fmt.ms(inProcess.rawMs)} for the same statements prepared in better-sqlite3 (${fmt.ratio(inProcess.rawMs / inProcess.quorumMs)}).`,
        `Cooking a 20-post page on the server (markdown-it + sanitize-html, median of 200): ${fmt.ms(cookingTime())}.`,
        `Browser (Debian Chromium, production build, median of 5 visits): data received → 20 posts in the DOM ${fmt.ms(render.render)}, painted ${fmt.ms(render.painted)}, of which markdown-it + DOMPurify ${fmt.ms(render.markdown)}; navigation → shown ${fmt.ms(render.shown)}.`,
        'Read marks are included: each read records "read up to here" in memory; the server writes them in one transaction every 5 s (not one write per view).',
        `PostgreSQL shares are against the SQLite baselines.${dataset.generated ? ' (data set generated this run)' : ''}`,
      ].join('\n'),
    );
  } finally {
    await postgres.stop();
  }
}

/** The same data set (slug `kundenforum`) for the browser's side of the read: thread-render.ts. */
export const threadReadDataset = () => cachedDataset('thread-read', GENERATOR_VERSION, generate);
