import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionPolicy } from '@quorum/domain/accounts/session-policy';
import { MINUTE } from '@quorum/domain/shared/clock';
import { testDialects } from '@quorum/db/testing';
import { hashToken } from '../auth/tokens.js';
import { createTestApp, failureOf, TEST_PASSWORD, TEST_PUBLIC_URL, tokenOf, type SignUpAgreements, type TestApp } from '../testing/test-app.js';

describe.each(testDialects)('auth and account flows on $name', (dialect) => {
  let app: TestApp;
  let agreements: SignUpAgreements;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create());
    agreements = await app.agreements();
  });
  afterEach(() => app.close());

  const signUpInput = (email: string, password = TEST_PASSWORD) => ({
    email,
    password,
    displayName: 'Ada',
    locale: 'en' as const,
    ...agreements,
  });

  it('signs up, signs in with a session, mails a working verification link', async () => {
    const browser = app.client();
    const account = await browser.api.auth.signUp(signUpInput(' Ada@Example.org '));
    expect(account).toMatchObject({ email: 'ada@example.org', emailVerified: false, isInstanceAdmin: false });
    expect(browser.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const me = await browser.api.auth.me();
    expect(me.account?.id).toBe(account.id);
    expect(me.canCreateCommunities).toBe(false);

    const mail = await app.smtp.next('ada@example.org');
    expect(mail.subject).toBe('Confirm your email address for Quorum');
    const link = mail.links.find((href) => href.startsWith(`${TEST_PUBLIC_URL}/verify-email?token=`));
    expect(link).toBeDefined();

    // The link works in any browser, signed in or not, and only once.
    await expect(app.client().api.auth.verifyEmail({ token: tokenOf(link!) })).resolves.toEqual({ ok: true });
    expect((await browser.api.auth.me()).account?.emailVerified).toBe(true);
    expect((await failureOf(app.client().api.auth.verifyEmail({ token: tokenOf(link!) }))).domainCode).toBe('TOKEN_INVALID');
  });

  it('stores only hashes of session tokens', async () => {
    const browser = await app.signedUp('hash@example.org');
    const rows = await app.db.kysely.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(browser.sessionToken);
    expect(await app.db.repositories.sessions.findByTokenHash(hashToken(browser.sessionToken!))).not.toBeNull();
  });

  it('mails in the recipient\'s language', async () => {
    await app.client().api.auth.signUp({ ...signUpInput('bert@example.org'), locale: 'de' });
    const mail = await app.smtp.next('bert@example.org');
    expect(mail.subject).toBe('Bestätige deine E-Mail-Adresse für Quorum');
    expect(mail.body).toContain('Hallo „Ada“,');
  });

  it('refuses a duplicate email, also in other spelling', async () => {
    await app.signedUp('dup@example.org');
    const failure = await failureOf(app.client().api.auth.signUp(signUpInput('DUP@example.org')));
    expect(failure).toMatchObject({ code: 'CONFLICT', domainCode: 'EMAIL_TAKEN' });
  });

  it.each([
    ['short', 'kurz', 'password_too_short'],
    ['over-long', 'x'.repeat(129), 'password_too_long'],
    ['common', 'password123', 'password_too_common'],
  ])('refuses a %s password with its validation key', async (_label, password, key) => {
    const failure = await failureOf(app.client().api.auth.signUp(signUpInput('weak@example.org', password)));
    expect(failure).toMatchObject({ code: 'BAD_REQUEST', domainCode: 'VALIDATION' });
    expect(failure.issues).toContainEqual({ path: ['password'], message: key });
    expect(await app.db.repositories.accounts.findByEmail('weak@example.org')).toBeNull();
  });

  it('reports every bad field of a sign-up at once', async () => {
    const failure = await failureOf(
      app.client().api.auth.signUp({ email: 'not-an-email', password: 'x', displayName: '', locale: 'fr' as 'en', ...agreements }),
    );
    expect(failure.issues?.map((issue) => issue.path[0]).sort()).toEqual(['displayName', 'email', 'locale', 'password']);
    expect(failure.issues).toContainEqual({ path: ['email'], message: 'email_invalid' });
  });

  it('refuses a display name with line breaks or control characters (issue 7.8)', async () => {
    for (const displayName of ['Ada\nYour account is suspended', 'Ada\u202Eevil']) {
      const failure = await failureOf(app.client().api.auth.signUp({ ...signUpInput('lines@example.org'), displayName }));
      expect(failure.issues).toEqual([{ path: ['displayName'], message: 'display_name_invalid' }]);
    }
    const member = await app.signedUp('renamer@example.org');
    const rename = await failureOf(member.api.account.update({ displayName: 'New\r\nName', locale: 'en' }));
    expect(rename.issues).toEqual([{ path: ['displayName'], message: 'display_name_invalid' }]);
  });

  it('signs in with a new token each time, and answers any mismatch alike', async () => {
    const first = await app.signedUp('sign@example.org');
    const second = app.client();
    await second.api.auth.signIn({ email: 'sign@example.org', password: TEST_PASSWORD });
    expect(second.sessionToken).not.toBe(first.sessionToken);
    expect((await second.api.auth.me()).account?.email).toBe('sign@example.org');

    const wrongPassword = await failureOf(app.client().api.auth.signIn({ email: 'sign@example.org', password: 'nope-nope' }));
    const unknownEmail = await failureOf(app.client().api.auth.signIn({ email: 'nobody@example.org', password: 'nope-nope' }));
    expect(wrongPassword).toMatchObject({ code: 'UNAUTHORIZED', domainCode: 'INVALID_CREDENTIALS' });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it('signing in again in the same browser ends the previous session', async () => {
    const browser = await app.signedUp('again@example.org');
    const before = browser.sessionToken!;
    await browser.api.auth.signIn({ email: 'again@example.org', password: TEST_PASSWORD });
    expect(await app.db.repositories.sessions.findByTokenHash(hashToken(before))).toBeNull();
  });

  it('signs out on the server: the old token is worthless afterwards', async () => {
    const browser = await app.signedUp('out@example.org');
    const token = browser.sessionToken;
    await browser.api.auth.signOut();
    expect(browser.sessionToken).toBeNull();
    browser.sessionToken = token; // a replayed cookie
    expect((await browser.api.auth.me()).account).toBeNull();
    expect((await failureOf(browser.api.auth.resendVerification())).domainCode).toBe('UNAUTHENTICATED');
  });

  it('ends sessions after the idle timeout and after the absolute timeout', async () => {
    const idle = await app.signedUp('idle@example.org');
    app.services.clock.advance(sessionPolicy.idleTimeoutMs + MINUTE);
    expect((await idle.api.auth.me()).account).toBeNull();

    const busy = await app.signedUp('busy@example.org');
    // Used every day, but still over after the absolute lifetime.
    for (let day = 0; day < sessionPolicy.absoluteTimeoutMs / sessionPolicy.idleTimeoutMs + 1; day++) {
      app.services.clock.advance(sessionPolicy.idleTimeoutMs - MINUTE);
      await busy.api.auth.me();
    }
    expect((await busy.api.auth.me()).account).toBeNull();
  });

  it('refuses signed-in procedures without a session', async () => {
    const visitor = app.client();
    for (const call of [
      visitor.api.auth.resendVerification(),
      visitor.api.account.update({ displayName: 'X', locale: 'en' }),
      visitor.api.account.changePassword({ currentPassword: 'a', newPassword: 'another long password' }),
      visitor.api.account.requestEmailChange({ currentPassword: 'a', newEmail: 'x@example.org' }),
    ]) {
      expect(await failureOf(call)).toMatchObject({ code: 'UNAUTHORIZED', domainCode: 'UNAUTHENTICATED' });
    }
  });

  it('resets a password through the mailed link, ending every session', async () => {
    const browser = await app.signedUp('reset@example.org');
    await expect(app.client().api.auth.requestPasswordReset({ email: 'reset@example.org' })).resolves.toEqual({ ok: true });
    // Unknown addresses get the same answer, and no mail.
    await expect(app.client().api.auth.requestPasswordReset({ email: 'ghost@example.org' })).resolves.toEqual({ ok: true });

    const mail = await app.smtp.next('reset@example.org');
    const link = mail.links.find((href) => href.startsWith(`${TEST_PUBLIC_URL}/reset-password?token=`))!;
    await app.client().api.auth.resetPassword({ token: tokenOf(link), newPassword: 'a brand new secret' });

    expect((await browser.api.auth.me()).account).toBeNull();
    await expect(
      app.client().api.auth.signIn({ email: 'reset@example.org', password: 'a brand new secret' }),
    ).resolves.toMatchObject({ email: 'reset@example.org', emailVerified: true });
    expect((await failureOf(app.client().api.auth.signIn({ email: 'reset@example.org', password: TEST_PASSWORD }))).domainCode).toBe(
      'INVALID_CREDENTIALS',
    );
    const reused = await failureOf(app.client().api.auth.resetPassword({ token: tokenOf(link), newPassword: 'yet another secret' }));
    expect(reused.domainCode).toBe('TOKEN_INVALID');
    expect(app.smtp.mails.some((sent) => sent.to.includes('ghost@example.org'))).toBe(false);
  });

  it('refuses an expired reset link', async () => {
    await app.signedUp('late@example.org');
    await app.client().api.auth.requestPasswordReset({ email: 'late@example.org' });
    const link = (await app.smtp.next('late@example.org')).links[0]!;
    app.services.clock.advance(61 * MINUTE);
    const failure = await failureOf(app.client().api.auth.resetPassword({ token: tokenOf(link), newPassword: 'a brand new secret' }));
    expect(failure.domainCode).toBe('TOKEN_INVALID');
  });

  it('updates name and locale', async () => {
    const browser = await app.signedUp('name@example.org');
    await expect(browser.api.account.update({ displayName: '  Grace ', locale: 'de' })).resolves.toMatchObject({
      displayName: 'Grace',
      locale: 'de',
    });
    expect((await browser.api.auth.me()).account).toMatchObject({ displayName: 'Grace', locale: 'de' });
  });

  it('changes the password after re-authentication and ends the other sessions only', async () => {
    const here = await app.signedUp('change@example.org');
    const elsewhere = app.client();
    await elsewhere.api.auth.signIn({ email: 'change@example.org', password: TEST_PASSWORD });

    const wrong = await failureOf(here.api.account.changePassword({ currentPassword: 'wrong one', newPassword: 'the next secret' }));
    expect(wrong.domainCode).toBe('INVALID_CREDENTIALS');

    await here.api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'the next secret' });
    expect((await here.api.auth.me()).account?.email).toBe('change@example.org');
    expect((await elsewhere.api.auth.me()).account).toBeNull();
    await expect(app.client().api.auth.signIn({ email: 'change@example.org', password: 'the next secret' })).resolves.toBeTruthy();
  });

  it('changes the email after confirmation from the new address', async () => {
    const browser = await app.signedUp('old@example.org');
    const noAuth = await failureOf(browser.api.account.requestEmailChange({ currentPassword: 'wrong one', newEmail: 'new@example.org' }));
    expect(noAuth.domainCode).toBe('INVALID_CREDENTIALS');

    await browser.api.account.requestEmailChange({ currentPassword: TEST_PASSWORD, newEmail: 'New@Example.org' });
    expect((await browser.api.auth.me()).account?.email).toBe('old@example.org');
    const mail = await app.smtp.next('new@example.org');
    const link = mail.links.find((href) => href.startsWith(`${TEST_PUBLIC_URL}/confirm-email?token=`))!;
    await browser.api.account.confirmEmailChange({ token: tokenOf(link) });
    expect((await browser.api.auth.me()).account).toMatchObject({ email: 'new@example.org', emailVerified: true });
    await expect(app.client().api.auth.signIn({ email: 'new@example.org', password: TEST_PASSWORD })).resolves.toBeTruthy();
  });

  it('resends a verification mail whose link works, and the old one no longer does', async () => {
    const browser = app.client();
    await browser.api.auth.signUp(signUpInput('resend@example.org'));
    const oldLink = (await app.smtp.next('resend@example.org')).links[0]!;
    await browser.api.auth.resendVerification();
    const newLink = (await app.smtp.next('resend@example.org')).links[0]!;
    expect((await failureOf(browser.api.auth.verifyEmail({ token: tokenOf(oldLink) }))).domainCode).toBe('TOKEN_INVALID');
    await browser.api.auth.verifyEmail({ token: tokenOf(newLink) });
    expect((await browser.api.auth.me()).account?.emailVerified).toBe(true);
  });

  it('creates the first admin from a setup link, once', async () => {
    expect((await app.client().api.auth.me()).setupRequired).toBe(true);
    const admin = await app.admin('root@example.org');
    const me = await admin.api.auth.me();
    expect(me).toMatchObject({ setupRequired: false, canCreateCommunities: true, account: { isInstanceAdmin: true } });
    const bogus = await failureOf(
      app.client().api.auth.completeSetup({ ...signUpInput('x@example.org'), token: 'A'.repeat(43) }),
    );
    expect(bogus.domainCode).toBe('TOKEN_INVALID');
    expect(await app.db.repositories.accounts.countInstanceAdmins()).toBe(1);
  });

  it('limits password reset requests per address without revealing accounts', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await app.client().api.auth.requestPasswordReset({ email: 'ghost@example.org' });
    }
    expect((await failureOf(app.client().api.auth.requestPasswordReset({ email: 'ghost@example.org' }))).domainCode).toBe(
      'RATE_LIMITED',
    );
  });

  it('refuses mutations without the CSRF header or from a foreign origin', async () => {
    const noHeader = app.client({ csrfHeader: null });
    expect(await failureOf(noHeader.api.auth.signUp(signUpInput('csrf@example.org')))).toMatchObject({
      code: 'FORBIDDEN',
      domainCode: 'CSRF_FAILED',
    });
    const foreign = app.client({ origin: 'https://evil.example' });
    expect((await failureOf(foreign.api.auth.signUp(signUpInput('csrf@example.org')))).domainCode).toBe('CSRF_FAILED');
    await expect(app.client({ origin: TEST_PUBLIC_URL }).api.auth.signUp(signUpInput('csrf@example.org'))).resolves.toBeTruthy();
    // Queries change nothing and need no header.
    await expect(noHeader.api.auth.me()).resolves.toMatchObject({ account: null });
  });
});
