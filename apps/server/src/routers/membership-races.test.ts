import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { doneOrWaiting, heldTransaction } from '@quorum/db/testing/held-transactions';
import { createOwnerFixture, idOf } from '../testing/community-fixture.js';
import { failureOf, TEST_PASSWORD, type TestApp, type TestClient } from '../testing/test-app.js';

/** Races run several times: on PostgreSQL each try overlaps two transactions for real. */
const TRIES = 5;

/** Settles both calls; returns the domain codes of the failures (sorted) and how many succeeded. */
async function race(calls: Promise<unknown>[]): Promise<{ succeeded: number; failures: string[] }> {
  const results = await Promise.allSettled(calls);
  const failures: string[] = [];
  for (const result of results) {
    if (result.status === 'rejected') failures.push((await failureOf(Promise.reject(result.reason))).domainCode ?? 'unknown');
  }
  return { succeeded: results.length - failures.length, failures: failures.sort() };
}

describe.each(testDialects)('roles, owners and join requests under concurrency on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let counter = 0;
  beforeEach(async () => {
    ({ app, owner } = await createOwnerFixture(dialect, { ownerName: 'Olga' }));
  });
  afterEach(() => app.close());

  const newCommunity = async () =>
    (await owner.api.communities.create({ slug: `c-${++counter}`, name: `Community ${counter}`, visibility: 'public', defaultLocale: 'en' })).id;
  const joined = async (communityId: string, role: 'member' | 'moderator' | 'researcher' | 'owner' = 'member') => {
    const browser = await app.signedUp(`p${++counter}@example.org`);
    await browser.api.communities.join({ communityId });
    if (role !== 'member') await owner.api.communities.changeRole({ communityId, accountId: await idOf(browser), role });
    return browser;
  };

  it('an invitation grants no more than its creator could grant directly: moderators invite members only', async () => {
    const communityId = await newCommunity();
    const moderator = await joined(communityId, 'moderator');
    expect(await failureOf(moderator.api.invitations.create({ communityId, role: 'researcher' }))).toMatchObject({ code: 'FORBIDDEN', domainCode: 'FORBIDDEN' });
    expect((await moderator.api.invitations.list({ communityId })).items).toEqual([]);
    await expect(moderator.api.invitations.create({ communityId, role: 'member' })).resolves.toMatchObject({ invitation: { role: 'member' } });
    await expect(owner.api.invitations.create({ communityId, role: 'researcher' })).resolves.toMatchObject({ invitation: { role: 'researcher' } });
  });

  it('approve and reject of one join request: exactly one wins, and the outcome matches the membership', async () => {
    const communityId = await newCommunity();
    const moderator = await joined(communityId, 'moderator');
    const name = `Community ${counter - 1}`;
    await owner.api.communities.update({ communityId, name, description: '', visibility: 'private', defaultLocale: 'en', erasureContentPolicy: 'anonymize' });
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const applicant = await app.signedUp(`applicant${attempt}@example.org`);
      await applicant.api.communities.requestToJoin({ communityId, message: 'Please' });
      const request = (await owner.api.communities.joinRequests({ communityId })).items[0]!;
      const outcome = await race([
        owner.api.communities.decideJoinRequest({ requestId: request.id, approve: true }),
        moderator.api.communities.decideJoinRequest({ requestId: request.id, approve: false }),
      ]);
      expect(outcome).toEqual({ succeeded: 1, failures: ['CONFLICT'] });
      const stored = await app.db.repositories.joinRequests.findById(request.id);
      const member = await app.db.repositories.memberships.find(communityId, await idOf(applicant));
      expect(stored?.status === 'approved').toBe(member !== null);
    }
  });

  it('two owners leaving at the same moment: one goes, the community keeps the other', async () => {
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const communityId = await newCommunity();
      const second = await joined(communityId, 'owner');
      const outcome = await race([owner.api.communities.leave({ communityId }), second.api.communities.leave({ communityId })]);
      expect(outcome).toEqual({ succeeded: 1, failures: ['LAST_OWNER'] });
      expect(await app.db.repositories.memberships.countByRole(communityId, 'owner')).toBe(1);
    }
  });

  it('two owners demoting each other at the same moment: one stays owner', async () => {
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const communityId = await newCommunity();
      const second = await joined(communityId, 'owner');
      const [firstId, secondId] = [await idOf(owner), await idOf(second)];
      await race([
        owner.api.communities.changeRole({ communityId, accountId: secondId, role: 'member' }),
        second.api.communities.changeRole({ communityId, accountId: firstId, role: 'member' }),
      ]);
      expect(await app.db.repositories.memberships.countByRole(communityId, 'owner')).toBe(1);
    }
  });

  describe('erasure and the last owner (decision 013)', () => {
    it('passes a community to its longest-serving moderator when its sole owner deletes their account', async () => {
      const communityId = await newCommunity();
      await joined(communityId, 'researcher');
      const firstModerator = await joined(communityId, 'moderator');
      await joined(communityId, 'moderator');
      await owner.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
      const owners = (await firstModerator.api.communities.members({ communityId })).items.filter((member) => member.role === 'owner');
      expect(owners.map((member) => member.accountId)).toEqual([await idOf(firstModerator)]);
    });

    it('never promotes a plain member: without staff the community stays ownerless and the admins appoint an owner', async () => {
      const communityId = await newCommunity();
      const member = await joined(communityId);
      const admin = await app.admin();
      await admin.api.admin.eraseAccount({ accountId: await idOf(owner), reason: 'Request by letter of 4 May' });
      expect(await app.db.repositories.memberships.countByRole(communityId, 'owner')).toBe(0);
      expect((await member.api.communities.bySlug({ slug: `c-${counter - 1}` })).viewerRole).toBe('member');
      await admin.api.communities.changeRole({ communityId, accountId: await idOf(member), role: 'owner' });
      expect(await app.db.repositories.memberships.countByRole(communityId, 'owner')).toBe(1);
    });

    it('keeps another owner as they are when one of two owners is erased', async () => {
      const communityId = await newCommunity();
      const second = await joined(communityId, 'owner');
      const moderator = await joined(communityId, 'moderator');
      await owner.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
      const roles = (await second.api.communities.members({ communityId })).items.map((member) => member.role).sort();
      expect(roles).toEqual(['moderator', 'owner']);
      expect((await moderator.api.communities.bySlug({ slug: `c-${counter - 2}` })).viewerRole).toBe('moderator');
    });

    it('promotes nobody when an owner deletes their account while being demoted: the other owner stays the only one', async () => {
      const communityId = await newCommunity();
      const second = await joined(communityId, 'owner');
      const moderator = await joined(communityId, 'moderator');
      const secondId = await idOf(second);
      // Olga demotes the second owner; her change has locked the owners and not committed yet.
      const demotion = heldTransaction(app.db, async (repos) => {
        await repos.memberships.lockOwners(communityId);
        await repos.memberships.setRole(communityId, secondId, 'moderator');
      });
      await demotion.reached;
      const erasure = second.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
      await doneOrWaiting(app.db, erasure);
      demotion.release();
      await demotion.done;
      await erasure;
      const staff = await app.db.repositories.memberships.listStaff(communityId);
      expect(staff.map((member) => [member.accountId, member.role])).toEqual([
        [await idOf(owner), 'owner'],
        [await idOf(moderator), 'moderator'],
      ]);
    });
  });

  it('one member deleting their account from two tabs at once: one erasure, the other refused cleanly', async () => {
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const leaver = await app.signedUp(`leaver${attempt}@example.org`);
      const outcome = await race([0, 1].map(() => leaver.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true })));
      // The second is refused as after the first one's commit: its password check finds the
      // account gone, or — when it starts later — its session is already gone with it.
      expect(outcome.succeeded).toBe(1);
      expect(outcome.failures).toHaveLength(1);
      expect(['INVALID_CREDENTIALS', 'UNAUTHENTICATED']).toContain(outcome.failures[0]);
      expect(await app.db.repositories.accounts.findByEmail(`leaver${attempt}@example.org`)).toBeNull();
    }
  });

  describe('the last instance admin', () => {
    /** Another admin, made as `quorum admin create` would (setup links are for the first one). */
    const anotherAdmin = async (email: string) => {
      const browser = await app.signedUp(email);
      await app.db.repositories.accounts.update(await idOf(browser), { isInstanceAdmin: true });
      return browser;
    };

    it('cannot delete their account; with a second admin they can', async () => {
      const admin = await app.admin();
      expect(await failureOf(admin.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true }))).toMatchObject({ code: 'CONFLICT', domainCode: 'LAST_ADMIN' });
      expect(await admin.api.auth.me()).toMatchObject({ account: { isInstanceAdmin: true } });
      await anotherAdmin('second-admin@example.org');
      await expect(admin.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true })).resolves.toEqual({ ok: true });
    });

    it('two admins deleting their accounts at the same moment: one stays', async () => {
      let survivor = await app.admin();
      for (let attempt = 0; attempt < TRIES; attempt++) {
        const other = await anotherAdmin(`admin${attempt}@example.org`);
        const outcome = await race([
          survivor.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true }),
          other.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true }),
        ]);
        expect(outcome).toEqual({ succeeded: 1, failures: ['LAST_ADMIN'] });
        expect(await app.db.repositories.accounts.countInstanceAdmins()).toBe(1);
        if ((await survivor.api.auth.me()).account === null) survivor = other;
      }
    });
  });
});
