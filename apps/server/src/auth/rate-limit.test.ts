import { describe, expect, it } from 'vitest';
import { DomainError } from '@quorum/domain/shared/domain-error';
import { createMemoryRateLimiter, rateLimitAddress, rateLimits, slowdownPause, takeAll, type RateLimitRule } from './rate-limit.js';

const rule = { name: 'test', limit: 3, windowMs: 60_000 };
const slowed: RateLimitRule = { name: 'slowed', limit: 2, windowMs: 3_600_000, slowdown: { baseDelayMs: 1_000, maxDelayMs: 8_000 } };
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const admitted = async (promise: ReturnType<ReturnType<typeof createMemoryRateLimiter>['take']>) => (await promise).admitted;

describe('memory rate limiter', () => {
  it('allows the limit within a sliding window, then refuses and says until when', async () => {
    const limiter = createMemoryRateLimiter();
    expect(await admitted(limiter.take(rule, 'k', at(0)))).toBe(true);
    expect(await admitted(limiter.take(rule, 'k', at(20_000)))).toBe(true);
    expect(await admitted(limiter.take(rule, 'k', at(40_000)))).toBe(true);
    expect(await limiter.take(rule, 'k', at(59_999))).toEqual({ admitted: false, retryAfterMs: 1 });
    // The first attempt leaves the window: one slot frees up.
    expect(await admitted(limiter.take(rule, 'k', at(60_001)))).toBe(true);
    expect(await limiter.take(rule, 'k', at(60_002))).toEqual({ admitted: false, retryAfterMs: 19_998 });
  });

  it('decides and counts in one step: of 100 attempts at once, exactly the limit get through', async () => {
    const limiter = createMemoryRateLimiter();
    const results = await Promise.all(Array.from({ length: 100 }, () => limiter.take(rule, 'k', at(0))));
    expect(results.filter((result) => result.admitted)).toHaveLength(3);
  });

  it('gives an attempt back on release, and only that one', async () => {
    const limiter = createMemoryRateLimiter();
    const first = await limiter.take(rule, 'k', at(0));
    await limiter.take(rule, 'k', at(1));
    await limiter.take(rule, 'k', at(2));
    expect(await admitted(limiter.take(rule, 'k', at(3)))).toBe(false);
    if (!first.admitted) throw new Error('expected the first attempt to be admitted');
    await first.release();
    await first.release(); // a second release changes nothing
    expect(await admitted(limiter.take(rule, 'k', at(4)))).toBe(true);
    expect(await admitted(limiter.take(rule, 'k', at(5)))).toBe(false);
  });

  it('slows a key down with doubling pauses instead of shutting it', async () => {
    const limiter = createMemoryRateLimiter();
    expect(await admitted(limiter.take(slowed, 'k', at(0)))).toBe(true);
    expect(await admitted(limiter.take(slowed, 'k', at(0)))).toBe(true);
    // Past the limit: 1 s after the last attempt, then 2 s, 4 s, and 8 s at most.
    expect(await limiter.take(slowed, 'k', at(500))).toEqual({ admitted: false, retryAfterMs: 500 });
    expect(await admitted(limiter.take(slowed, 'k', at(1_000)))).toBe(true);
    expect(await limiter.take(slowed, 'k', at(2_000))).toEqual({ admitted: false, retryAfterMs: 1_000 });
    expect(await admitted(limiter.take(slowed, 'k', at(3_000)))).toBe(true);
    expect(await admitted(limiter.take(slowed, 'k', at(6_999)))).toBe(false);
    expect(await admitted(limiter.take(slowed, 'k', at(7_000)))).toBe(true);
    let time = 7_000;
    for (let round = 0; round < 5; round++) {
      time += 8_000;
      expect(await admitted(limiter.take(slowed, 'k', at(time - 1)))).toBe(false);
      expect(await admitted(limiter.take(slowed, 'k', at(time)))).toBe(true);
    }
    expect(slowdownPause(slowed, 1_000)).toBe(8_000);
  });

  it('counts keys and rules separately', async () => {
    const limiter = createMemoryRateLimiter();
    for (let i = 0; i < 3; i++) await limiter.take(rule, 'a', at(0));
    expect(await admitted(limiter.take(rule, 'b', at(0)))).toBe(true);
    expect(await admitted(limiter.take({ ...rule, name: 'other' }, 'a', at(0)))).toBe(true);
  });

  it('forgets the key used longest ago beyond its capacity, never a busy one', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 2 });
    await limiter.take(rule, 'first', at(0));
    await limiter.take(rule, 'second', at(0));
    await limiter.take(rule, 'third', at(0));
    // 'first' was forgotten: three attempts again.
    for (let i = 0; i < 3; i++) expect(await admitted(limiter.take(rule, 'first', at(0)))).toBe(true);
    // A key at its limit is passed over: 'third' goes, 'first' stays refused.
    await limiter.take(rule, 'fourth', at(0));
    expect(await admitted(limiter.take(rule, 'first', at(0)))).toBe(false);

    // A key under attack keeps being used, so a flood of new keys pushes out the others.
    const busy = createMemoryRateLimiter({ maxKeys: 2 });
    for (let i = 0; i < 3; i++) await busy.take(rule, 'victim', at(i));
    for (let n = 0; n < 10; n++) {
      await busy.take(rule, `junk-${n}`, at(10 + n));
      expect(await admitted(busy.take(rule, 'victim', at(10 + n)))).toBe(false);
    }
  });

  it('keeps a slowed-down account slowed while a flood of new keys (rotated addresses) fills its memory', async () => {
    // The attacker guesses until the account is slowed down, then, during the pause, sends
    // cheap requests from as many addresses as the limiter holds keys (an IPv6 /64 has
    // plenty): were the account's key forgotten, its slowdown would start from zero.
    const limiter = createMemoryRateLimiter({ maxKeys: 1_000 });
    const account = rateLimits.signInPerAccount;
    for (let i = 0; i < account.limit; i++) await limiter.take(account, 'victim@example.org', at(i));
    // Slowed down: the next guess must wait a second after the last.
    expect(await admitted(limiter.take(account, 'victim@example.org', at(100)))).toBe(false);
    for (let n = 0; n < 1_000; n++) await limiter.take(rateLimits.passwordResetPerIp, `2001:db8::${n.toString(16)}`, at(200));
    expect(await admitted(limiter.take(account, 'victim@example.org', at(300)))).toBe(false);
    // Nor do single failures at as many other accounts push it out.
    for (let n = 0; n < 1_000; n++) await limiter.take(account, `nobody-${n}@example.org`, at(400));
    expect(await admitted(limiter.take(account, 'victim@example.org', at(500)))).toBe(false);
  });
});

