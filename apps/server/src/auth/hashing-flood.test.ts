import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { createTestApp, failureOf, TEST_PASSWORD, TEST_PUBLIC_URL, tokenOf, type TestApp } from '../testing/test-app.js';
import { createPasswordHasher } from './passwords.js';
import { rateLimits } from './rate-limit.js';
import { issueSetupLink } from './setup-link.js';
import { createWorkQueue, type WorkQueue } from './work-queue.js';

/**
 * Issue 7.3: calls without an account must not make the server hash passwords on
 * demand. A full hashing queue stands in for "hashing would have happened": with it
 * held, anything that hashes answers BUSY at once, anything that checks first does not.
 */
describe.each(testDialects)('password-hashing floods on $name', (dialect) => {
  let app: TestApp;
  let queue: WorkQueue;
  let releaseQueue: () => void;

  beforeEach(async () => {
    queue = createWorkQueue({ concurrency: 1, maxWaiting: 0 });
    app = await createTestApp(await dialect.create(), { passwords: createPasswordHasher(queue) });
  });
  afterEach(async () => {
    releaseQueue?.();
    await app.close();
  });

  /** Occupies the only hashing slot until released. */
  const holdTheQueue = () => {
    const held = new Promise<void>((resolve) => (releaseQueue = resolve));
    void queue.run(() => held);
    expect(queue.stats()).toEqual({ running: 1, waiting: 0 });
  };
  const fakeToken = (n: number) => `fake${String(n).padStart(3, '0')}${'A'.repeat(36)}`;

  it('checks reset and setup links before hashing: bogus ones cost no hashing', async () => {
    holdTheQueue();
    const visitor = app.client();
    const reset = await failureOf(visitor.api.auth.resetPassword({ token: fakeToken(1), newPassword: 'a brand new secret' }));
    expect(reset.domainCode).toBe('TOKEN_INVALID');
    const setup = await failureOf(
      visitor.api.auth.completeSetup({ token: fakeToken(2), email: 'x@example.org', password: TEST_PASSWORD, displayName: 'X', locale: 'en' }),
    );
    expect(setup.domainCode).toBe('TOKEN_INVALID');
  });

  it('answers 503 BUSY at once when the hashing queue is full, and works again after', async () => {
    const member = await app.signedUp('busy@example.org');
    holdTheQueue();
    const busy = await failureOf(app.client().api.auth.signIn({ email: 'busy@example.org', password: TEST_PASSWORD }));
    expect(busy).toMatchObject({ code: 'SERVICE_UNAVAILABLE', domainCode: 'BUSY' });
    const change = await failureOf(member.api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new secret' }));
    expect(change.domainCode).toBe('BUSY');
    releaseQueue();
    // A busy answer was no guess: it did not count against the account.
    await expect(app.client().api.auth.signIn({ email: 'busy@example.org', password: TEST_PASSWORD })).resolves.toBeTruthy();
  });

  it('a real reset link still works, and is not used up by a busy server', async () => {
    await app.signedUp('real@example.org');
    await app.client().api.auth.requestPasswordReset({ email: 'real@example.org' });
    const token = tokenOf((await app.smtp.next('real@example.org')).links[0]!);
    holdTheQueue();
    expect((await failureOf(app.client().api.auth.resetPassword({ token, newPassword: 'a brand new secret' }))).domainCode).toBe('BUSY');
    releaseQueue();
    await expect(app.client().api.auth.resetPassword({ token, newPassword: 'a brand new secret' })).resolves.toEqual({ ok: true });
  });

  it('limits uses of reset and setup links per address', async () => {
    const flooder = app.client({ ip: '203.0.113.66' });
    for (let n = 0; n < rateLimits.passwordLinkPerIp.limit; n++) {
      const call =
        n % 2 === 0
          ? flooder.api.auth.resetPassword({ token: fakeToken(n), newPassword: 'a brand new secret' })
          : flooder.api.auth.completeSetup({ token: fakeToken(n), email: 'x@example.org', password: TEST_PASSWORD, displayName: 'X', locale: 'en' });
      expect((await failureOf(call)).domainCode).toBe('TOKEN_INVALID');
    }
    // Even a real link waits now, from this address.
    const setup = tokenOf(await issueSetupLink(app.db, app.services.clock, TEST_PUBLIC_URL, 'first-admin'));
    const limited = await failureOf(
      flooder.api.auth.completeSetup({ token: setup, email: 'root@example.org', password: TEST_PASSWORD, displayName: 'Root', locale: 'en' }),
    );
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', domainCode: 'RATE_LIMITED' });
  });
});
