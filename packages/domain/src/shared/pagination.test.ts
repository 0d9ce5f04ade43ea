import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { decodeCursor, encodeCursor, pageInputShape, pageRequest, toPage, type PagePosition } from './pagination.js';
import { z } from 'zod';

const position = fc.record({
  direction: fc.constantFrom('after' as const, 'before' as const),
  key: fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer()), { minLength: 1, maxLength: 8 }),
});

const invalid = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError && error.code === 'VALIDATION' && error.message === 'cursor_invalid';
  }
  return false;
};

describe('cursors', () => {
  it('give back the position they were made from, in the scope they were made for', () => {
    fc.assert(
      fc.property(fc.string(), position, (scope, at: PagePosition) => {
        const cursor = encodeCursor(scope, at);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-f]{16}$/);
        expect(decodeCursor(scope, cursor)).toEqual(at);
      }),
    );
  });

  it('refuse any change to a cursor, and a cursor of another scope, with VALIDATION', () => {
    fc.assert(
      fc.property(position, fc.nat(), fc.constantFrom(...'ABCabc019-_.'), (at, index, char) => {
        const cursor = encodeCursor('members:1', at);
        const i = index % cursor.length;
        fc.pre(cursor[i] !== char);
        expect(invalid(() => decodeCursor('members:1', cursor.slice(0, i) + char + cursor.slice(i + 1)))).toBe(true);
      }),
    );
    const cursor = encodeCursor('members:1:', { direction: 'after', key: ['2026-03-01T10:00:00.000Z', 'x'] });
    expect(invalid(() => decodeCursor('members:1:erika', cursor))).toBe(true);
    expect(invalid(() => decodeCursor('members:1:', ''))).toBe(true);
    expect(invalid(() => decodeCursor('members:1:', 'e30.0123456789abcdef'))).toBe(true);
  });

  it('turn a page of keys into cursors that lead to the next and previous page', () => {
    const page = toPage('s', { items: [1, 2], total: 9, firstKey: ['a'], lastKey: ['b'], hasBefore: true, hasAfter: false }, String);
    expect(page).toMatchObject({ items: ['1', '2'], total: 9, nextCursor: null });
    expect(pageRequest('s', { cursor: page.previousCursor, limit: 2 })).toEqual({ position: { direction: 'before', key: ['a'] }, limit: 2 });
    expect(pageRequest('s', { cursor: null, limit: 2 })).toEqual({ position: null, limit: 2 });
  });

  it('bound the page size a client may ask for', () => {
    const schema = z.object(pageInputShape);
    expect(schema.parse({})).toEqual({ limit: 50 });
    expect(schema.safeParse({ limit: 101 }).success).toBe(false);
    expect(schema.safeParse({ limit: 0 }).success).toBe(false);
  });
});
