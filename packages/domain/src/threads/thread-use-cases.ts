import { z } from 'zod';
import type { AccountRepository } from '../accounts/account.port.js';
import {
  authorize,
  requireViewer,
  type CommunityRepositories,
  type UseCaseContext,
} from '../communities/community-use-cases.js';
import type { Community } from '../communities/community.js';
import { assertCan, can, type CommunityAction } from '../communities/permissions.js';
import type { Role } from '../communities/membership.js';
import { DomainError } from '../shared/domain-error.js';
import { idSchema, type Id } from '../shared/ids.js';
import { pageInputShape, pageRequest, toPage, type Page, type PageRequest } from '../shared/pagination.js';
import {
  CATEGORIES_MAX,
  type Category,
  type CreateCategoryInput,
  type ReorderCategoriesInput,
  type UpdateCategoryInput,
} from './category.js';
import type { EditPostInput, MemberPostEntry, Post, PostRevision, PostView, ReplyInput } from './post.js';
import type { ReadMarks, ThreadRepositories } from './thread.port.js';
import {
  assertRepliesOpen,
  assertThreadsOpen,
  unreadCount,
  type CreateThreadInput,
  type ListThreadsInput,
  type ReadPostsInput,
  type Thread,
  type ThreadListEntry,
} from './thread.js';

export interface DiscussionRepositories extends CommunityRepositories, ThreadRepositories {
  accounts: AccountRepository;
}

/** Reading a thread records how far the viewer read (batched, see ReadMarks). */
export interface DiscussionContext extends UseCaseContext {
  readMarks: ReadMarks;
}

interface Access {
  community: Community;
  role: Role | null;
}

async function access(repos: DiscussionRepositories, ctx: UseCaseContext, communityId: Id, action: CommunityAction): Promise<Access> {
  const { community, membership } = await authorize(repos, ctx.viewer, communityId, action);
  return { community, role: membership?.role ?? null };
}

const allows = (ctx: UseCaseContext, { community, role }: Access, action: CommunityAction) =>
  can(ctx.viewer, action, { visibility: community.visibility, role });

/**
 * The category, checked to belong to the community the viewer may act in. An id from
 * another community is NOT_FOUND, whatever the viewer may do there.
 */
async function categoryOf(repos: DiscussionRepositories, categoryId: Id, communityId?: Id): Promise<Category> {
  const category = await repos.categories.findById(categoryId);
  if (!category || (communityId !== undefined && category.communityId !== communityId)) throw new DomainError('NOT_FOUND');
  return category;
}

async function loadThread(
  repos: DiscussionRepositories,
  ctx: UseCaseContext,
  threadId: Id,
  action: CommunityAction,
): Promise<{ thread: Thread; access: Access }> {
  const thread = await repos.threads.findById(threadId);
  if (!thread) throw new DomainError('NOT_FOUND');
  return { thread, access: await access(repos, ctx, thread.communityId, action) };
}

async function loadPost(
  repos: DiscussionRepositories,
  ctx: UseCaseContext,
  postId: Id,
  action: CommunityAction,
): Promise<{ post: Post; access: Access }> {
  const post = await repos.posts.findById(postId);
  if (!post) throw new DomainError('NOT_FOUND');
  return { post, access: await access(repos, ctx, post.communityId, action) };
}

// Categories

export async function listCategories(repos: DiscussionRepositories, ctx: UseCaseContext, communityId: Id): Promise<Category[]> {
  await access(repos, ctx, communityId, 'read');
  return repos.categories.list(communityId);
}

export async function createCategory(repos: DiscussionRepositories, ctx: UseCaseContext, input: CreateCategoryInput): Promise<Category> {
  await access(repos, ctx, input.communityId, 'manageCategories');
  const existing = await repos.categories.list(input.communityId);
  if (existing.length >= CATEGORIES_MAX) throw new DomainError('VALIDATION', 'categories_too_many', { field: 'name' });
  const category: Category = {
    id: ctx.newId(),
    communityId: input.communityId,
    name: input.name,
    description: input.description,
    position: existing.length,
    closedToMembers: input.closedToMembers,
    archivedAt: null,
    threadCount: 0,
    createdAt: ctx.clock.now(),
  };
  await repos.categories.create(category);
  return category;
}

