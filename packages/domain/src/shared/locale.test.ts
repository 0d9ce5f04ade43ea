import { describe, expect, it } from 'vitest';
import { resolveLocale } from './locale.js';

describe('resolveLocale', () => {
  it('prefers the saved choice over everything else', () => {
    expect(resolveLocale({ saved: 'de', switched: 'en', browser: ['en-US'], communityDefault: 'en' })).toBe('de');
  });
  it('takes the switch when nothing is saved', () => {
    expect(resolveLocale({ saved: null, switched: 'de', browser: ['en-US'] })).toBe('de');
  });
  it('takes the first supported browser language, by its base tag', () => {
    expect(resolveLocale({ browser: ['fr-FR', 'de-AT', 'en'] })).toBe('de');
  });
  it('falls back to the community default, then English', () => {
    expect(resolveLocale({ browser: ['fr'], communityDefault: 'de' })).toBe('de');
    expect(resolveLocale({})).toBe('en');
  });
  it('ignores unsupported saved values', () => {
    expect(resolveLocale({ saved: 'xx', switched: 'fr', browser: ['EN-gb'] })).toBe('en');
  });
});
