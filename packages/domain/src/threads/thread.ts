import { z } from 'zod';
import { DomainError } from '../shared/domain-error.js';
import { idSchema, type Id } from '../shared/ids.js';
import { pageInputShape } from '../shared/pagination.js';
import type { Category } from './category.js';
import { postBodySchema } from './post.js';

export interface Thread {
  id: Id;
  communityId: Id;
  categoryId: Id;
  /** Who started it; null once erased. */
  authorId: Id | null;
  /** '' once erased under the community's `delete` policy (the reader shows a placeholder). */
  title: string;
  createdAt: Date;
  /** Kept on every reply: the list order "latest activity". */
  lastPostedAt: Date;
  /** Posts including the opening one, deleted ones too (placeholders keep their number). */
  postCount: number;
  pinnedAt: Date | null;
  lockedAt: Date | null;
}

export const THREAD_TITLE_MAX = 200;

export const threadTitleSchema = z
  .string({ error: 'thread_title_required' })
  .trim()
  .min(1, { error: 'thread_title_required' })
  .max(THREAD_TITLE_MAX, { error: 'thread_title_too_long' });

export const createThreadInputSchema = z.object({
  categoryId: idSchema,
  title: threadTitleSchema,
  body: postBodySchema,
});
export type CreateThreadInput = z.infer<typeof createThreadInputSchema>;

export const threadIdInputSchema = z.object({ threadId: idSchema });
export const pinThreadInputSchema = z.object({ threadId: idSchema, pinned: z.boolean() });
export const lockThreadInputSchema = z.object({ threadId: idSchema, locked: z.boolean() });
export const moveThreadInputSchema = z.object({ threadId: idSchema, categoryId: idSchema });

/**
 * Thread lists: latest activity, newest, most replies. Each key only ever grows (a reply
 * moves a thread up, never down; deleted posts keep their place), so a thread already
 * listed can move only above the cursor: paging on shows no thread twice.
 */
export const threadOrders = ['latest', 'newest', 'replies'] as const;
export const threadOrderSchema = z.enum(threadOrders, { error: 'order_invalid' });
export type ThreadOrder = z.infer<typeof threadOrderSchema>;

export const listThreadsInputSchema = z.object({
  communityId: idSchema,
  /** null: across every category (the community's front page). */
  categoryId: idSchema.nullish().transform((id) => id ?? null),
  order: threadOrderSchema.default('latest'),
  ...pageInputShape,
});
export type ListThreadsInput = z.infer<typeof listThreadsInputSchema>;

/** Where a thread opens: its start, a post (a quote's link), or the viewer's first unread post. */
export const threadAnchorSchema = z.union([
  z.object({ postId: idSchema }),
  z.object({ firstUnread: z.literal(true) }),
]);
export type ThreadAnchor = z.infer<typeof threadAnchorSchema>;

export const readPostsInputSchema = z.object({
  threadId: idSchema,
  /** Ignored when a cursor is given. */
  anchor: threadAnchorSchema.nullish().transform((anchor) => anchor ?? null),
  ...pageInputShape,
  limit: pageInputShape.limit.default(20),
});
export type ReadPostsInput = z.infer<typeof readPostsInputSchema>;

export const markReadInputSchema = z.object({ threadId: idSchema, number: z.number().int().min(1) });

/** A thread in a list, with what the viewer has not read yet. */
export interface ThreadListEntry extends Thread {
  categoryName: string;
  authorName: string | null;
  replyCount: number;
  /** Posts after the viewer's last read one; null for visitors and threads never opened. */
  unreadCount: number | null;
}

/** Refuses a new thread where the category does not take one from this viewer. */
export function assertThreadsOpen(category: Category, isStaff: boolean): void {
  if (category.archivedAt) throw new DomainError('CATEGORY_ARCHIVED');
  if (category.closedToMembers && !isStaff) throw new DomainError('CATEGORY_CLOSED');
}

/** Refuses a reply (or an edit) where the thread does not take one. */
export function assertRepliesOpen(thread: Pick<Thread, 'lockedAt'>, category: Pick<Category, 'archivedAt'>): void {
  if (category.archivedAt) throw new DomainError('CATEGORY_ARCHIVED');
  if (thread.lockedAt) throw new DomainError('THREAD_LOCKED');
}

/** Unread posts after `lastRead` (null: never opened — the list shows no count, the thread is all new). */
export function unreadCount(postCount: number, lastRead: number | null): number | null {
  return lastRead === null ? null : Math.max(0, postCount - lastRead);
}