describe('taking several rules at once', () => {
  it('gives back what it took when a later rule refuses, with the time to wait', async () => {
    const limiter = createMemoryRateLimiter();
    const full = { name: 'full', limit: 1, windowMs: 10_000 };
    await limiter.take(full, 'x', at(0));
    const failure = await takeAll(limiter, [[rule, 'a'], [full, 'x']], at(2_500)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 8 } });
    // The attempt under the first rule was given back: all three slots are free.
    for (let i = 0; i < 3; i++) expect(await admitted(limiter.take(rule, 'a', at(3_000)))).toBe(true);
  });

  it('returns one release for all the attempts it took', async () => {
    const limiter = createMemoryRateLimiter();
    const release = await takeAll(limiter, [[rule, 'a'], [rule, 'b']], at(0));
    await release();
    for (const key of ['a', 'b']) {
      for (let i = 0; i < 3; i++) expect(await admitted(limiter.take(rule, key, at(1)))).toBe(true);
    }
  });
});

describe('the address limits count under', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:7:42::1', '2001:db8:7:42::/64'],
    ['2001:0DB8:0007:0042:dead:beef:0:1', '2001:db8:7:42::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
    ['1:2:3:4:5:6:7::', '1:2:3:4::/64'],
    // Not an IPv6 address we can read: counted as given, never merged with others.
    ['1::2::3', '1::2::3'],
    ['1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8:9'],
    ['64:ff9b::192.0.2.1', '64:ff9b::192.0.2.1'],
    ['unknown', 'unknown'],
  ])('%s → %s', (ip, key) => {
    expect(rateLimitAddress(ip)).toBe(key);
  });
});
