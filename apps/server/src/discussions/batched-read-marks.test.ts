import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { QuorumDatabase } from '@quorum/db/connect';
import { testDialects } from '@quorum/db/testing';
import { fixedClock } from '@quorum/domain/shared/clock';
import { newId } from '../ids.js';
import { createBatchedReadMarks } from './batched-read-marks.js';

describe.each(testDialects)('batched read marks on $name', (dialect) => {
  let db: QuorumDatabase;
  let accountId: string;
  let threads: string[];
  beforeAll(async () => {
    db = await dialect.create();
    const at = new Date('2026-03-01T10:00:00.000Z');
    accountId = newId();
    await db.repositories.accounts.create({ id: accountId, email: `${accountId}@example.org`, emailVerifiedAt: null, displayName: 'Reader', locale: 'en', isInstanceAdmin: false, createdAt: at }, 'x');
    const communityId = newId();
    await db.repositories.communities.create({ id: communityId, slug: 'reads', name: 'Reads', description: '', visibility: 'public', defaultLocale: 'en', erasureContentPolicy: 'anonymize', timeZone: 'UTC', createdAt: at });
    const categoryId = newId();
    await db.repositories.categories.create({ id: categoryId, communityId, name: 'General', description: '', position: 0, closedToMembers: false, archivedAt: null, threadCount: 0, createdAt: at });
    threads = [];
    for (let i = 0; i < 3; i++) {
      const thread = { id: newId(), communityId, categoryId, authorId: accountId, title: `T${i}`, createdAt: at, lastPostedAt: at, postCount: 9, pinnedAt: null, lockedAt: null };
      await db.repositories.threads.create(thread, { id: newId(), threadId: thread.id, communityId, number: 1, authorId: accountId, body: 'x', quotedPostId: null, createdAt: at, editedAt: null, deletedAt: null });
      threads.push(thread.id);
    }
  });
  afterAll(() => db?.close());

  const stored = async (threadId: string) => (await db.repositories.threads.findForReader(threadId, accountId))?.lastRead ?? null;

  it('keeps page views in memory, moving only forward, and writes them in one batch', async () => {
    const marks = createBatchedReadMarks(db, fixedClock('2026-03-01T11:00:00.000Z'), pino({ level: 'silent' }), 60_000);
    marks.markRead({ accountId, threadId: threads[0]!, number: 4 });
    marks.markRead({ accountId, threadId: threads[0]!, number: 2 });
    marks.markRead({ accountId, threadId: threads[1]!, number: 7 });
    expect(marks.pending(accountId, threads[0]!)).toBe(4);
    expect(marks.pending(accountId, threads[2]!)).toBeUndefined();
    expect(await stored(threads[0]!)).toBeNull();
    await marks.flush();
    expect([await stored(threads[0]!), await stored(threads[1]!)]).toEqual([4, 7]);
    expect(marks.pending(accountId, threads[0]!)).toBeUndefined();
    await marks.close();
  });

  it('writes on its own every interval, and what is left at close', async () => {
    const marks = createBatchedReadMarks(db, fixedClock('2026-03-01T11:00:00.000Z'), pino({ level: 'silent' }), 20);
    marks.markRead({ accountId, threadId: threads[2]!, number: 3 });
    await expect.poll(() => stored(threads[2]!), { timeout: 5_000 }).toBe(3);
    marks.markRead({ accountId, threadId: threads[2]!, number: 5 });
    await marks.close();
    expect(await stored(threads[2]!)).toBe(5);
  });
});
