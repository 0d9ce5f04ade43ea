import { describe, expect, it } from 'vitest';
import { DAY, fixedClock } from './clock.js';

describe('fixedClock', () => {
  it('stands still until moved, and hands out copies', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const first = clock.now();
    first.setFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(DAY);
    expect(clock.now().toISOString()).toBe('2026-01-02T00:00:00.000Z');
    clock.set('2027-05-05T12:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-05-05T12:00:00.000Z');
  });
});