export async function updateCategory(repos: DiscussionRepositories, ctx: UseCaseContext, input: UpdateCategoryInput): Promise<Category> {
  const category = await categoryOf(repos, input.categoryId);
  await access(repos, ctx, category.communityId, 'manageCategories');
  const updated: Category = { ...category, name: input.name, description: input.description, closedToMembers: input.closedToMembers };
  await repos.categories.update(updated);
  return updated;
}

export async function archiveCategory(
  repos: DiscussionRepositories,
  ctx: UseCaseContext,
  input: { categoryId: Id; archived: boolean },
): Promise<Category> {
  const category = await categoryOf(repos, input.categoryId);
  await access(repos, ctx, category.communityId, 'manageCategories');
  const archivedAt = input.archived ? (category.archivedAt ?? ctx.clock.now()) : null;
  const updated: Category = { ...category, archivedAt };
  await repos.categories.update(updated);
  return updated;
}

/** The new order must name every category of the community once, and no other. */
export async function reorderCategories(repos: DiscussionRepositories, ctx: UseCaseContext, input: ReorderCategoriesInput): Promise<Category[]> {
  await access(repos, ctx, input.communityId, 'manageCategories');
  const current = await repos.categories.list(input.communityId);
  const known = new Set(current.map((category) => category.id));
  if (input.categoryIds.length !== known.size || !input.categoryIds.every((id) => known.has(id))) {
    throw new DomainError('VALIDATION', 'category_order_invalid', { field: 'categoryIds' });
  }
  await repos.categories.reorder(input.communityId, input.categoryIds);
  return repos.categories.list(input.communityId);
}

// Thread lists

export interface ThreadListPage extends Page<ThreadListEntry> {
  /** Pinned threads, above the list: on the first page only (null on later ones). */
  pinned: ThreadListEntry[] | null;
}

const PINNED_MAX = 20;

/** The viewer's reads not written yet count already (the list shows what they just read as read). */
function withPendingReads(ctx: DiscussionContext, entry: ThreadListEntry): ThreadListEntry {
  const pending = ctx.viewer ? ctx.readMarks.pending(ctx.viewer.accountId, entry.id) : undefined;
  if (pending === undefined) return entry;
  const stored = entry.unreadCount === null ? 0 : entry.postCount - entry.unreadCount;
  return { ...entry, unreadCount: unreadCount(entry.postCount, Math.max(stored, pending)) };
}

export async function listThreads(repos: DiscussionRepositories, ctx: DiscussionContext, input: ListThreadsInput): Promise<ThreadListPage> {
  await access(repos, ctx, input.communityId, 'read');
  if (input.categoryId) await categoryOf(repos, input.categoryId, input.communityId);
  const scope = `threads:${input.communityId}:${input.categoryId ?? ''}:${input.order}`;
  const filter = {
    communityId: input.communityId,
    categoryId: input.categoryId,
    order: input.order,
    viewerId: ctx.viewer?.accountId ?? null,
  };
  const request = pageRequest(scope, input);
  const [page, pinned] = await Promise.all([
    repos.threads.listPage({ ...filter, pinned: false }, request),
    request.position ? null : repos.threads.listPage({ ...filter, pinned: true }, { position: null, limit: PINNED_MAX }),
  ]);
  return {
    ...toPage(scope, page, (entry) => withPendingReads(ctx, entry)),
    pinned: pinned ? pinned.items.map((entry) => withPendingReads(ctx, entry)) : null,
  };
}

// Writing

/**
 * Every write names its writer (author, deleted_by): the writer's account is held first, before
 * any thread or post row (decision 035). An erasure locks the account and then the member's
 * threads and posts; a write that took a thread row first and the account second could
 * deadlock with it — on PostgreSQL the erasure itself was the one aborted.
 */
async function holdWriter(repos: DiscussionRepositories, accountId: Id): Promise<void> {
  if (!(await repos.accounts.hold(accountId))) throw new DomainError('NOT_FOUND', 'The account no longer exists.');
}

