import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { createTestApp, failureOf, type TestApp } from '../testing/test-app.js';
import { rateLimits } from './rate-limit.js';

/**
 * Limits per address must hold against one machine. An IPv6 subscriber (any small server)
 * gets a whole /64: 2^64 addresses to rotate through. Counted per address, every per-address
 * limit — sign-up, reset mails, links that set a password, sign-in — would be void.
 */
describe.each(testDialects)('limits per address on $name', (dialect) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create());
  });
  afterEach(() => app.close());

  const resetFrom = (ip: string, n: number) =>
    app.client({ ip }).api.auth.requestPasswordReset({ email: `nobody-${n}@example.org` });

  it('counts every address of one IPv6 /64 as one', async () => {
    const limit = rateLimits.passwordResetPerIp.limit;
    for (let n = 0; n < limit; n++) await resetFrom(`2001:db8:7:42::${(n + 1).toString(16)}`, n);
    expect((await failureOf(resetFrom('2001:db8:7:42:dead:beef:0:1', limit))).domainCode).toBe('RATE_LIMITED');
    // The same network written out in full, and the next /64, which is someone else's.
    expect((await failureOf(resetFrom('2001:0db8:0007:0042:0000:0000:0000:00ff', limit + 1))).domainCode).toBe('RATE_LIMITED');
    await expect(resetFrom('2001:db8:7:43::1', limit + 2)).resolves.toEqual({ ok: true });
  });

  it('counts an IPv4 client the same whether the socket shows it mapped into IPv6 or not', async () => {
    const limit = rateLimits.passwordResetPerIp.limit;
    for (let n = 0; n < limit; n++) await resetFrom(n % 2 === 0 ? '203.0.113.9' : '::ffff:203.0.113.9', n);
    expect((await failureOf(resetFrom('::ffff:203.0.113.9', limit))).domainCode).toBe('RATE_LIMITED');
    await expect(resetFrom('203.0.113.10', limit + 1)).resolves.toEqual({ ok: true });
  });
});

describe.each(testDialects)('sign-ups per address on $name', (dialect) => {
  let app: TestApp;
  afterEach(() => app.close());

  it('admits as many new accounts from one address as SIGN_UPS_PER_ADDRESS_PER_HOUR says, then refuses', async () => {
    app = await createTestApp(await dialect.create(), { env: { SIGN_UPS_PER_ADDRESS_PER_HOUR: '3' } });
    const agreements = await app.agreements();
    const signUp = (ip: string, n: number) =>
      app.client({ ip }).api.auth.signUp({ email: `guest-${n}@example.org`, password: 'correct horse battery staple', displayName: `Guest ${n}`, locale: 'de', ...agreements });
    for (let n = 0; n < 3; n++) await signUp('198.51.100.7', n);
    const refused = await failureOf(signUp('198.51.100.7', 3));
    expect(refused.domainCode).toBe('RATE_LIMITED');
    expect(await app.db.repositories.accounts.findByEmail('guest-3@example.org')).toBeNull();
    // Another address is not held back.
    await expect(signUp('198.51.100.8', 4)).resolves.toMatchObject({ email: 'guest-4@example.org' });
  });
});
