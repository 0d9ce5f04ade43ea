import { z } from 'zod';
import { idSchema, type Id } from '../shared/ids.js';

/**
 * A post's body is CommonMark, stored as typed (line ends as LF) and rendered where it is
 * read (decision 020). Anything that names a member — the author's byline, a quote's
 * attribution — is not in the body: it is looked up by id when the post is read, so a
 * renamed or erased member leaves no old name behind.
 */
export interface Post {
  id: Id;
  threadId: Id;
  communityId: Id;
  /** 1 for the thread's opening post, then 2, 3 … in the order they were written. */
  number: number;
  /** null once the author's account is erased: shown as "deleted member". */
  authorId: Id | null;
  /** '' once deleted (by its author, by staff, or by erasure under the `delete` policy). */
  body: string;
  /** The post this one quotes (quote-reply); the quote is read from it, not copied. */
  quotedPostId: Id | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

/** An earlier body of an edited post, kept for moderators and owners. */
export interface PostRevision {
  id: Id;
  postId: Id;
  /** The post's author (revisions are made only by editing one's own post). */
  authorId: Id;
  /** The body as it was until `replacedAt`. */
  body: string;
  replacedAt: Date;
}

/** 64 KiB of UTF-8. */
export const POST_BODY_MAX_BYTES = 64 * 1024;
/** How much of a quoted post a quote shows. */
export const QUOTE_EXCERPT_MAX = 500;

/** UTF-8 length without platform APIs (the domain runs in the browser and on the server alike). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export const postBodySchema = z
  .string({ error: 'body_required' })
  .transform((body) => body.replace(/\r\n?/g, '\n'))
  .refine((body) => body.trim().length > 0, { error: 'body_required' })
  .refine((body) => utf8Length(body) <= POST_BODY_MAX_BYTES, { error: 'body_too_long' });

export const replyInputSchema = z.object({
  threadId: idSchema,
  body: postBodySchema,
  quotedPostId: idSchema.nullish().transform((id) => id ?? null),
});
export type ReplyInput = z.infer<typeof replyInputSchema>;

export const editPostInputSchema = z.object({ postId: idSchema, body: postBodySchema });
export type EditPostInput = z.infer<typeof editPostInputSchema>;

export const postIdInputSchema = z.object({ postId: idSchema });

/** A quote as readers see it: resolved from the quoted post when read. */
export interface QuoteView {
  postId: Id;
  threadId: Id;
  number: number;
  /** null: the quoted post's author was erased ("deleted member"). */
  authorName: string | null;
  /** The start of the quoted post's Markdown, at most QUOTE_EXCERPT_MAX characters; '' when deleted. */
  excerpt: string;
  deleted: boolean;
}

/** A post as readers see it. */
export interface PostView {
  id: Id;
  threadId: Id;
  number: number;
  authorId: Id | null;
  /** null: "deleted member" / „gelöschtes Mitglied“. */
  authorName: string | null;
  /** Markdown; '' when deleted (the reader shows a placeholder). */
  body: string;
  deleted: boolean;
  createdAt: Date;
  /** Set when the author changed the body after posting: the "edited" mark. */
  editedAt: Date | null;
  /** null when the post quotes nothing, or the quoted post is not readable here. */
  quote: QuoteView | null;
}

/** A member's post on their page: with the thread it belongs to. */
export interface MemberPostEntry {
  id: Id;
  threadId: Id;
  threadTitle: string;
  number: number;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
}
