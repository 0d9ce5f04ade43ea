import { describe, expect, it } from 'vitest';
import { safeNext } from './use-session';

const origin = 'https://quorum.example';

describe('where to go after signing in', () => {
  it.each(['/c/kundenforum', '/c/kundenforum/members?search=m%C3%BCller', '/'])('keeps a path of ours: %s', (next) => {
    expect(safeNext(next)).toBe(next);
  });

  // Browsers read a backslash as a slash in http(s) URLs: "/\evil.example" is "//evil.example".
  it.each(['//evil.example', '/\\evil.example', '/\\/evil.example', '\\\\evil.example', 'https://evil.example', '/\t/evil.example', null])(
    'never leaves the site: %s',
    (next) => {
      expect(new URL(safeNext(next), origin).origin).toBe(origin);
    },
  );
});
