import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '@quorum/domain/shared/clock';
import { testDialects } from '@quorum/db/testing';
import { createTestApp, failureOf, TEST_PASSWORD, type TestApp } from '../testing/test-app.js';
import { rateLimits } from './rate-limit.js';

/**
 * Issue 6.4 and 7.5: sign-in limits slow guessing down, count every guess before the
 * password is checked, and never let an attacker lock a member out.
 */
describe.each(testDialects)('sign-in limits on $name', (dialect) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create());
  });
  afterEach(() => app.close());

  const guess = (ip: string, email: string, password: string) => failureOf(app.client({ ip }).api.auth.signIn({ email, password }));
  const outcomes = (results: { domainCode: string | null }[]) => {
    const count: Record<string, number> = {};
    for (const { domainCode } of results) count[domainCode ?? 'none'] = (count[domainCode ?? 'none'] ?? 0) + 1;
    return count;
  };

  it('10 failures from one address do not stop the member signing in from another', async () => {
    await app.signedUp('target@example.org');
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await guess('203.0.113.1', 'target@example.org', `guess-${attempt}`)).domainCode).toBe('INVALID_CREDENTIALS');
    }
    // That address is done with this account for now, and is told for how long…
    const refused = await guess('203.0.113.1', 'target@example.org', TEST_PASSWORD);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', domainCode: 'RATE_LIMITED' });
    expect(refused.details).toEqual({ retryAfterSeconds: 15 * 60 });
    // …while the member, elsewhere, signs in at once.
    await expect(app.client({ ip: '198.18.0.1' }).api.auth.signIn({ email: 'target@example.org', password: TEST_PASSWORD })).resolves.toMatchObject({
      email: 'target@example.org',
    });
  });

  it('100 parallel guesses from 100 addresses: no more than the account limit are checked', async () => {
    await app.signedUp('parallel@example.org');
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, n) => guess(`203.0.113.${n + 1}`, 'parallel@example.org', `guess-${n}`)),
    );
    expect(outcomes(results)).toEqual({ INVALID_CREDENTIALS: rateLimits.signInPerAccount.limit, RATE_LIMITED: 100 - rateLimits.signInPerAccount.limit });
  });

  it('100 parallel guesses from one address: no more than the address+account limit are checked', async () => {
    await app.signedUp('one-source@example.org');
    const results = await Promise.all(Array.from({ length: 100 }, (_, n) => guess('203.0.113.77', 'one-source@example.org', `guess-${n}`)));
    expect(outcomes(results)).toEqual({ INVALID_CREDENTIALS: rateLimits.signInPerIpAndAccount.limit, RATE_LIMITED: 90 });
  });

  it('a distributed attack slows the account down with growing pauses, but never shuts it', async () => {
    await app.signedUp('slowed@example.org');
    const limit = rateLimits.signInPerAccount.limit;
    for (let n = 0; n < limit; n++) await guess(`203.0.113.${n + 1}`, 'slowed@example.org', `guess-${n}`);
    // Past the limit, each guess must wait 1 s, 2 s, 4 s … after the previous one.
    const pauses: number[] = [];
    for (let n = 0; n < 4; n++) {
      const refused = await guess(`198.18.1.${n + 1}`, 'slowed@example.org', 'wrong');
      expect(refused.domainCode).toBe('RATE_LIMITED');
      const seconds = (refused.details as { retryAfterSeconds: number }).retryAfterSeconds;
      pauses.push(seconds);
      app.services.clock.advance(seconds * 1000);
      expect((await guess(`198.18.2.${n + 1}`, 'slowed@example.org', 'wrong')).domainCode).toBe('INVALID_CREDENTIALS');
    }
    expect(pauses).toEqual([1, 2, 4, 8]);
    // The member, from a new browser, waits as long as the attacker, then gets in.
    const refused = await failureOf(app.client().api.auth.signIn({ email: 'slowed@example.org', password: TEST_PASSWORD }));
    const wait = (refused.details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBe(16);
    app.services.clock.advance(wait * 1000);
    await expect(app.client().api.auth.signIn({ email: 'slowed@example.org', password: TEST_PASSWORD })).resolves.toBeTruthy();
  });

  it('a browser that signed in before is not held back by failures from elsewhere', async () => {
    const member = await app.signedUp('known@example.org');
    expect(member.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await member.api.auth.signOut();
    expect(member.deviceToken).not.toBeNull(); // signing out keeps the browser known

    await Promise.all(Array.from({ length: 100 }, (_, n) => guess(`203.0.113.${n + 1}`, 'known@example.org', `guess-${n}`)));
    expect((await failureOf(app.client().api.auth.signIn({ email: 'known@example.org', password: TEST_PASSWORD }))).domainCode).toBe(
      'RATE_LIMITED',
    );
    // The member's browser, now on another network, signs in at once.
    const travelling = app.client({ ip: '198.18.9.9', deviceToken: member.deviceToken });
    await expect(travelling.api.auth.signIn({ email: 'known@example.org', password: TEST_PASSWORD })).resolves.toMatchObject({
      email: 'known@example.org',
    });
    // A device cookie made up by the attacker is just another unknown browser.
    const forged = app.client({ deviceToken: 'f'.repeat(43) });
    expect((await failureOf(forged.api.auth.signIn({ email: 'known@example.org', password: TEST_PASSWORD }))).domainCode).toBe('RATE_LIMITED');
  });

  it('a known browser is known to its account only, and limited by its own failures', async () => {
    const member = await app.signedUp('own@example.org');
    await app.signedUp('other@example.org');
    // Known to own@, not to other@: there it counts as any browser from its address.
    const browser = app.client({ ip: '203.0.113.50', deviceToken: member.deviceToken });
    for (let n = 0; n < 10; n++) await failureOf(browser.api.auth.signIn({ email: 'other@example.org', password: `guess-${n}` }));
    expect((await failureOf(browser.api.auth.signIn({ email: 'other@example.org', password: TEST_PASSWORD }))).domainCode).toBe('RATE_LIMITED');

    for (let n = 0; n < 10; n++) {
      expect((await failureOf(browser.api.auth.signIn({ email: 'own@example.org', password: `guess-${n}` }))).domainCode).toBe('INVALID_CREDENTIALS');
    }
    expect((await failureOf(browser.api.auth.signIn({ email: 'own@example.org', password: TEST_PASSWORD }))).domainCode).toBe('RATE_LIMITED');
    app.services.clock.advance(15 * MINUTE + 1);
    await expect(browser.api.auth.signIn({ email: 'own@example.org', password: TEST_PASSWORD })).resolves.toBeTruthy();
  });

  it('correct passwords do not count against anyone', async () => {
    await app.signedUp('regular@example.org');
    // New browsers each time, so the address+account rule (10) applies to every one.
    for (let n = 0; n < 15; n++) await app.client({ ip: '203.0.113.60' }).api.auth.signIn({ email: 'regular@example.org', password: TEST_PASSWORD });
    expect((await guess('203.0.113.60', 'regular@example.org', 'wrong')).domainCode).toBe('INVALID_CREDENTIALS');
  });

  it('limits all sign-in attempts per address, whichever account, but not a browser the account knows', async () => {
    const member = await app.signedUp('sprayed@example.org');
    for (let attempt = 0; attempt < rateLimits.signInPerIp.limit; attempt++) {
      await guess('203.0.113.9', `spray-${attempt}@example.org`, 'x');
    }
    expect((await guess('203.0.113.9', 'sprayed@example.org', TEST_PASSWORD)).domainCode).toBe('RATE_LIMITED');
    // The member shares the sprayer's address (one NAT), from a browser that signed in before.
    const behindTheSameNat = app.client({ ip: '203.0.113.9', deviceToken: member.deviceToken });
    await expect(behindTheSameNat.api.auth.signIn({ email: 'sprayed@example.org', password: TEST_PASSWORD })).resolves.toBeTruthy();
  });

  it('wrong current passwords while signed in count against the account, not its sign-in', async () => {
    const member = await app.signedUp('reauth@example.org');
    for (let n = 0; n < 10; n++) {
      const wrong = await failureOf(member.api.account.changePassword({ currentPassword: `guess-${n}`, newPassword: 'a brand new secret' }));
      expect(wrong.domainCode).toBe('INVALID_CREDENTIALS');
    }
    expect((await failureOf(member.api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new secret' }))).domainCode).toBe(
      'RATE_LIMITED',
    );
    await expect(app.client().api.auth.signIn({ email: 'reauth@example.org', password: TEST_PASSWORD })).resolves.toBeTruthy();
  });
});
