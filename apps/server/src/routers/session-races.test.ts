import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { createPasswordHasher, type PasswordHasher } from '../auth/passwords.js';
import { createContextInner } from '../context.js';
import { createCallerFactory } from '../trpc.js';
import { appRouter } from './_app.js';
import { createTestApp, failureOf, TEST_PASSWORD, type TestApp } from '../testing/test-app.js';

/** The real hasher; an armed verification waits after checking until `release()`. */
function heldHasher() {
  const real = createPasswordHasher();
  let armed: { reach: () => void; gate: Promise<void> } | null = null;
  const hasher: PasswordHasher = {
    hash: (password) => real.hash(password),
    verifyNobody: (password) => real.verifyNobody(password),
    async verify(passwordHash, password) {
      const held = armed;
      armed = null;
      const matches = await real.verify(passwordHash, password);
      if (held) {
        held.reach();
        await held.gate;
      }
      return matches;
    },
  };
  return {
    hasher,
    /** Holds the next verification; `reached` once it has checked the password. */
    arm() {
      let reach!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (reach = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      armed = { reach, gate };
      return { reached, release };
    },
  };
}

describe.each(testDialects)('sessions racing password changes on $name', (dialect) => {
  let app: TestApp;
  let passwords: ReturnType<typeof heldHasher>;
  beforeEach(async () => {
    passwords = heldHasher();
    app = await createTestApp(await dialect.create(), { passwords: passwords.hasher });
  });
  afterEach(() => app.close());

  it('a sign-in with the old password that was being checked while the password changed opens no session', async () => {
    const member = await app.signedUp('member@example.org');
    const attacker = app.client();
    const held = passwords.arm();
    const signIn = attacker.api.auth.signIn({ email: 'member@example.org', password: TEST_PASSWORD });
    await held.reached;
    // The member changes the password meanwhile: every other session ends.
    await member.api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'a new and longer passphrase' });
    held.release();
    expect((await failureOf(signIn)).domainCode).toBe('INVALID_CREDENTIALS');
    expect((await attacker.api.auth.me()).account).toBeNull();
    expect((await member.api.auth.me()).account).not.toBeNull();
  });

  it('a sign-in that was being checked while the account was erased fails cleanly', async () => {
    const member = await app.signedUp('gone@example.org');
    const held = passwords.arm();
    const signIn = app.client().api.auth.signIn({ email: 'gone@example.org', password: TEST_PASSWORD });
    await held.reached;
    await member.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
    held.release();
    expect(await failureOf(signIn)).toMatchObject({ code: 'UNAUTHORIZED', domainCode: 'INVALID_CREDENTIALS' });
  });

  describe('a request whose account is erased after its session was checked', () => {
    /** Calls as `browser`, but the account is erased between reading the session and running the procedure. */
    const erasedMidway = (sessionToken: string, accountId: string) =>
      createCallerFactory(appRouter)(async () => {
        const ctx = await createContextInner({ ...app.services, sessionToken, csrfHeader: '1', ip: '198.51.100.7' });
        const admin = await app.admin(`admin-${accountId}@example.org`);
        await admin.api.admin.eraseAccount({ accountId, reason: 'Request by letter of 4 May' });
        return ctx;
      });

    it('joins nothing and requests nothing: a domain error, never a 500', async () => {
      const owner = await app.admin('owner@example.org');
      const communityId = (await owner.api.communities.create({ slug: 'open', name: 'Open', visibility: 'public', defaultLocale: 'en' })).id;
      const closed = (await owner.api.communities.create({ slug: 'closed', name: 'Closed', visibility: 'private', defaultLocale: 'en' })).id;
      const calls = [
        (api: ReturnType<typeof erasedMidway>) => api.communities.join({ communityId }),
        (api: ReturnType<typeof erasedMidway>) => api.privacy.requestExport(),
        (api: ReturnType<typeof erasedMidway>) => api.communities.requestToJoin({ communityId: closed, message: 'Hello' }),
      ];
      for (const [index, call] of calls.entries()) {
        const member = await app.signedUp(`member${index}@example.org`);
        const api = erasedMidway(member.sessionToken!, (await member.api.auth.me()).account!.id);
        expect(await failureOf(call(api)), `call ${index}`).toMatchObject({ code: 'NOT_FOUND', domainCode: 'NOT_FOUND' });
      }
    });
  });
});
