import { describe, expect, it } from 'vitest';
import type { PolicyText } from '@quorum/domain/consent/policy-text';
import { inLocale } from './policy-versions';

const text = (version: number, locale: 'de' | 'en'): PolicyText => ({
  id: `${version}-${locale}`,
  communityId: null,
  document: 'terms',
  version,
  locale,
  body: `v${version} ${locale}`,
  bodyHash: '0'.repeat(64),
  publishedAt: new Date(2026, 0, version),
  publishedBy: null,
});

describe('inLocale', () => {
  it('keeps one text per version, in the reader language when there is one, newest first', () => {
    const texts = [text(1, 'en'), text(2, 'de'), text(2, 'en'), text(1, 'de'), text(3, 'en')];
    expect(inLocale(texts, 'de').map((t) => t.id)).toEqual(['3-en', '2-de', '1-de']);
    expect(inLocale(texts, 'en').map((t) => t.id)).toEqual(['3-en', '2-en', '1-en']);
  });
});
