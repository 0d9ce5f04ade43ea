import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './rate-limit.js';

const rule = { name: 'test', limit: 3, windowMs: 60_000 };
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe('memory rate limiter', () => {
  it('allows the limit within a sliding window, then refuses', async () => {
    const limiter = createMemoryRateLimiter();
    expect(await limiter.hit(rule, 'k', at(0))).toBe(true);
    expect(await limiter.hit(rule, 'k', at(20_000))).toBe(true);
    expect(await limiter.hit(rule, 'k', at(40_000))).toBe(true);
    expect(await limiter.isLimited(rule, 'k', at(40_000))).toBe(true);
    expect(await limiter.hit(rule, 'k', at(59_999))).toBe(false);
    // The first hit leaves the window: one slot frees up.
    expect(await limiter.hit(rule, 'k', at(60_001))).toBe(true);
    expect(await limiter.hit(rule, 'k', at(60_002))).toBe(false);
  });

  it('counts keys and rules separately', async () => {
    const limiter = createMemoryRateLimiter();
    for (let i = 0; i < 3; i++) await limiter.hit(rule, 'a', at(0));
    expect(await limiter.hit(rule, 'b', at(0))).toBe(true);
    expect(await limiter.hit({ ...rule, name: 'other' }, 'a', at(0))).toBe(true);
  });

  it('forgets the oldest keys beyond its capacity', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 2 });
    for (let i = 0; i < 3; i++) await limiter.hit(rule, 'first', at(0));
    await limiter.hit(rule, 'second', at(0));
    await limiter.hit(rule, 'third', at(0));
    expect(await limiter.isLimited(rule, 'first', at(0))).toBe(false);
  });
});