export async function createThread(
  repos: DiscussionRepositories,
  ctx: UseCaseContext,
  input: CreateThreadInput,
): Promise<{ thread: Thread; post: Post }> {
  const viewer = requireViewer(ctx.viewer);
  await holdWriter(repos, viewer.accountId);
  const category = await categoryOf(repos, input.categoryId);
  const where = await access(repos, ctx, category.communityId, 'post');
  assertThreadsOpen(category, allows(ctx, where, 'moderateDiscussions'));
  const now = ctx.clock.now();
  const thread: Thread = {
    id: ctx.newId(),
    communityId: category.communityId,
    categoryId: category.id,
    authorId: viewer.accountId,
    title: input.title,
    createdAt: now,
    lastPostedAt: now,
    postCount: 1,
    pinnedAt: null,
    lockedAt: null,
  };
  const post: Post = {
    id: ctx.newId(),
    threadId: thread.id,
    communityId: thread.communityId,
    number: 1,
    authorId: viewer.accountId,
    body: input.body,
    quotedPostId: null,
    createdAt: now,
    editedAt: null,
    deletedAt: null,
  };
  await repos.threads.create(thread, post);
  return { thread, post };
}

export async function reply(repos: DiscussionRepositories, ctx: UseCaseContext, input: ReplyInput): Promise<Post> {
  const viewer = requireViewer(ctx.viewer);
  await holdWriter(repos, viewer.accountId);
  const { thread } = await loadThread(repos, ctx, input.threadId, 'post');
  assertRepliesOpen(thread, await categoryOf(repos, thread.categoryId));
  if (input.quotedPostId) {
    // A quote of a post from another community would show it where it does not belong.
    const quoted = await repos.posts.findById(input.quotedPostId);
    if (!quoted || quoted.communityId !== thread.communityId) throw new DomainError('NOT_FOUND');
  }
  const now = ctx.clock.now();
  const number = await repos.threads.takeReplyNumber(thread.id, now);
  if (number === null) throw new DomainError('THREAD_LOCKED');
  const post: Post = {
    id: ctx.newId(),
    threadId: thread.id,
    communityId: thread.communityId,
    number,
    authorId: viewer.accountId,
    body: input.body,
    quotedPostId: input.quotedPostId,
    createdAt: now,
    editedAt: null,
    deletedAt: null,
  };
  await repos.posts.add(post);
  return post;
}

/**
 * The author has read what they just wrote: once the new thread or reply is committed, their
 * mark moves to it (batched like every read, decision 022), so their own post never shows as
 * unread. Like Discourse, replying counts as having read the thread up to one's own post.
 * Called after the transaction: a write that rolled back must not move a mark.
 */
export function recordOwnPost(ctx: DiscussionContext, post: Pick<Post, 'authorId' | 'threadId' | 'number'>): void {
  if (post.authorId) ctx.readMarks.markRead({ accountId: post.authorId, threadId: post.threadId, number: post.number });
}

/** Authors edit their own posts while the thread takes replies; the old body is kept for staff. */
export async function editPost(repos: DiscussionRepositories, ctx: UseCaseContext, input: EditPostInput): Promise<Post> {
  const viewer = requireViewer(ctx.viewer);
  await holdWriter(repos, viewer.accountId);
  const { post } = await loadPost(repos, ctx, input.postId, 'post');
  if (post.authorId !== viewer.accountId) throw new DomainError('FORBIDDEN');
  if (post.deletedAt) throw new DomainError('NOT_FOUND');
  const thread = await repos.threads.findById(post.threadId);
  if (!thread) throw new DomainError('NOT_FOUND');
  assertRepliesOpen(thread, await categoryOf(repos, thread.categoryId));
  if (input.body === post.body) return post;
  const now = ctx.clock.now();
  const revision: PostRevision = { id: ctx.newId(), postId: post.id, authorId: viewer.accountId, body: post.body, replacedAt: now };
  await repos.posts.edit(post, revision, input.body, now);
  return { ...post, body: input.body, editedAt: now };
}

