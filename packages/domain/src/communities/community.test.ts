import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLUG_MIN_LENGTH, createCommunityInputSchema, slugSchema, suggestSlug } from './community.js';

const slugError = (slug: unknown) => slugSchema.safeParse(slug).error?.issues[0]?.message;

describe('slug rules', () => {
  it('accepts lower-case words joined by single hyphens', () => {
    for (const slug of ['kunden', 'beta-club', 'team-2026', 'a1b']) expect(slugSchema.parse(slug)).toBe(slug);
  });
  it('names what is wrong', () => {
    expect(slugError('ab')).toBe('slug_too_short');
    expect(slugError('a'.repeat(49))).toBe('slug_too_long');
    expect(slugError('Kunden')).toBe('slug_invalid');
    expect(slugError('kunden forum')).toBe('slug_invalid');
    expect(slugError('-kunden')).toBe('slug_invalid');
    expect(slugError('kunden-')).toBe('slug_invalid');
    expect(slugError('kun--den')).toBe('slug_invalid');
    expect(slugError('1kunden')).toBe('slug_invalid');
    expect(slugError('kündigen')).toBe('slug_invalid');
  });
  it('keeps the app’s own paths free', () => {
    expect(slugError('admin')).toBe('slug_reserved');
    expect(slugError('sign-in')).toBe('slug_reserved');
  });
});

describe('suggestSlug', () => {
  it('transliterates German names', () => {
    expect(suggestSlug('Kunden-Forum Süd')).toBe('kunden-forum-sued');
    expect(suggestSlug('Größe & Maß')).toBe('groesse-mass');
    expect(suggestSlug('  2026 Beta Club! ')).toBe('beta-club');
  });
  it('suggests only valid slugs or nothing usable (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (name) => {
        const suggestion = suggestSlug(name);
        fc.pre(suggestion.length >= SLUG_MIN_LENGTH);
        // Long enough suggestions may be reserved, but are never malformed.
        const messages = slugSchema.safeParse(suggestion).error?.issues.map((issue) => issue.message) ?? [];
        expect(messages).not.toContain('slug_invalid');
      }),
    );
  });
});

describe('create community input', () => {
  it('defaults an empty description and checks visibility', () => {
    const input = createCommunityInputSchema.parse({ slug: 'kunden', name: 'Kunden', visibility: 'public', defaultLocale: 'de' });
    expect(input.description).toBe('');
    const bad = createCommunityInputSchema.safeParse({ ...input, visibility: 'secret' });
    expect(bad.error?.issues[0]?.message).toBe('visibility_invalid');
  });
});
