import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category } from '@quorum/domain/threads/category';
import type { Post } from '@quorum/domain/threads/post';
import type { Thread, ThreadOrder } from '@quorum/domain/threads/thread';
import type { ThreadListFilter } from '@quorum/domain/threads/thread.port';
import type { PageRequest } from '@quorum/domain/shared/pagination';
import type { QuorumDatabase, Repositories } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { at, createdAccount, createdCommunity, firstPage, T0 } from '../testing/fixtures.js';

const seconds = (n: number) => new Date(T0.getTime() + n * 1000);

function aCategory(communityId: string, overrides: Partial<Category> = {}): Category {
  return {
    id: randomUUID(),
    communityId,
    name: 'General',
    description: '',
    position: 0,
    closedToMembers: false,
    archivedAt: null,
    threadCount: 0,
    createdAt: T0,
    ...overrides,
  };
}

function aPost(thread: Thread, overrides: Partial<Post> = {}): Post {
  return {
    id: randomUUID(),
    threadId: thread.id,
    communityId: thread.communityId,
    number: 1,
    authorId: thread.authorId,
    body: 'Hello **world**',
    quotedPostId: null,
    createdAt: thread.createdAt,
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

async function createdThread(repos: Repositories, category: Category, authorId: string, overrides: Partial<Thread> = {}) {
  const thread: Thread = {
    id: randomUUID(),
    communityId: category.communityId,
    categoryId: category.id,
    authorId,
    title: 'A thread',
    createdAt: T0,
    lastPostedAt: T0,
    postCount: 1,
    pinnedAt: null,
    lockedAt: null,
    ...overrides,
  };
  const opening = aPost(thread);
  await repos.threads.create(thread, opening);
  return { thread, opening };
}

/** Replies as the use case writes them: a number taken with the kept counts, then the post. */
async function replied(repos: Repositories, thread: Thread, authorId: string, when: Date, overrides: Partial<Post> = {}): Promise<Post> {
  const number = await repos.threads.takeReplyNumber(thread.id, when);
  const post = aPost(thread, { number: number!, authorId, createdAt: when, body: `Reply ${number}`, ...overrides });
  await repos.posts.add(post);
  return post;
}

describe.each(testDialects)('discussion repositories on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  async function setting() {
    const repos = db.repositories;
    const community = await createdCommunity(repos);
    const author = await createdAccount(repos, { displayName: 'Ada' });
    const reader = await createdAccount(repos, { displayName: 'Bea' });
    const category = aCategory(community.id);
    await repos.categories.create(category);
    return { repos, community, author, reader, category };
  }

  it('keeps categories in their order, renames, archives and reorders them', async () => {
    const { repos, community, category } = await setting();
    const second = aCategory(community.id, { name: 'News', position: 1, closedToMembers: true });
    await repos.categories.create(second);
    expect((await repos.categories.list(community.id)).map((c) => c.name)).toEqual(['General', 'News']);
    await repos.categories.update({ ...category, name: 'Talk', description: 'About anything', archivedAt: at(1) });
    expect(await repos.categories.findById(category.id)).toEqual({ ...category, name: 'Talk', description: 'About anything', archivedAt: at(1) });
    await repos.categories.reorder(community.id, [second.id, category.id]);
    expect((await repos.categories.list(community.id)).map((c) => [c.name, c.position, c.closedToMembers])).toEqual([
      ['News', 0, true],
      ['Talk', 1, false],
    ]);
    expect(await repos.categories.list(randomUUID())).toEqual([]);
  });

  it('creates a thread with its opening post and keeps the counts on replies and moves', async () => {
    const { repos, community, author, reader, category } = await setting();
    const { thread, opening } = await createdThread(repos, category, author.id);
    expect(await repos.threads.findById(thread.id)).toEqual(thread);
    expect(await repos.posts.findById(opening.id)).toEqual(opening);
    expect((await repos.categories.findById(category.id))?.threadCount).toBe(1);
    expect(await repos.threads.findForReader(thread.id, null)).toEqual({
      thread,
      category: { ...category, threadCount: 1 },
      community,
      membership: null,
      authorName: 'Ada',
      lastRead: null,
    });
    // The reader's membership comes with the thread (one statement less per thread page).
    expect((await repos.threads.findForReader(thread.id, reader.id))?.membership).toBeNull();
    const membership = { communityId: community.id, accountId: reader.id, role: 'moderator' as const, joinedAt: at(3) };
    await repos.memberships.add(membership);
    expect((await repos.threads.findForReader(thread.id, reader.id))?.membership).toEqual(membership);
    expect((await repos.threads.findForReader(thread.id, author.id))?.membership).toBeNull();

    expect(await repos.threads.takeReplyNumber(thread.id, seconds(5))).toBe(2);
    expect(await repos.threads.findById(thread.id)).toMatchObject({ postCount: 2, lastPostedAt: seconds(5) });
    await repos.posts.add(aPost(thread, { number: 2, authorId: reader.id, createdAt: seconds(5) }));

    const other = aCategory(community.id, { position: 1 });
    await repos.categories.create(other);
    await repos.threads.move(thread.id, category.id, other.id);
    expect((await repos.threads.findById(thread.id))?.categoryId).toBe(other.id);
    expect([(await repos.categories.findById(category.id))?.threadCount, (await repos.categories.findById(other.id))?.threadCount]).toEqual([0, 1]);
  });

  it('takes no reply number in a locked thread, so a reply racing a lock never lands', async () => {
    const { repos, author, category } = await setting();
    const { thread } = await createdThread(repos, category, author.id);
    await repos.threads.setLocked(thread.id, at(1));
    expect(await repos.threads.takeReplyNumber(thread.id, at(2))).toBeNull();
    expect((await repos.threads.findById(thread.id))?.postCount).toBe(1);
    await repos.threads.setLocked(thread.id, null);
    expect(await repos.threads.takeReplyNumber(thread.id, at(2))).toBe(2);
    expect(await repos.threads.takeReplyNumber(randomUUID(), at(2))).toBeNull();
  });

  it('gives concurrent replies distinct numbers', async () => {
    const { author, category } = await setting();
    const { thread } = await createdThread(db.repositories, category, author.id);
    const numbers = await Promise.all(
      Array.from({ length: 8 }, () => db.unitOfWork.transaction((repos) => repos.threads.takeReplyNumber(thread.id, at(1)))),
    );
    expect(numbers.sort((a, b) => a! - b!)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reads a thread page by page in both directions, with bylines and quotes resolved at read time', async () => {
    const { repos, author, reader, category } = await setting();
    const { thread, opening } = await createdThread(repos, category, author.id);
    const replies: Post[] = [];
    for (let i = 1; i <= 6; i++) {
      replies.push(await replied(repos, thread, i % 2 ? reader.id : author.id, seconds(i), i === 6 ? { quotedPostId: opening.id } : {}));
    }
    const postCount = 7;
    const first = await repos.posts.listPage(thread.id, postCount, { position: null, limit: 3 });
    expect(first.items.map((p) => [p.number, p.authorName])).toEqual([[1, 'Ada'], [2, 'Bea'], [3, 'Ada']]);
    expect(first).toMatchObject({ total: 7, hasBefore: false, hasAfter: true, lastKey: [3] });
    // Opened at post 4 (as a quote link does: after number 3), then up and down from there.
    const middle = await repos.posts.listPage(thread.id, postCount, { position: { direction: 'after', key: [3] }, limit: 2 });
    expect(middle.items.map((p) => p.number)).toEqual([4, 5]);
    expect(middle).toMatchObject({ hasBefore: true, hasAfter: true });
    const up = await repos.posts.listPage(thread.id, postCount, { position: { direction: 'before', key: middle.firstKey! }, limit: 2 });
    expect(up.items.map((p) => p.number)).toEqual([2, 3]);
    const down = await repos.posts.listPage(thread.id, postCount, { position: { direction: 'after', key: middle.lastKey! }, limit: 2 });
    expect(down.items.map((p) => p.number)).toEqual([6, 7]);
    expect(down.hasAfter).toBe(false);
    expect(down.items[1]!.quote).toEqual({ postId: opening.id, threadId: thread.id, number: 1, authorName: 'Ada', excerpt: 'Hello **world**', deleted: false });

    // A rename shows everywhere at once: the name is never stored with the post.
    await repos.accounts.update(author.id, { displayName: 'Ada L.' });
    const renamed = await repos.posts.listPage(thread.id, postCount, { position: { direction: 'after', key: [5] }, limit: 5 });
    expect(renamed.items[1]!.quote?.authorName).toBe('Ada L.');
    expect(replies).toHaveLength(6);
  });

  it('keeps a placeholder for a deleted post and the history of an edited one', async () => {
    const { repos, author, reader, category } = await setting();
    const { thread, opening } = await createdThread(repos, category, author.id);
    const reply = await replied(repos, thread, reader.id, seconds(1), { quotedPostId: opening.id });
    await repos.posts.edit(opening, { id: randomUUID(), postId: opening.id, authorId: author.id, body: opening.body, replacedAt: seconds(2) }, 'Better', seconds(2));
    await repos.posts.edit({ ...opening, body: 'Better' }, { id: randomUUID(), postId: opening.id, authorId: author.id, body: 'Better', replacedAt: seconds(3) }, 'Best', seconds(3));
    expect((await repos.posts.revisions(opening.id)).map((r) => r.body)).toEqual(['Better', 'Hello **world**']);
    expect(await repos.posts.findById(opening.id)).toMatchObject({ body: 'Best', editedAt: seconds(3) });

    await repos.posts.markDeleted(opening.id, author.id, seconds(4));
    expect(await repos.posts.revisions(opening.id)).toEqual([]);
    const page = await repos.posts.listPage(thread.id, 2, firstPage);
    expect(page.items.map((p) => [p.number, p.deleted, p.body])).toEqual([[1, true, ''], [2, false, reply.body]]);
    expect(page.items[1]!.quote).toMatchObject({ deleted: true, excerpt: '' });
  });

  describe('thread lists', () => {
    async function listed(repos: Repositories, filter: ThreadListFilter, limit: number) {
      const ids: string[] = [];
      let request: PageRequest = { position: null, limit };
      for (;;) {
        const page = await repos.threads.listPage(filter, request);
        ids.push(...page.items.map((t) => t.id));
        if (!page.hasAfter) return { ids, total: page.total };
        request = { position: { direction: 'after', key: page.lastKey! }, limit };
      }
    }

    it('orders by latest activity, newest and most replies; pinned ones apart; per category or across', async () => {
      const { repos, community, author, reader, category } = await setting();
      const other = aCategory(community.id, { position: 1, name: 'Other' });
      await repos.categories.create(other);
      const a = (await createdThread(repos, category, author.id, { createdAt: seconds(1), lastPostedAt: seconds(1) })).thread;
      const b = (await createdThread(repos, other, author.id, { createdAt: seconds(2), lastPostedAt: seconds(2) })).thread;
      const c = (await createdThread(repos, category, author.id, { createdAt: seconds(3), lastPostedAt: seconds(3) })).thread;
      const pinned = (await createdThread(repos, category, author.id, { createdAt: seconds(4), lastPostedAt: seconds(4) })).thread;
      await repos.threads.setPinned(pinned.id, seconds(5));
      await replied(repos, a, reader.id, seconds(10));
      await replied(repos, a, reader.id, seconds(11));
      await replied(repos, b, reader.id, seconds(12));
      const filter = (order: ThreadOrder, categoryId: string | null = null): ThreadListFilter => ({
        communityId: community.id,
        categoryId,
        order,
        viewerId: reader.id,
        pinned: false,
      });
      expect((await listed(repos, filter('latest'), 2)).ids).toEqual([b.id, a.id, c.id]);
      expect((await listed(repos, filter('newest'), 2)).ids).toEqual([c.id, b.id, a.id]);
      expect((await listed(repos, filter('replies'), 1)).ids).toEqual([a.id, b.id, c.id]);
      expect(await listed(repos, filter('latest', category.id), 5)).toEqual({ ids: [a.id, c.id], total: 2 });
      expect((await repos.threads.listPage({ ...filter('latest'), pinned: true }, firstPage)).items.map((t) => t.id)).toEqual([pinned.id]);
      const [entry] = (await repos.threads.listPage(filter('replies'), { position: null, limit: 1 })).items;
      expect(entry).toMatchObject({ id: a.id, categoryName: 'General', authorName: 'Ada', replyCount: 2, postCount: 3, unreadCount: null });
    });

    it.each(['latest', 'replies'] as const)('stays stable in order %s while counts change underneath: no thread twice', async (order) => {
      const { repos, community, author, reader, category } = await setting();
      for (let i = 0; i < 6; i++) await createdThread(repos, category, author.id, { createdAt: seconds(i), lastPostedAt: seconds(i) });
      const filter: ThreadListFilter = { communityId: community.id, categoryId: null, order, viewerId: null, pinned: false };
      const first = await repos.threads.listPage(filter, { position: null, limit: 3 });
      // Replies arrive meanwhile: to a thread already shown, and twice to one not shown yet.
      await replied(repos, await reloaded(repos, first.items[2]!.id), reader.id, seconds(100));
      const notYetShown = (await repos.threads.listPage(filter, { position: { direction: 'after', key: first.lastKey! }, limit: 1 })).items[0]!;
      await replied(repos, await reloaded(repos, notYetShown.id), reader.id, seconds(101));
      await replied(repos, await reloaded(repos, notYetShown.id), reader.id, seconds(102));
      const rest = await repos.threads.listPage(filter, { position: { direction: 'after', key: first.lastKey! }, limit: 10 });
      const seen = [...first.items, ...rest.items].map((t) => t.id);
      expect(new Set(seen).size).toBe(seen.length);
      // Keys only grow: the thread that moved past the cursor went to the top, where the next refresh shows it.
      expect(seen).not.toContain(notYetShown.id);
      expect(seen).toHaveLength(5);
      expect((await repos.threads.listPage(filter, { position: null, limit: 1 })).items[0]!.id).toBe(notYetShown.id);
    });

    it("shows the viewer's unread posts from their read marks", async () => {
      const { repos, community, author, reader, category } = await setting();
      const { thread } = await createdThread(repos, category, author.id);
      for (let i = 1; i <= 4; i++) await replied(repos, thread, author.id, seconds(i));
      await repos.readMarks.record([{ accountId: reader.id, threadId: thread.id, number: 2 }], at(1));
      const filter: ThreadListFilter = { communityId: community.id, categoryId: null, order: 'latest', viewerId: reader.id, pinned: false };
      expect((await repos.threads.listPage(filter, firstPage)).items[0]).toMatchObject({ postCount: 5, unreadCount: 3 });
      expect((await repos.threads.listPage({ ...filter, viewerId: author.id }, firstPage)).items[0]?.unreadCount).toBeNull();
      expect((await repos.threads.listPage({ ...filter, viewerId: null }, firstPage)).items[0]?.unreadCount).toBeNull();
    });
  });

  it('records read marks in a batch, never moving one back, skipping accounts and threads that are gone', async () => {
    const { repos, author, reader, category } = await setting();
    const { thread } = await createdThread(repos, category, author.id);
    await repos.readMarks.record(
      [
        { accountId: reader.id, threadId: thread.id, number: 3 },
        { accountId: reader.id, threadId: thread.id, number: 5 },
        { accountId: author.id, threadId: thread.id, number: 1 },
        { accountId: randomUUID(), threadId: thread.id, number: 1 },
        { accountId: reader.id, threadId: randomUUID(), number: 1 },
      ],
      at(1),
    );
    expect(await lastRead(repos, reader.id, thread.id)).toBe(5);
    expect(await lastRead(repos, author.id, thread.id)).toBe(1);
    await repos.readMarks.record([{ accountId: reader.id, threadId: thread.id, number: 4 }], at(2));
    expect(await lastRead(repos, reader.id, thread.id)).toBe(5);
    expect(await repos.threads.findForReader(randomUUID(), reader.id)).toBeNull();
  });

  it("lists a member's threads and replies in one community, newest first, without deleted ones", async () => {
    const { repos, community, author, reader, category } = await setting();
    const { thread } = await createdThread(repos, category, author.id, { title: 'Ada asks' });
    const kept = await replied(repos, thread, reader.id, seconds(1));
    const deleted = await replied(repos, thread, reader.id, seconds(2));
    await repos.posts.markDeleted(deleted.id, reader.id, seconds(3));
    const latest = await replied(repos, thread, reader.id, seconds(4));
    const elsewhere = await setting();
    const away = await createdThread(elsewhere.repos, elsewhere.category, reader.id);
    await replied(repos, away.thread, reader.id, seconds(5));

    const replies = await repos.posts.listByAuthor(community.id, reader.id, { position: null, limit: 1 });
    expect(replies.items.map((p) => [p.id, p.threadTitle])).toEqual([[latest.id, 'Ada asks']]);
    expect(replies.total).toBe(2);
    const next = await repos.posts.listByAuthor(community.id, reader.id, { position: { direction: 'after', key: replies.lastKey! }, limit: 5 });
    expect(next.items.map((p) => p.id)).toEqual([kept.id]);
    expect((await repos.threads.listByAuthor(community.id, author.id, firstPage)).items.map((t) => t.title)).toEqual(['Ada asks']);
    expect((await repos.threads.listByAuthor(community.id, reader.id, firstPage)).items).toEqual([]);
  });
});

async function lastRead(repos: Repositories, accountId: string, threadId: string): Promise<number | null | undefined> {
  return (await repos.threads.findForReader(threadId, accountId))?.lastRead;
}

async function reloaded(repos: Repositories, threadId: string): Promise<Thread> {
  return (await repos.threads.findById(threadId))!;
}