/** The author deletes their own post, staff any post: a placeholder keeps the thread readable. */
export async function deletePost(repos: DiscussionRepositories, ctx: UseCaseContext, postId: Id): Promise<void> {
  const viewer = requireViewer(ctx.viewer);
  await holdWriter(repos, viewer.accountId);
  const { post, access: where } = await loadPost(repos, ctx, postId, 'read');
  const own = post.authorId === viewer.accountId && allows(ctx, where, 'post');
  if (!own && !allows(ctx, where, 'moderateDiscussions')) throw new DomainError('FORBIDDEN');
  if (post.deletedAt) return;
  await repos.posts.markDeleted(post.id, viewer.accountId, ctx.clock.now());
}

export async function postHistory(repos: DiscussionRepositories, ctx: UseCaseContext, postId: Id): Promise<PostRevision[]> {
  await loadPost(repos, ctx, postId, 'moderateDiscussions');
  return repos.posts.revisions(postId);
}

// Staff tools

export async function pinThread(repos: DiscussionRepositories, ctx: UseCaseContext, input: { threadId: Id; pinned: boolean }): Promise<void> {
  const { thread } = await loadThread(repos, ctx, input.threadId, 'moderateDiscussions');
  if ((thread.pinnedAt !== null) === input.pinned) return;
  await repos.threads.setPinned(thread.id, input.pinned ? ctx.clock.now() : null);
}

export async function lockThread(repos: DiscussionRepositories, ctx: UseCaseContext, input: { threadId: Id; locked: boolean }): Promise<void> {
  const { thread } = await loadThread(repos, ctx, input.threadId, 'moderateDiscussions');
  if ((thread.lockedAt !== null) === input.locked) return;
  await repos.threads.setLocked(thread.id, input.locked ? ctx.clock.now() : null);
}

/** Into another category of the same community (an archived one too: that is how threads are archived). */
export async function moveThread(repos: DiscussionRepositories, ctx: UseCaseContext, input: { threadId: Id; categoryId: Id }): Promise<void> {
  const { thread } = await loadThread(repos, ctx, input.threadId, 'moderateDiscussions');
  const target = await categoryOf(repos, input.categoryId, thread.communityId);
  if (target.id === thread.categoryId) return;
  await repos.threads.move(thread.id, thread.categoryId, target.id);
}

// Reading a thread

export interface ThreadView extends Thread {
  category: Pick<Category, 'id' | 'name' | 'archivedAt' | 'closedToMembers'>;
  authorName: string | null;
}

export interface ThreadPage {
  thread: ThreadView;
  posts: Page<PostView>;
  /** The viewer's last read post number before this page (null: visitor, or never opened). */
  lastReadNumber: number | null;
  /** What the viewer may do here, so the page offers only that (the server checks again). */
  viewerMay: { reply: boolean; moderate: boolean; post: boolean };
}

async function anchorNumber(
  repos: DiscussionRepositories,
  thread: Thread,
  anchor: NonNullable<ReadPostsInput['anchor']>,
  lastRead: number | null,
): Promise<number> {
  if ('postId' in anchor) {
    const post = await repos.posts.findById(anchor.postId);
    if (!post || post.threadId !== thread.id) throw new DomainError('NOT_FOUND');
    return post.number;
  }
  return Math.min((lastRead ?? 0) + 1, thread.postCount);
}

/**
 * One page of a thread, in either direction from a cursor, or opened at an anchor (a post,
 * or the viewer's first unread one). Records how far a signed-in viewer has read.
 */
