import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { newId } from '../ids.js';
import { createTestApp, failureOf, type TestApp, type TestClient } from '../testing/test-app.js';

/** Kept counts and every post, to prove a refused write left nothing behind. */
async function snapshot(app: TestApp) {
  const count = async (table: 'threads' | 'posts' | 'post_revisions' | 'categories') =>
    Number((await app.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const threads = await app.db.kysely.selectFrom('threads').select(['id', 'post_count', 'last_posted_at', 'category_id']).orderBy('id').execute();
  const categories = await app.db.kysely.selectFrom('categories').select(['id', 'thread_count', 'position']).orderBy('id').execute();
  return { threads, categories, posts: await count('posts'), revisions: await count('post_revisions') };
}

describe.each(testDialects)('discussions on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let member: TestClient;
  let outsider: TestClient;
  let visitor: TestClient;
  let memberId: string;
  let publicId: string;
  let privateId: string;
  let general: string;
  let news: string;
  let privateCategory: string;
  let privateThread: { threadId: string; postId: string };

  beforeAll(async () => {
    app = await createTestApp(await dialect.create(), { env: { COMMUNITY_CREATION: 'everyone' } });
    owner = await app.signedUp('owner@example.org', { displayName: 'Olga Owner' });
    member = await app.signedUp('member@example.org', { displayName: 'Mia Member' });
    outsider = await app.signedUp('outsider@example.org', { displayName: 'Otto Outsider' });
    visitor = app.client();
    memberId = (await member.api.auth.me()).account!.id;
    publicId = (await owner.api.communities.create({ slug: 'forum', name: 'Forum', visibility: 'public', defaultLocale: 'de' })).id;
    privateId = (await owner.api.communities.create({ slug: 'inner', name: 'Inner circle', visibility: 'private', defaultLocale: 'de' })).id;
    await member.api.communities.join({ communityId: publicId, answers: {} });
    await outsider.api.communities.join({ communityId: publicId, answers: {} });
    general = (await owner.api.discussions.createCategory({ communityId: publicId, name: 'General' })).id;
    news = (await owner.api.discussions.createCategory({ communityId: publicId, name: 'News', closedToMembers: true })).id;
    privateCategory = (await owner.api.discussions.createCategory({ communityId: privateId, name: 'Secrets' })).id;
    privateThread = await owner.api.discussions.createThread({ categoryId: privateCategory, title: 'Private plans', body: 'Only for us' });
  });
  afterAll(() => app.close());

  it('a member starts a thread, another replies with a quote, the first edits; staff read the history', async () => {
    const started = await member.api.discussions.createThread({ categoryId: general, title: '  Welcome  ', body: 'Hello\r\nall' });
    const answer = await outsider.api.discussions.reply({ threadId: started.threadId, body: 'Hi Mia!', quotedPostId: started.postId });
    expect(answer.number).toBe(2);
    app.services.clock.advance(60_000);
    await member.api.discussions.editPost({ postId: started.postId, body: 'Hello everyone' });

    const page = await outsider.api.discussions.thread({ threadId: started.threadId });
    expect(page.thread).toMatchObject({ title: 'Welcome', postCount: 2, authorName: 'Mia Member', category: { id: general, name: 'General' } });
    expect(page.posts.items.map((post) => [post.number, post.authorName, post.body, post.editedAt !== null])).toEqual([
      [1, 'Mia Member', 'Hello everyone', true],
      [2, 'Otto Outsider', 'Hi Mia!', false],
    ]);
    expect(page.posts.items[1]!.quote).toMatchObject({ postId: started.postId, number: 1, authorName: 'Mia Member', excerpt: 'Hello everyone' });
    expect(page.viewerMay).toEqual({ post: true, reply: true, moderate: false });

    expect((await owner.api.discussions.postHistory({ postId: started.postId })).map((revision) => revision.body)).toEqual(['Hello\nall']);
    expect(await failureOf(member.api.discussions.postHistory({ postId: started.postId }))).toMatchObject({ domainCode: 'FORBIDDEN' });
    expect(await failureOf(outsider.api.discussions.editPost({ postId: started.postId, body: 'Mine now' }))).toMatchObject({ domainCode: 'FORBIDDEN' });

    await outsider.api.discussions.deletePost({ postId: answer.postId });
    const after = await member.api.discussions.thread({ threadId: started.threadId });
    expect(after.posts.items[1]).toMatchObject({ number: 2, deleted: true, body: '', authorName: 'Otto Outsider' });
    expect(after.thread.postCount).toBe(2);
  });

  it('refuses bad input with a clear code, never a 500, never a partial write', async () => {
    const { threadId, postId } = await member.api.discussions.createThread({ categoryId: general, title: 'Bad input', body: 'x' });
    const lockedThread = await member.api.discussions.createThread({ categoryId: general, title: 'To be locked', body: 'x' });
    await owner.api.discussions.lockThread({ threadId: lockedThread.threadId, locked: true });
    const archived = (await owner.api.discussions.createCategory({ communityId: publicId, name: 'Old' })).id;
    const archivedThread = await member.api.discussions.createThread({ categoryId: archived, title: 'Old thread', body: 'x' });
    await owner.api.discussions.archiveCategory({ categoryId: archived, archived: true });
    const before = await snapshot(app);

    const issue = async (call: Promise<unknown>) => {
      const failure = await failureOf(call);
      return [failure.code, failure.domainCode, failure.issues?.[0]?.message ?? null];
    };
    expect(await issue(member.api.discussions.reply({ threadId, body: ' \n\t ' }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'body_required']);
    expect(await issue(member.api.discussions.reply({ threadId, body: 'ü'.repeat(32 * 1024 + 1) }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'body_too_long']);
    expect(await issue(member.api.discussions.editPost({ postId, body: '' }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'body_required']);
    expect(await issue(member.api.discussions.createThread({ categoryId: general, title: 'x'.repeat(201), body: 'x' }))).toEqual([
      'BAD_REQUEST',
      'VALIDATION',
      'thread_title_too_long',
    ]);
    expect(await issue(member.api.discussions.createThread({ categoryId: general, title: '   ', body: 'x' }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'thread_title_required']);
    expect(await issue(member.api.discussions.reply({ threadId: 'not-an-id', body: 'x' }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'invalid_id']);
    expect(await issue(member.api.discussions.reply({ threadId: newId(), body: 'x' }))).toEqual(['NOT_FOUND', 'NOT_FOUND', null]);
    expect(await issue(member.api.discussions.editPost({ postId: newId(), body: 'x' }))).toEqual(['NOT_FOUND', 'NOT_FOUND', null]);
    expect(await issue(member.api.discussions.createThread({ categoryId: newId(), title: 't', body: 'x' }))).toEqual(['NOT_FOUND', 'NOT_FOUND', null]);
    expect(await issue(member.api.discussions.reply({ threadId, body: 'x', quotedPostId: newId() }))).toEqual(['NOT_FOUND', 'NOT_FOUND', null]);
    expect(await issue(member.api.discussions.reply({ threadId: lockedThread.threadId, body: 'x' }))).toEqual(['FORBIDDEN', 'THREAD_LOCKED', null]);
    expect(await issue(member.api.discussions.editPost({ postId: lockedThread.postId, body: 'changed' }))).toEqual(['FORBIDDEN', 'THREAD_LOCKED', null]);
    expect(await issue(member.api.discussions.reply({ threadId: archivedThread.threadId, body: 'x' }))).toEqual(['FORBIDDEN', 'CATEGORY_ARCHIVED', null]);
    expect(await issue(member.api.discussions.createThread({ categoryId: archived, title: 't', body: 'x' }))).toEqual(['FORBIDDEN', 'CATEGORY_ARCHIVED', null]);
    expect(await issue(member.api.discussions.createThread({ categoryId: news, title: 't', body: 'x' }))).toEqual(['FORBIDDEN', 'CATEGORY_CLOSED', null]);
    expect(await issue(member.api.discussions.createCategory({ communityId: publicId, name: 'Mine' }))).toEqual(['FORBIDDEN', 'FORBIDDEN', null]);
    expect(await issue(owner.api.discussions.createCategory({ communityId: publicId, name: 'x'.repeat(81) }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'category_name_too_long']);
    expect(await issue(owner.api.discussions.reorderCategories({ communityId: publicId, categoryIds: [general, news] }))).toEqual([
      'BAD_REQUEST',
      'VALIDATION',
      'category_order_invalid',
    ]);
    expect(await issue(member.api.discussions.threads({ communityId: publicId, order: 'loudest' as 'latest' }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'order_invalid']);

    // A cursor edited by hand, or one from another list, is a clear error.
    const list = await member.api.discussions.threads({ communityId: publicId, limit: 1 });
    const [body, sum] = list.nextCursor!.split('.');
    const tampered = `${body!.slice(0, -2)}xy.${sum}`;
    expect(await issue(member.api.discussions.threads({ communityId: publicId, limit: 1, cursor: tampered }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'cursor_invalid']);
    expect(await issue(member.api.discussions.threads({ communityId: publicId, order: 'newest', cursor: list.nextCursor }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'cursor_invalid']);
    expect(await issue(member.api.discussions.thread({ threadId, cursor: list.nextCursor }))).toEqual(['BAD_REQUEST', 'VALIDATION', 'cursor_invalid']);

    expect(await snapshot(app)).toEqual(before);
  });

  it('keeps what belongs to another community out of reach: thread, post and category ids (IDOR)', async () => {
    const foreignPost = privateThread.postId;
    const foreignThread = privateThread.threadId;
    const { threadId: ownThread } = await outsider.api.discussions.createThread({ categoryId: general, title: 'Mine', body: 'x' });
    const before = await snapshot(app);
    const code = async (call: Promise<unknown>) => (await failureOf(call)).domainCode;

    // A member of the public community who is not in the private one.
    expect(await code(outsider.api.discussions.thread({ threadId: foreignThread }))).toBe('FORBIDDEN');
    expect(await code(outsider.api.discussions.thread({ threadId: ownThread, anchor: { postId: foreignPost } }))).toBe('NOT_FOUND');
    expect(await code(outsider.api.discussions.reply({ threadId: foreignThread, body: 'x' }))).toBe('FORBIDDEN');
    expect(await code(outsider.api.discussions.reply({ threadId: ownThread, body: 'x', quotedPostId: foreignPost }))).toBe('NOT_FOUND');
    expect(await code(outsider.api.discussions.editPost({ postId: foreignPost, body: 'x' }))).toBe('FORBIDDEN');
    expect(await code(outsider.api.discussions.deletePost({ postId: foreignPost }))).toBe('FORBIDDEN');
    expect(await code(outsider.api.discussions.postHistory({ postId: foreignPost }))).toBe('FORBIDDEN');
    expect(await code(outsider.api.discussions.createThread({ categoryId: privateCategory, title: 't', body: 'x' }))).toBe('FORBIDDEN');
    expect(await code(outsider.api.discussions.categories({ communityId: privateId }))).toBe('FORBIDDEN');
    expect(await code(outsider.api.discussions.threads({ communityId: privateId }))).toBe('FORBIDDEN');
    expect(await code(outsider.api.discussions.threads({ communityId: publicId, categoryId: privateCategory }))).toBe('NOT_FOUND');
    expect(await code(outsider.api.discussions.markRead({ threadId: foreignThread, number: 1 }))).toBe('FORBIDDEN');
    expect(await code(outsider.api.discussions.memberThreads({ communityId: privateId, accountId: memberId }))).toBe('FORBIDDEN');
    // Staff of one community are nobody in another: moving a thread into a foreign category.
    const { threadId: publicThread } = await owner.api.discussions.createThread({ categoryId: general, title: 'Staff thread', body: 'x' });
    const before2 = await snapshot(app);
    expect(await code(owner.api.discussions.moveThread({ threadId: publicThread, categoryId: privateCategory }))).toBe('NOT_FOUND');
    expect(await code(owner.api.discussions.reorderCategories({ communityId: publicId, categoryIds: [privateCategory] }))).toBe('VALIDATION');
    expect(await snapshot(app)).toEqual(before2);
    expect(before.posts).toBe(before2.posts - 1);

    // An invite-only community does not even exist for outsiders.
    const hidden = await owner.api.communities.create({ slug: 'hidden', name: 'Hidden', visibility: 'invite_only', defaultLocale: 'en' });
    const hiddenCategory = (await owner.api.discussions.createCategory({ communityId: hidden.id, name: 'Hush' })).id;
    const hiddenThread = await owner.api.discussions.createThread({ categoryId: hiddenCategory, title: 'Hush', body: 'x' });
    expect(await code(outsider.api.discussions.thread({ threadId: hiddenThread.threadId }))).toBe('NOT_FOUND');
    expect(await code(outsider.api.discussions.createThread({ categoryId: hiddenCategory, title: 't', body: 'x' }))).toBe('NOT_FOUND');
    expect(await code(visitor.api.discussions.postHistory({ postId: hiddenThread.postId }))).toBe('UNAUTHENTICATED');
  });

  it('a visitor reads a public community but may not write', async () => {
    const { threadId } = await member.api.discussions.createThread({ categoryId: general, title: 'Public talk', body: 'Everyone may read this' });
    const page = await visitor.api.discussions.thread({ threadId });
    expect(page).toMatchObject({ lastReadNumber: null, viewerMay: { post: false, reply: false, moderate: false } });
    expect(page.posts.items[0]?.body).toBe('Everyone may read this');
    expect((await visitor.api.discussions.categories({ communityId: publicId })).map((category) => category.name)).toContain('General');
    expect((await visitor.api.discussions.threads({ communityId: publicId })).items.map((thread) => thread.title)).toContain('Public talk');
    expect((await failureOf(visitor.api.discussions.reply({ threadId, body: 'x' }))).domainCode).toBe('UNAUTHENTICATED');
    expect((await failureOf(visitor.api.discussions.thread({ threadId: privateThread.threadId }))).domainCode).toBe('UNAUTHENTICATED');
  });

  it('staff pin, lock and move threads; members may not', async () => {
    const { threadId } = await member.api.discussions.createThread({ categoryId: general, title: 'Pin me', body: 'x' });
    expect((await failureOf(member.api.discussions.pinThread({ threadId, pinned: true }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(member.api.discussions.moveThread({ threadId, categoryId: news }))).domainCode).toBe('FORBIDDEN');
    await owner.api.discussions.pinThread({ threadId, pinned: true });
    const list = await member.api.discussions.threads({ communityId: publicId, categoryId: general });
    expect(list.pinned?.map((thread) => thread.id)).toContain(threadId);
    expect(list.items.map((thread) => thread.id)).not.toContain(threadId);

    const generalBefore = (await member.api.discussions.categories({ communityId: publicId })).find((c) => c.id === general)!.threadCount;
    await owner.api.discussions.moveThread({ threadId, categoryId: news });
    const categories = await member.api.discussions.categories({ communityId: publicId });
    expect(categories.find((c) => c.id === general)!.threadCount).toBe(generalBefore - 1);
    expect((await member.api.discussions.thread({ threadId })).thread.category.name).toBe('News');
    // Members still reply in a category closed to new threads.
    await member.api.discussions.reply({ threadId, body: 'A reply in News' });

    await owner.api.discussions.lockThread({ threadId, locked: true });
    expect((await member.api.discussions.thread({ threadId })).viewerMay.reply).toBe(false);
    await owner.api.discussions.lockThread({ threadId, locked: false });
    await member.api.discussions.reply({ threadId, body: 'Open again' });
    // Staff delete any post: a placeholder stays.
    const { postId } = await outsider.api.discussions.reply({ threadId, body: 'Spam' });
    await owner.api.discussions.deletePost({ postId });
    expect((await member.api.discussions.thread({ threadId, anchor: { postId } })).posts.items[0]).toMatchObject({ id: postId, deleted: true, body: '' });
  });

  it('opens a long thread at a post and pages both ways; remembers what a member read', async () => {
    const { threadId } = await owner.api.discussions.createThread({ categoryId: general, title: 'Long', body: 'Post 1' });
    const ids: string[] = [];
    for (let i = 2; i <= 45; i++) ids.push((await owner.api.discussions.reply({ threadId, body: `Post ${i}` })).postId);
    const target = ids[28]!; // post 30
    const opened = await member.api.discussions.thread({ threadId, anchor: { postId: target }, limit: 10 });
    expect(opened.posts.items.map((post) => post.number)).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
    expect(opened.lastReadNumber).toBeNull();
    const up = await member.api.discussions.thread({ threadId, cursor: opened.posts.previousCursor, limit: 10 });
    expect(up.posts.items.map((post) => post.number)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    const down = await member.api.discussions.thread({ threadId, cursor: opened.posts.nextCursor, limit: 10 });
    expect(down.posts.items.map((post) => post.number)).toEqual([40, 41, 42, 43, 44, 45]);
    expect(down.posts.nextCursor).toBeNull();

    // Read up to 45 (the last page shown): pending in memory, already counted, then written in one batch.
    const listed = async () => (await member.api.discussions.threads({ communityId: publicId, categoryId: general })).items.find((t) => t.id === threadId)!;
    expect((await listed()).unreadCount).toBe(0);
    expect((await app.db.repositories.threads.findForReader(threadId, memberId))?.lastRead).toBeNull();
    await app.services.readMarks.flush();
    expect((await app.db.repositories.threads.findForReader(threadId, memberId))?.lastRead).toBe(45);
    for (let i = 0; i < 3; i++) await owner.api.discussions.reply({ threadId, body: 'More' });
    expect((await listed()).unreadCount).toBe(3);
    const firstUnread = await member.api.discussions.thread({ threadId, anchor: { firstUnread: true }, limit: 10 });
    expect(firstUnread).toMatchObject({ lastReadNumber: 45 });
    expect(firstUnread.posts.items.map((post) => post.number)).toEqual([46, 47, 48]);
    await member.api.discussions.markRead({ threadId, number: 1000 });
    await app.services.readMarks.flush();
    expect((await app.db.repositories.threads.findForReader(threadId, memberId))?.lastRead).toBe(48);
  });

  it("counts the author's own new thread and reply as read (batched like any read mark)", async () => {
    const unread = async (client: TestClient, threadId: string) =>
      (await client.api.discussions.threads({ communityId: publicId, categoryId: general })).items.find((t) => t.id === threadId)!.unreadCount;
    const outsiderId = (await outsider.api.auth.me()).account!.id;
    const { threadId } = await member.api.discussions.createThread({ categoryId: general, title: 'Mine', body: 'My first post' });
    expect(await unread(member, threadId)).toBe(0);
    expect(await unread(outsider, threadId)).toBeNull(); // never opened: all new
    await outsider.api.discussions.reply({ threadId, body: 'An answer' });
    expect(await unread(outsider, threadId)).toBe(0);
    expect(await unread(member, threadId)).toBe(1);
    // Not written on the request: the marks go with the next batch.
    expect((await app.db.repositories.threads.findForReader(threadId, memberId))?.lastRead).toBeNull();
    await app.services.readMarks.flush();
    expect((await app.db.repositories.threads.findForReader(threadId, memberId))?.lastRead).toBe(1);
    expect((await app.db.repositories.threads.findForReader(threadId, outsiderId))?.lastRead).toBe(2);
    // A refused reply records nothing.
    await owner.api.discussions.lockThread({ threadId, locked: true });
    expect(await failureOf(member.api.discussions.reply({ threadId, body: 'Too late' }))).toMatchObject({ domainCode: 'THREAD_LOCKED' });
    expect(await unread(member, threadId)).toBe(1);
  });

  it("shows a member's page: their threads and replies, only where the viewer may read", async () => {
    const { threadId } = await outsider.api.discussions.createThread({ categoryId: general, title: 'Otto asks', body: 'Question' });
    await member.api.discussions.reply({ threadId, body: 'Mia answers' });
    await owner.api.discussions.reply({ threadId: privateThread.threadId, body: 'Olga in private' });
    const ownerId = (await owner.api.auth.me()).account!.id;

    expect(await visitor.api.discussions.member({ communityId: publicId, accountId: memberId })).toMatchObject({ displayName: 'Mia Member', role: 'member' });
    const replies = await visitor.api.discussions.memberReplies({ communityId: publicId, accountId: memberId });
    expect(replies.items[0]).toMatchObject({ body: 'Mia answers', threadTitle: 'Otto asks' });
    expect((await visitor.api.discussions.memberThreads({ communityId: publicId, accountId: memberId })).items.map((t) => t.title)).toContain('Welcome');
    expect((await member.api.discussions.memberReplies({ communityId: publicId, accountId: ownerId })).items.map((p) => p.body)).not.toContain('Olga in private');
    expect((await failureOf(member.api.discussions.memberReplies({ communityId: privateId, accountId: ownerId }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(visitor.api.discussions.member({ communityId: publicId, accountId: newId() }))).domainCode).toBe('NOT_FOUND');
  });
});
