import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseAccount } from '@quorum/domain/privacy/privacy-use-cases';
import { testDialects } from '@quorum/db/testing';
import { doneOrWaiting, heldTransaction } from '@quorum/db/testing/held-transactions';
import { createCommunityFixture, idOf } from '../testing/community-fixture.js';
import { failureOf, TEST_PASSWORD, type TestApp, type TestClient } from '../testing/test-app.js';

/**
 * Discussions under concurrency: one transaction held at a known point, the other run into it
 * (PostgreSQL overlaps them for real; SQLite serialises write transactions).
 */
describe.each(testDialects)('discussions racing on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let communityId: string;
  beforeEach(async () => {
    ({ app, owner, communityId } = await createCommunityFixture(dialect, { slug: 'forum', name: 'Forum' }));
  });
  afterEach(() => app.close());

  const category = async (name: string) => (await owner.api.discussions.createCategory({ communityId, name })).id;
  async function member(email: string): Promise<TestClient> {
    const client = await app.signedUp(email);
    await client.api.communities.join({ communityId, answers: {} });
    return client;
  }
  /** The kept thread counts beside the real ones. */
  const threadCounts = async () => {
    const kept = await app.db.kysely.selectFrom('categories').select(['id', 'thread_count']).orderBy('id').execute();
    const real = await app.db.kysely.selectFrom('threads').select(['category_id']).execute();
    return kept.map((row) => ({ id: row.id, kept: Number(row.thread_count), real: real.filter((thread) => thread.category_id === row.id).length }));
  };
  /** An erasure under way (as the server runs it), held before it commits. */
  const erasureOf = (accountId: string) =>
    heldTransaction(app.db, (repos) =>
      eraseAccount(repos, { viewer: null, clock: app.services.clock, newId: app.services.newId }, { accountId, actorId: accountId, reason: 'Deleted by the member', tombstoneId: app.services.newId() }),
    );

  it('two moderators moving one thread at once keep every category’s thread count right', async () => {
    const [general, ideas, archive] = [await category('General'), await category('Ideas'), await category('Archive')];
    const { threadId } = await owner.api.discussions.createThread({ categoryId: general, title: 'Roadmap', body: 'What next?' });
    const moderator = await member('mod@example.org');
    await owner.api.communities.changeRole({ communityId, accountId: await idOf(moderator), role: 'moderator' });
    // The owner's move to Ideas is written, not committed; the moderator moves to Archive meanwhile.
    const first = heldTransaction(app.db, (repos) => repos.threads.move(threadId, general, ideas));
    await first.reached;
    const second = moderator.api.discussions.moveThread({ threadId, categoryId: archive });
    await doneOrWaiting(app.db, second);
    first.release();
    await first.done;
    // SQLite ran the second move after the first (Ideas → Archive); PostgreSQL's saw General and is refused.
    const outcome = await second.then(
      () => 'moved',
      async (error: unknown) => (await failureOf(Promise.reject(error))).domainCode,
    );
    expect(outcome).toBe(dialect.name === 'sqlite' ? 'moved' : 'CONFLICT');
    for (const row of await threadCounts()) expect(row.kept, `category ${row.id}`).toBe(row.real);
  });

  it('a reply racing its thread’s lock either lands before it or is refused', async () => {
    const general = await category('General');
    const { threadId } = await owner.api.discussions.createThread({ categoryId: general, title: 'Hot topic', body: 'Discuss' });
    const alice = await member('alice@example.org');
    const lock = heldTransaction(app.db, (repos) => repos.threads.setLocked(threadId, app.services.clock.now()));
    await lock.reached;
    const reply = alice.api.discussions.reply({ threadId, body: 'Me too' });
    await doneOrWaiting(app.db, reply);
    lock.release();
    await lock.done;
    const outcome = await reply.then(
      () => 'posted',
      async (error: unknown) => (await failureOf(Promise.reject(error))).domainCode,
    );
    const thread = await app.db.kysely.selectFrom('threads').select(['post_count', 'locked_at']).where('id', '=', threadId).executeTakeFirstOrThrow();
    const posts = await app.db.kysely.selectFrom('posts').select('number').where('thread_id', '=', threadId).execute();
    expect(thread.locked_at).not.toBeNull();
    expect(Number(thread.post_count)).toBe(posts.length);
    // SQLite ran the reply after the lock committed; PostgreSQL's reply waited for it.
    expect(outcome).toBe('THREAD_LOCKED');
  });

  it('a reply racing the author’s erasure is refused cleanly, and the kept count matches the posts', async () => {
    const general = await category('General');
    const { threadId } = await owner.api.discussions.createThread({ categoryId: general, title: 'Hello', body: 'Hi' });
    const alice = await member('alice@example.org');
    const erasure = erasureOf(await idOf(alice));
    await erasure.reached;
    const reply = alice.api.discussions.reply({ threadId, body: 'Written while I leave' });
    await doneOrWaiting(app.db, reply);
    erasure.release();
    await erasure.done;
    const failure = await failureOf(reply);
    expect(['NOT_FOUND', 'UNAUTHENTICATED']).toContain(failure.domainCode);
    const thread = await app.db.kysely.selectFrom('threads').select('post_count').where('id', '=', threadId).executeTakeFirstOrThrow();
    expect(Number(thread.post_count)).toBe(1);
    expect(await app.db.kysely.selectFrom('posts').select('body').execute()).toEqual([{ body: 'Hi' }]);
  });

  it('read marks waiting in memory for an account being erased neither fail the batch nor outlive the erasure', async () => {
    const general = await category('General');
    const { threadId } = await owner.api.discussions.createThread({ categoryId: general, title: 'Hello', body: 'Hi' });
    const [alice, bob] = [await member('alice@example.org'), await member('bob@example.org')];
    const [aliceId, bobId] = [await idOf(alice), await idOf(bob)];
    const erasure = erasureOf(aliceId);
    await erasure.reached;
    const flush = app.db.unitOfWork.transaction((repos) =>
      repos.readMarks.record(
        [
          { accountId: aliceId, threadId, number: 1 },
          { accountId: bobId, threadId, number: 1 },
        ],
        app.services.clock.now(),
      ),
    );
    await doneOrWaiting(app.db, flush);
    erasure.release();
    await erasure.done;
    await flush;
    const marks = await app.db.kysely.selectFrom('thread_reads').select('account_id').execute();
    expect(marks.map((mark) => mark.account_id)).toEqual([bobId]);
  });

  it('an edit racing the post’s deletion does not bring its text back', async () => {
    const general = await category('General');
    const alice = await member('alice@example.org');
    const { threadId } = await owner.api.discussions.createThread({ categoryId: general, title: 'Hello', body: 'Hi' });
    const { postId } = await alice.api.discussions.reply({ threadId, body: 'My phone number is 0123 456' });
    // A moderator deletes the post; the deletion is written, not committed yet.
    const deletion = heldTransaction(app.db, async (repos) => repos.posts.markDeleted(postId, await idOf(owner), app.services.clock.now()));
    await deletion.reached;
    const edit = alice.api.discussions.editPost({ postId, body: 'My new phone number is 0987 654' });
    await doneOrWaiting(app.db, edit);
    deletion.release();
    await deletion.done;
    expect((await failureOf(edit)).domainCode).toBe('NOT_FOUND');
    const stored = await app.db.kysely.selectFrom('posts').select(['body', 'deleted_at']).where('id', '=', postId).executeTakeFirstOrThrow();
    expect(stored.body).toBe('');
    expect(stored.deleted_at).not.toBeNull();
    expect(await app.db.kysely.selectFrom('post_revisions').select('body').execute()).toEqual([]);
  });

  it('many replies at once each get their own number and the kept count matches', async () => {
    const general = await category('General');
    const { threadId } = await owner.api.discussions.createThread({ categoryId: general, title: 'Busy', body: 'Go' });
    const members = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => member(`${name}@example.org`)));
    const replies = await Promise.all(members.flatMap((client) => [1, 2].map((n) => client.api.discussions.reply({ threadId, body: `reply ${n}` }))));
    expect(replies.map((reply) => reply.number).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const thread = await app.db.kysely.selectFrom('threads').select('post_count').where('id', '=', threadId).executeTakeFirstOrThrow();
    expect(Number(thread.post_count)).toBe(11);
  });

  it('an edit racing the author’s erasure is refused cleanly and leaves no revision', async () => {
    const general = await category('General');
    const alice = await member('alice@example.org');
    const { threadId } = await owner.api.discussions.createThread({ categoryId: general, title: 'Hello', body: 'Hi' });
    const { postId } = await alice.api.discussions.reply({ threadId, body: 'First words' });
    const erasure = erasureOf(await idOf(alice));
    await erasure.reached;
    const edit = alice.api.discussions.editPost({ postId, body: 'Second words' });
    await doneOrWaiting(app.db, edit);
    erasure.release();
    await erasure.done;
    expect(['NOT_FOUND', 'UNAUTHENTICATED']).toContain((await failureOf(edit)).domainCode);
    expect(await app.db.kysely.selectFrom('post_revisions').select('body').execute()).toEqual([]);
    const stored = await app.db.kysely.selectFrom('posts').select(['body', 'author_id']).where('id', '=', postId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ body: 'First words', author_id: null });
  });

  it('a reply to one’s own thread racing one’s erasure: the erasure goes through, the reply is refused cleanly', async () => {
    const general = await category('General');
    const alice = await member('alice@example.org');
    const aliceId = await idOf(alice);
    const { threadId } = await alice.api.discussions.createThread({ categoryId: general, title: 'Mine', body: 'My thread' });
    // The reply has taken its number (the thread row) and is about to write the post.
    let reach!: () => void;
    let go!: () => void;
    const reached = new Promise<void>((resolve) => (reach = resolve));
    const gate = new Promise<void>((resolve) => (go = resolve));
    const replying = app.db.unitOfWork.transaction(async (repos) => {
      await repos.accounts.hold(aliceId); // what reply() does first (holdWriter)
      const number = (await repos.threads.takeReplyNumber(threadId, app.services.clock.now()))!;
      reach();
      await gate;
      const now = app.services.clock.now();
      await repos.posts.add({ id: app.services.newId(), threadId, communityId, number, authorId: aliceId, body: 'Late words', quotedPostId: null, createdAt: now, editedAt: null, deletedAt: null });
    });
    await reached;
    const erasure = alice.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
    await doneOrWaiting(app.db, erasure);
    go();
    await replying;
    await expect(erasure).resolves.toEqual({ ok: true });
    const thread = await app.db.kysely.selectFrom('threads').select(['post_count', 'author_id']).where('id', '=', threadId).executeTakeFirstOrThrow();
    const posts = await app.db.kysely.selectFrom('posts').select(['author_id']).where('thread_id', '=', threadId).execute();
    expect(Number(thread.post_count)).toBe(posts.length);
    expect(posts.every((post) => post.author_id === null) && thread.author_id === null).toBe(true);
  });
});