export async function readThread(repos: DiscussionRepositories, ctx: DiscussionContext, input: ReadPostsInput): Promise<ThreadPage> {
  const viewerId = ctx.viewer?.accountId ?? null;
  const reading = await repos.threads.findForReader(input.threadId, viewerId);
  if (!reading) throw new DomainError('NOT_FOUND');
  const { thread, category, community, membership, authorName, lastRead: stored } = reading;
  // The same check as authorize(), on the community and membership read with the thread.
  assertCan(ctx.viewer, 'read', { visibility: community.visibility, role: membership?.role ?? null });
  const where: Access = { community, role: membership?.role ?? null };
  const pending = viewerId ? ctx.readMarks.pending(viewerId, thread.id) : undefined;
  const lastRead = pending === undefined ? stored : Math.max(stored ?? 0, pending);
  const scope = `posts:${thread.id}`;
  let request: PageRequest = pageRequest(scope, input);
  if (!input.cursor && input.anchor) {
    const number = await anchorNumber(repos, thread, input.anchor, lastRead);
    // Numbers run 1, 2, 3 … without gaps: "after number − 1" starts the page at the anchor.
    request = { position: number > 1 ? { direction: 'after', key: [number - 1] } : null, limit: input.limit };
  }
  const page = await repos.posts.listPage(thread.id, thread.postCount, request);
  const lastShown = page.items.at(-1)?.number;
  if (viewerId && lastShown !== undefined && lastShown > (lastRead ?? 0)) {
    ctx.readMarks.markRead({ accountId: viewerId, threadId: thread.id, number: lastShown });
  }
  const mayPost = allows(ctx, where, 'post');
  const repliesOpen = !category.archivedAt && !thread.lockedAt;
  return {
    thread: {
      ...thread,
      authorName,
      category: { id: category.id, name: category.name, archivedAt: category.archivedAt, closedToMembers: category.closedToMembers },
    },
    posts: toPage(scope, page),
    lastReadNumber: lastRead,
    viewerMay: { post: mayPost, reply: mayPost && repliesOpen, moderate: allows(ctx, where, 'moderateDiscussions') },
  };
}

/** "Read up to here" from the page as the reader scrolls; batched like every read mark. */
export async function markRead(
  repos: DiscussionRepositories,
  ctx: DiscussionContext,
  input: { threadId: Id; number: number },
): Promise<void> {
  const viewer = requireViewer(ctx.viewer);
  const { thread } = await loadThread(repos, ctx, input.threadId, 'read');
  ctx.readMarks.markRead({ accountId: viewer.accountId, threadId: thread.id, number: Math.min(input.number, thread.postCount) });
}

// A member's page

export const memberActivityInputSchema = z.object({ communityId: idSchema, accountId: idSchema, ...pageInputShape });
export type MemberActivityInput = z.infer<typeof memberActivityInputSchema>;

export interface MemberCard {
  accountId: Id;
  displayName: string;
  role: Role;
  joinedAt: Date;
}

/** Who a member is in the community; only members have a page (former members' posts keep their byline). */
export async function memberCard(
  repos: DiscussionRepositories,
  ctx: UseCaseContext,
  input: { communityId: Id; accountId: Id },
): Promise<MemberCard> {
  await access(repos, ctx, input.communityId, 'read');
  const [membership, account] = await Promise.all([
    repos.memberships.find(input.communityId, input.accountId),
    repos.accounts.findById(input.accountId),
  ]);
  if (!membership || !account) throw new DomainError('NOT_FOUND');
  return { accountId: account.id, displayName: account.displayName, role: membership.role, joinedAt: membership.joinedAt };
}

/** The threads the member started in this community, newest first: only what the viewer may read here. */
export async function memberThreads(
  repos: DiscussionRepositories,
  ctx: UseCaseContext,
  input: MemberActivityInput,
): Promise<Page<ThreadListEntry>> {
  await access(repos, ctx, input.communityId, 'read');
  const scope = `member-threads:${input.communityId}:${input.accountId}`;
  return toPage(scope, await repos.threads.listByAuthor(input.communityId, input.accountId, pageRequest(scope, input)));
}

/** The member's replies (not their opening posts, not deleted ones) in this community, newest first. */
export async function memberReplies(
  repos: DiscussionRepositories,
  ctx: UseCaseContext,
  input: MemberActivityInput,
): Promise<Page<MemberPostEntry>> {
  await access(repos, ctx, input.communityId, 'read');
  const scope = `member-replies:${input.communityId}:${input.accountId}`;
  return toPage(scope, await repos.posts.listByAuthor(input.communityId, input.accountId, pageRequest(scope, input)));
}
