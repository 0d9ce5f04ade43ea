import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { createTestApp, failureOf, TEST_PASSWORD, TEST_PUBLIC_URL, tokenOf, type SignUpAgreements, type TestApp } from '../testing/test-app.js';
import { issueOneTimeToken } from './one-time-tokens.js';
import { rateLimits } from './rate-limit.js';
import { issueSetupLink } from './setup-link.js';

/** Issue 7, items 2, 4 and 7: ways to take or probe accounts through links and mails. */
describe.each(testDialects)('account takeover attempts on $name', (dialect) => {
  let app: TestApp;
  let agreements: SignUpAgreements;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create());
    agreements = await app.agreements();
  });
  afterEach(() => app.close());

  const linkIn = async (to: string, path: string) => {
    const mail = await app.smtp.next(to);
    const link = mail.links.find((href) => href.startsWith(`${TEST_PUBLIC_URL}${path}`));
    if (!link) throw new Error(`no ${path} link in the mail to ${to}`);
    return tokenOf(link);
  };

  describe('pre-hijack (7.2)', () => {
    it('a password reset kills the email change an attacker left pending on a pre-registered account', async () => {
      // The attacker registers the victim's address and asks to move the account to their own.
      const attacker = app.client();
      await attacker.api.auth.signUp({ email: 'victim@example.org', password: 'attacker secret 1', displayName: 'V', locale: 'en', ...agreements });
      await app.smtp.next('victim@example.org'); // the verification mail the victim ignores
      await attacker.api.account.requestEmailChange({ currentPassword: 'attacker secret 1', newEmail: 'attacker@example.org' });
      const pendingChange = await linkIn('attacker@example.org', '/confirm-email?token=');

      // The victim later "recovers" the account by resetting the password, and signs in.
      await app.client().api.auth.requestPasswordReset({ email: 'victim@example.org' });
      const reset = await linkIn('victim@example.org', '/reset-password?token=');
      await app.client().api.auth.resetPassword({ token: reset, newPassword: 'the victims own secret' });
      const victim = app.client();
      await victim.api.auth.signIn({ email: 'victim@example.org', password: 'the victims own secret' });

      // The attacker's link is dead: the account stays the victim's.
      expect((await failureOf(app.client().api.account.confirmEmailChange({ token: pendingChange }))).domainCode).toBe('TOKEN_INVALID');
      expect((await attacker.api.auth.me()).account).toBeNull();
      expect((await victim.api.auth.me()).account?.email).toBe('victim@example.org');
    });

    it('a password change kills pending email changes and reset links too', async () => {
      const member = await app.signedUp('changer@example.org');
      await member.api.account.requestEmailChange({ currentPassword: TEST_PASSWORD, newEmail: 'elsewhere@example.org' });
      const pendingChange = await linkIn('elsewhere@example.org', '/confirm-email?token=');
      await app.client().api.auth.requestPasswordReset({ email: 'changer@example.org' });
      const pendingReset = await linkIn('changer@example.org', '/reset-password?token=');

      await member.api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new secret' });
      expect((await failureOf(member.api.account.confirmEmailChange({ token: pendingChange }))).domainCode).toBe('TOKEN_INVALID');
      const reset = await failureOf(app.client().api.auth.resetPassword({ token: pendingReset, newPassword: 'attackers choice 1' }));
      expect(reset.domainCode).toBe('TOKEN_INVALID');
    });

    it('an email change ends the other sessions, kills reset links for the old address, and tells the old address', async () => {
      const here = await app.signedUp('before@example.org');
      const elsewhere = app.client();
      await elsewhere.api.auth.signIn({ email: 'before@example.org', password: TEST_PASSWORD });
      await app.client().api.auth.requestPasswordReset({ email: 'before@example.org' });
      const pendingReset = await linkIn('before@example.org', '/reset-password?token=');

      await here.api.account.requestEmailChange({ currentPassword: TEST_PASSWORD, newEmail: 'after@example.org' });
      await here.api.account.confirmEmailChange({ token: await linkIn('after@example.org', '/confirm-email?token=') });

      expect((await here.api.auth.me()).account?.email).toBe('after@example.org');
      expect((await elsewhere.api.auth.me()).account).toBeNull();
      const reset = await failureOf(app.client().api.auth.resetPassword({ token: pendingReset, newPassword: 'attackers choice 1' }));
      expect(reset.domainCode).toBe('TOKEN_INVALID');
      const notice = await app.smtp.next('before@example.org');
      expect(notice.subject).toBe('The email address of your Quorum account was changed');
      expect(notice.body).toContain('now uses the address after@example.org');
    });
  });

  describe('setup links (7.4)', () => {
    const setupInput = (token: string, email: string) => ({ token, email, password: TEST_PASSWORD, displayName: 'Root', locale: 'en' as const });
    const issue = (kind: 'first-admin' | 'another-admin') => issueSetupLink(app.db, app.services.clock, TEST_PUBLIC_URL, kind).then(tokenOf);

    it('a new link revokes the older ones', async () => {
      const first = await issue('first-admin');
      const second = await issue('first-admin');
      expect((await failureOf(app.client().api.auth.completeSetup(setupInput(first, 'one@example.org')))).domainCode).toBe('TOKEN_INVALID');
      await expect(app.client().api.auth.completeSetup(setupInput(second, 'two@example.org'))).resolves.toMatchObject({ isInstanceAdmin: true });
      expect(await app.db.repositories.accounts.countInstanceAdmins()).toBe(1);
    });

    it('a first-admin link makes no admin once one exists; `quorum admin create` links still do', async () => {
      // Two processes starting at the same moment both found no admin and printed a link;
      // neither saw the other's to revoke it (here: the twin written straight to the table).
      const printed = await issue('first-admin');
      const twin = await issueOneTimeToken(app.db.repositories.tokens, app.services.clock.now(), 'setup', null);
      await app.client().api.auth.completeSetup(setupInput(printed, 'root@example.org'));
      const refused = await failureOf(app.client().api.auth.completeSetup(setupInput(twin, 'second@example.org')));
      expect(refused).toMatchObject({ code: 'CONFLICT', domainCode: 'SETUP_ALREADY_DONE' });
      expect(await app.db.repositories.accounts.findByEmail('second@example.org')).toBeNull();
      expect(await app.db.repositories.accounts.countInstanceAdmins()).toBe(1);

      const fromCli = await issue('another-admin');
      await expect(app.client().api.auth.completeSetup(setupInput(fromCli, 'another@example.org'))).resolves.toMatchObject({ isInstanceAdmin: true });
      expect(await app.db.repositories.accounts.countInstanceAdmins()).toBe(2);
    });
  });

  describe('email oracle (7.7)', () => {
    it('answers an email change alike whether the address is taken or free, and tells the holder', async () => {
      const prober = await app.signedUp('prober@example.org');
      await app.signedUp('registered@example.org');
      await expect(
        prober.api.account.requestEmailChange({ currentPassword: TEST_PASSWORD, newEmail: 'registered@example.org' }),
      ).resolves.toEqual({ ok: true });
      await expect(prober.api.account.requestEmailChange({ currentPassword: TEST_PASSWORD, newEmail: 'free@example.org' })).resolves.toEqual({
        ok: true,
      });

      const notice = await app.smtp.next('registered@example.org');
      expect(notice.subject).toBe('Someone tried to use your address for Quorum');
      expect(notice.links).toEqual([`${TEST_PUBLIC_URL}/forgot-password`]);
      expect((await app.smtp.next('free@example.org')).subject).toBe('Confirm your new email address for Quorum');
      expect((await prober.api.auth.me()).account?.email).toBe('prober@example.org');
    });

    it('counts probes of taken and free addresses alike against the mail limit', async () => {
      const prober = await app.signedUp('counter@example.org');
      await app.signedUp('holder@example.org');
      for (let n = 0; n < rateLimits.mailPerAccount.limit; n++) {
        const newEmail = n % 2 === 0 ? 'holder@example.org' : `free-${n}@example.org`;
        await prober.api.account.requestEmailChange({ currentPassword: TEST_PASSWORD, newEmail });
      }
      for (const newEmail of ['holder@example.org', 'free-x@example.org']) {
        const limited = await failureOf(prober.api.account.requestEmailChange({ currentPassword: TEST_PASSWORD, newEmail }));
        expect(limited.domainCode).toBe('RATE_LIMITED');
      }
    });
  });
});
