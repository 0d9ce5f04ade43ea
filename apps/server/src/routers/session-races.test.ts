import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { createPasswordHasher, type PasswordHasher } from '../auth/passwords.js';
import { createContextInner } from '../context.js';
import { createCallerFactory } from '../trpc.js';
import { appRouter } from './_app.js';
import { createTestApp, failureOf, TEST_PASSWORD, type TestApp, type TestClient } from '../testing/test-app.js';

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

  describe('a request confirmed with the old password while the password changes', () => {
    /** The victim, and an attacker who knows the old password and is signed in with it. */
    async function victimAndAttacker() {
      const victim = await app.signedUp('victim@example.org');
      const attacker = app.client();
      await attacker.api.auth.signIn({ email: 'victim@example.org', password: TEST_PASSWORD });
      const accountId = (await victim.api.auth.me()).account!.id;
      return { victim, attacker, accountId };
    }
    const changedByVictim = (victim: TestClient) =>
      victim.api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'the victim’s new passphrase' });

    it('issues no email-change link: the attacker cannot take the account over', async () => {
      const { victim, attacker, accountId } = await victimAndAttacker();
      const held = passwords.arm();
      const request = attacker.api.account.requestEmailChange({ currentPassword: TEST_PASSWORD, newEmail: 'attacker@example.org' });
      await held.reached;
      await changedByVictim(victim);
      held.release();
      await request.catch(() => undefined);
      const links = await app.db.kysely
        .selectFrom('one_time_tokens')
        .select('payload')
        .where('account_id', '=', accountId)
        .where('purpose', '=', 'changeEmail')
        .execute();
      expect(links).toEqual([]);
    });

    it('sets no password of the attacker’s', async () => {
      const { victim, attacker } = await victimAndAttacker();
      const held = passwords.arm();
      const change = attacker.api.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'the attacker’s passphrase' });
      await held.reached;
      await changedByVictim(victim);
      held.release();
      await change.catch(() => undefined);
      await expect(app.client().api.auth.signIn({ email: 'victim@example.org', password: 'the victim’s new passphrase' })).resolves.toBeDefined();
    });

    it('deletes no account', async () => {
      const { victim, attacker, accountId } = await victimAndAttacker();
      const held = passwords.arm();
      const deletion = attacker.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
      await held.reached;
      await changedByVictim(victim);
      held.release();
      await deletion.catch(() => undefined);
      expect(await app.db.repositories.accounts.findById(accountId)).not.toBeNull();
    });
  });

  describe('a request whose account is erased after its session was checked', () => {
    /** Calls as `browser`, but the account is erased between reading the session and running the procedure. */
    const erasedMidway = (sessionToken: string, accountId: string) =>
      createCallerFactory(appRouter)(async () => {
        const ctx = await createContextInner(app.services, { sessionToken, csrfHeader: '1', ip: '198.51.100.7' });
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
