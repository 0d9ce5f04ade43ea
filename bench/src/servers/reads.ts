import type Database from 'better-sqlite3';
import { z } from 'zod';
import { cook } from './cook.js';
import { directorySql, toEntry, type DirectoryRow } from './directory-sql.js';
import { threadAnswer, threadStatements } from './thread-sql.js';

/** One read the baseline servers can run: Quorum's procedure path, its input, the same SQL. */
export interface BenchRead {
  procedure: [string, string];
  input: z.ZodType;
  /** The rows as stored: what the raw handler sends. */
  rows(): unknown;
  /** The rows mapped as Quorum maps them: what the minimal tRPC procedure answers. */
  answer(input: unknown): unknown;
}

/**
 * BENCH_READ names the read; BENCH_VIEWER the signed-in member; BENCH_THREAD the thread the raw
 * handler reads; BENCH_COOK=1 renders every post's Markdown to sanitized HTML in the answer.
 */
export function openRead(db: Database.Database, env: NodeJS.ProcessEnv): BenchRead {
  const viewerId = env['BENCH_VIEWER']!;
  switch (env['BENCH_READ']) {
    case 'directory': {
      const statement = db.prepare<[string, string], DirectoryRow>(directorySql);
      return {
        procedure: ['communities', 'list'],
        input: z.void(),
        rows: () => statement.all(viewerId, viewerId),
        answer: () => statement.all(viewerId, viewerId).map(toEntry),
      };
    }
    case 'thread': {
      const thread = threadStatements(db);
      const cooking = env['BENCH_COOK'] === '1' ? cook : undefined;
      return {
        procedure: ['discussions', 'thread'],
        input: z.object({ threadId: z.uuid() }),
        rows: () => thread.rows(env['BENCH_THREAD']!, viewerId),
        answer: (input) => threadAnswer(thread.rows((input as { threadId: string }).threadId, viewerId), cooking),
      };
    }
    default:
      throw new Error(`unknown BENCH_READ ${env['BENCH_READ']}`);
  }
}
