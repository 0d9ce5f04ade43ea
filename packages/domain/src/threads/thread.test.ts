import { describe, expect, it } from 'vitest';
import type { DomainError } from '../shared/domain-error.js';
import { createCategoryInputSchema, reorderCategoriesInputSchema, type Category } from './category.js';
import { POST_BODY_MAX_BYTES, postBodySchema, replyInputSchema, utf8Length } from './post.js';
import {
  assertRepliesOpen,
  assertThreadsOpen,
  createThreadInputSchema,
  listThreadsInputSchema,
  readPostsInputSchema,
  unreadCount,
} from './thread.js';

const id = '0190f5f0-0000-7000-8000-0000000000aa';
const category = (overrides: Partial<Category> = {}): Category => ({
  id,
  communityId: id,
  name: 'General',
  description: '',
  position: 0,
  closedToMembers: false,
  archivedAt: null,
  threadCount: 0,
  createdAt: new Date(0),
  ...overrides,
});
const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;
const codeOf = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return (error as DomainError).code;
  }
  return null;
};

describe('post bodies', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('ü')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });
  it('takes Markdown up to 64 KiB of UTF-8, with line ends as LF', () => {
    expect(postBodySchema.parse('a\r\nb\rc')).toBe('a\nb\nc');
    expect(postBodySchema.safeParse('x'.repeat(POST_BODY_MAX_BYTES)).success).toBe(true);
    expect(messageOf(postBodySchema.safeParse('x'.repeat(POST_BODY_MAX_BYTES + 1)))).toBe('body_too_long');
    expect(messageOf(postBodySchema.safeParse('ü'.repeat(POST_BODY_MAX_BYTES / 2 + 1)))).toBe('body_too_long');
  });
  it('refuses empty and whitespace-only bodies', () => {
    for (const body of ['', '  ', '\n\t\r\n']) expect(messageOf(postBodySchema.safeParse(body))).toBe('body_required');
    expect(messageOf(postBodySchema.safeParse(undefined))).toBe('body_required');
  });
  it('quotes by post id, or nothing', () => {
    expect(replyInputSchema.parse({ threadId: id, body: 'x' }).quotedPostId).toBeNull();
    expect(messageOf(replyInputSchema.safeParse({ threadId: id, body: 'x', quotedPostId: 'post 3' }))).toBe('invalid_id');
  });
});

describe('threads and categories', () => {
  it('trims titles and takes at most 200 characters', () => {
    expect(createThreadInputSchema.parse({ categoryId: id, title: '  Hallo  ', body: 'x' }).title).toBe('Hallo');
    expect(createThreadInputSchema.safeParse({ categoryId: id, title: 'ß'.repeat(200), body: 'x' }).success).toBe(true);
    expect(messageOf(createThreadInputSchema.safeParse({ categoryId: id, title: 'x'.repeat(201), body: 'x' }))).toBe('thread_title_too_long');
    expect(messageOf(createThreadInputSchema.safeParse({ categoryId: id, title: ' ', body: 'x' }))).toBe('thread_title_required');
  });
  it('names categories and orders them without repeats', () => {
    expect(createCategoryInputSchema.parse({ communityId: id, name: ' News ' })).toEqual({ communityId: id, name: 'News', description: '', closedToMembers: false });
    expect(messageOf(createCategoryInputSchema.safeParse({ communityId: id, name: '' }))).toBe('category_name_required');
    expect(messageOf(reorderCategoriesInputSchema.safeParse({ communityId: id, categoryIds: [id, id] }))).toBe('category_order_invalid');
  });
  it('lists by latest activity unless told otherwise, and reads 20 posts a page', () => {
    expect(listThreadsInputSchema.parse({ communityId: id })).toMatchObject({ order: 'latest', categoryId: null, limit: 50 });
    expect(messageOf(listThreadsInputSchema.safeParse({ communityId: id, order: 'oldest' }))).toBe('order_invalid');
    expect(readPostsInputSchema.parse({ threadId: id })).toMatchObject({ limit: 20, anchor: null });
    expect(readPostsInputSchema.parse({ threadId: id, anchor: { firstUnread: true } }).anchor).toEqual({ firstUnread: true });
  });
  it('takes new threads only in open categories; staff also where members may not start one', () => {
    expect(codeOf(() => assertThreadsOpen(category(), false))).toBeNull();
    expect(codeOf(() => assertThreadsOpen(category({ closedToMembers: true }), false))).toBe('CATEGORY_CLOSED');
    expect(codeOf(() => assertThreadsOpen(category({ closedToMembers: true }), true))).toBeNull();
    expect(codeOf(() => assertThreadsOpen(category({ archivedAt: new Date(0) }), true))).toBe('CATEGORY_ARCHIVED');
  });
  it('takes replies neither in locked threads nor in archived categories', () => {
    expect(codeOf(() => assertRepliesOpen({ lockedAt: null }, { archivedAt: null }))).toBeNull();
    expect(codeOf(() => assertRepliesOpen({ lockedAt: new Date(0) }, { archivedAt: null }))).toBe('THREAD_LOCKED');
    expect(codeOf(() => assertRepliesOpen({ lockedAt: null }, { archivedAt: new Date(0) }))).toBe('CATEGORY_ARCHIVED');
  });
  it('counts unread posts after the last read one; none known for a thread never opened', () => {
    expect(unreadCount(10, 7)).toBe(3);
    expect(unreadCount(10, 12)).toBe(0);
    expect(unreadCount(10, null)).toBeNull();
  });
});
