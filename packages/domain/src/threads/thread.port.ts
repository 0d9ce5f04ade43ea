import type { Community } from '../communities/community.js';
import type { Membership } from '../communities/membership.js';
import type { Id } from '../shared/ids.js';
import type { KeysetPage, PageRequest } from '../shared/pagination.js';
import type { Category } from './category.js';
import type { MemberPostEntry, Post, PostRevision, PostView } from './post.js';
import type { Thread, ThreadListEntry, ThreadOrder } from './thread.js';

export interface CategoryRepository {
  create(category: Category): Promise<void>;
  findById(id: Id): Promise<Category | null>;
  /** The community's categories in their order. */
  list(communityId: Id): Promise<Category[]>;
  update(category: Pick<Category, 'id' | 'name' | 'description' | 'closedToMembers' | 'archivedAt'>): Promise<void>;
  /** Sets every listed category's position to its index. */
  reorder(communityId: Id, categoryIds: readonly Id[]): Promise<void>;
}

export interface ThreadListFilter {
  communityId: Id;
  categoryId: Id | null;
  order: ThreadOrder;
  /** Whose unread counts to read; null for visitors. */
  viewerId: Id | null;
  /** Pinned threads only, or the others only. */
  pinned: boolean;
}

export interface ThreadReading {
  thread: Thread;
  category: Category;
  /** The thread's community and the viewer's membership in it (null: visitor or not a member): what the access check needs. */
  community: Community;
  membership: Membership | null;
  authorName: string | null;
  /** The viewer's highest read post number as stored (null: visitor, or never opened). */
  lastRead: number | null;
}

export interface ThreadRepository {
  /** The thread with its opening post, and the category's kept thread count. */
  create(thread: Thread, openingPost: Post): Promise<void>;
  findById(id: Id): Promise<Thread | null>;
  /** What opening a thread needs besides its posts, in one read: the thread, its category, its author's name, the viewer's mark. */
  findForReader(id: Id, viewerId: Id | null): Promise<ThreadReading | null>;
  listPage(filter: ThreadListFilter, request: PageRequest): Promise<KeysetPage<ThreadListEntry>>;
  /**
   * Takes the next post number and keeps the counts (post count, last activity) in one
   * guarded statement: null when the thread is locked (or gone) by then, so a reply racing a
   * lock never lands.
   */
  takeReplyNumber(threadId: Id, at: Date): Promise<number | null>;
  setPinned(threadId: Id, pinnedAt: Date | null): Promise<void>;
  setLocked(threadId: Id, lockedAt: Date | null): Promise<void>;
  /** Moves the thread, keeping both categories' thread counts. */
  move(threadId: Id, fromCategoryId: Id, toCategoryId: Id): Promise<void>;
  /** Threads the member started in the community, newest first. */
  listByAuthor(communityId: Id, authorId: Id, request: PageRequest): Promise<KeysetPage<ThreadListEntry>>;
}

export interface PostRepository {
  add(post: Post): Promise<void>;
  findById(id: Id): Promise<Post | null>;
  /**
   * One page of a thread in post order, with bylines and quotes resolved. `total` is the
   * thread's kept post count (passed in, not counted).
   */
  listPage(threadId: Id, postCount: number, request: PageRequest): Promise<KeysetPage<PostView>>;
  /** Keeps the old body as a revision, writes the new one and the edited mark. */
  edit(post: Post, revision: PostRevision, body: string, at: Date): Promise<void>;
  /** Leaves a placeholder: the body and its revisions go, the number stays. */
  markDeleted(postId: Id, by: Id, at: Date): Promise<void>;
  /** Earlier bodies, newest first. */
  revisions(postId: Id): Promise<PostRevision[]>;
  /** The member's replies (not deleted) in the community, newest first. */
  listByAuthor(communityId: Id, authorId: Id, request: PageRequest): Promise<KeysetPage<MemberPostEntry>>;
}

export interface ReadMark {
  accountId: Id;
  threadId: Id;
  /** The highest post number read. */
  number: number;
}

/** Marks are read with the thread (ThreadRepository.findForReader, listPage). */
export interface ReadMarkRepository {
  /** Writes many marks at once; a mark never moves back. */
  record(marks: readonly ReadMark[], at: Date): Promise<void>;
}

/**
 * Recording what was read, without a write per page view: the server keeps marks in
 * memory and writes them in batches (one transaction every few seconds, and at shutdown).
 * What is not written yet still counts for the member's own reads.
 */
export interface ReadMarks {
  markRead(mark: ReadMark): void;
  /** A mark recorded but not yet written, if any. */
  pending(accountId: Id, threadId: Id): number | undefined;
}

export interface ThreadRepositories {
  categories: CategoryRepository;
  threads: ThreadRepository;
  posts: PostRepository;
  readMarks: ReadMarkRepository;
}
