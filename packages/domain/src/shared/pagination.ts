import { z } from 'zod';
import { DomainError } from './domain-error.js';

/**
 * Keyset pagination for every list that grows with a community (never OFFSET: it reads and
 * skips every earlier row, and rows inserted meanwhile shift the pages).
 *
 * A list is ordered by a key of one or more columns (e.g. joined_at desc, account_id desc,
 * the last one unique). A cursor names a position in that order — "after this key" or
 * "before this key" — so a page can be read in both directions. Cursors are opaque to
 * clients (base64url) and checked: the checksum covers the list's scope (its name and
 * filters), so an edited cursor, or one from another list or search, is a VALIDATION
 * error rather than a wrong page. The checksum is not a secret (any process must read
 * any other's cursors): access is still checked by the query itself, and adapters
 * check every key value's type before using it.
 */

/** One key column's value as a cursor carries it (timestamps as ISO text). */
export type CursorValue = string | number;

export interface PagePosition {
  /** Rows after the key (the next page) or before it (the previous page), in list order. */
  direction: 'after' | 'before';
  key: CursorValue[];
}

export interface PageRequest {
  /** null: the first page. */
  position: PagePosition | null;
  limit: number;
}

/** What an adapter returns: one page in list order, with the keys at its two ends. */
export interface KeysetPage<T> {
  items: T[];
  /** Rows matching the list's filters, over all pages. */
  total: number;
  firstKey: CursorValue[] | null;
  lastKey: CursorValue[] | null;
  hasBefore: boolean;
  hasAfter: boolean;
}

/** What a client gets: one page, the total and the cursors to move on (null at an end). */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
  previousCursor: string | null;
}

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;

/** Spread into a list's input schema: `z.object({ communityId: idSchema, ...pageInputShape })`. */
export const pageInputShape = {
  cursor: z.string().max(1000, { error: 'cursor_invalid' }).nullish(),
  limit: z.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
};
export type PageInput = { cursor?: string | null | undefined; limit: number };

/** The part of a search a cursor must not outlive: trimmed, folded, null when empty. */
export const searchSchema = z
  .string()
  .trim()
  .max(100, { error: 'search_too_long' })
  .nullish()
  .transform((value) => (value ? value : null));

const cursorBodySchema = z.object({
  d: z.enum(['a', 'b']),
  // No NUL: PostgreSQL text cannot hold one (and the checksum is no secret, so anyone can forge a key).
  k: z.array(z.union([z.string().max(500).refine((text) => !text.includes('\u0000')), z.number()])).min(1).max(8),
});

/**
 * 64 bits of FNV-1a (two 32-bit lanes, different offset bases) over scope and body. It only has
 * to catch an edited cursor or one from another list — it is no secret, so a cryptographic
 * hash bought nothing and cost each page read two SHA-256 runs in JS (~40 µs, decision 036).
 */
function checksum(scope: string, body: string): string {
  const text = `quorum-cursor\n${scope}\n${body}`;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** JSON with every non-ASCII character escaped (\uXXXX), so one byte per character. */
const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** base64url of ASCII text, by hand: the domain uses no platform API (browser and server alike). */
function toBase64Url(ascii: string): string {
  let out = '';
  for (let i = 0; i < ascii.length; i += 3) {
    const [a, b, c] = [ascii.charCodeAt(i), ascii.charCodeAt(i + 1), ascii.charCodeAt(i + 2)];
    const bits = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += BASE64URL[bits >> 18]! + BASE64URL[(bits >> 12) & 63]!;
    if (i + 1 < ascii.length) out += BASE64URL[(bits >> 6) & 63]!;
    if (i + 2 < ascii.length) out += BASE64URL[bits & 63]!;
  }
  return out;
}

function fromBase64Url(encoded: string): string {
  let bits = 0;
  let count = 0;
  let out = '';
  for (const char of encoded) {
    const value = BASE64URL.indexOf(char);
    if (value < 0) throw new Error('not base64url');
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += String.fromCharCode((bits >> count) & 255);
    }
  }
  return out;
}

/** `scope` names the list and every filter that shapes it, e.g. `members:<communityId>:<search>`. */
export function encodeCursor(scope: string, position: PagePosition): string {
  const body = toBase64Url(asciiJson({ d: position.direction === 'after' ? 'a' : 'b', k: position.key }));
  return `${body}.${checksum(scope, body)}`;
}

function invalidCursor(): DomainError {
  return new DomainError('VALIDATION', 'cursor_invalid', { field: 'cursor' });
}

/** The position a cursor names; VALIDATION (cursor_invalid) for anything this list did not hand out. */
export function decodeCursor(scope: string, cursor: string): PagePosition {
  const [body, sum, ...rest] = cursor.split('.');
  if (!body || !sum || rest.length > 0 || sum !== checksum(scope, body)) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(body));
  } catch {
    throw invalidCursor();
  }
  const result = cursorBodySchema.safeParse(parsed);
  if (!result.success) throw invalidCursor();
  return { direction: result.data.d === 'a' ? 'after' : 'before', key: result.data.k };
}

/** A page request from a list's input: the cursor checked against the list's scope. */
export function pageRequest(scope: string, input: PageInput): PageRequest {
  return { position: input.cursor ? decodeCursor(scope, input.cursor) : null, limit: input.limit };
}

/** The client's page: the adapter's keys turned into cursors of the same scope. */
export function toPage<T, R = T>(scope: string, page: KeysetPage<T>, map?: (item: T) => R): Page<R> {
  return {
    items: map ? page.items.map(map) : (page.items as unknown as R[]),
    total: page.total,
    nextCursor: page.hasAfter && page.lastKey ? encodeCursor(scope, { direction: 'after', key: page.lastKey }) : null,
    previousCursor: page.hasBefore && page.firstKey ? encodeCursor(scope, { direction: 'before', key: page.firstKey }) : null,
  };
}
