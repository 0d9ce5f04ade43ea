import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '@quorum/domain/shared/clock';
import { testDialects } from '@quorum/db/testing';
import { newId } from '../ids.js';
import { createOwnerFixture } from '../testing/community-fixture.js';
import { createTestApp, failureOf, TEST_PUBLIC_URL, tokenOf, type TestApp, type TestClient } from '../testing/test-app.js';

const community = (slug: string, visibility: 'public' | 'private' | 'invite_only' = 'public') => ({
  slug,
  name: `Community ${slug}`,
  description: 'Where customers talk',
  visibility,
  defaultLocale: 'en' as const,
});

describe.each(testDialects)('communities and invitations on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  beforeEach(async () => {
    ({ app, owner } = await createOwnerFixture(dialect, { ownerName: 'Olga' }));
  });
  afterEach(() => app.close());

  it('creates a community whose creator is its owner, and lists it', async () => {
    const created = await owner.api.communities.create(community('kunden-forum'));
    expect(created).toMatchObject({ slug: 'kunden-forum', visibility: 'public' });
    expect(created.createdAt).toBeInstanceOf(Date);

    const page = await app.client().api.communities.bySlug({ slug: 'kunden-forum' });
    expect(page).toMatchObject({ viewerRole: null, canRead: true, memberCount: 1 });
    const members = await owner.api.communities.members({ communityId: created.id });
    expect(members).toMatchObject({ items: [{ role: 'owner', displayName: 'Olga' }], total: 1, nextCursor: null });
    expect((await app.client().api.communities.list()).map((entry) => entry.slug)).toEqual(['kunden-forum']);
  });

  it('refuses a taken or malformed slug', async () => {
    await owner.api.communities.create(community('taken-slug'));
    expect(await failureOf(owner.api.communities.create(community('taken-slug')))).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'SLUG_TAKEN',
    });
    for (const [slug, key] of [
      ['Bad Slug', 'slug_invalid'],
      ['ab', 'slug_too_short'],
      ['admin', 'slug_reserved'],
      ['double--hyphen', 'slug_invalid'],
    ] as const) {
      const failure = await failureOf(owner.api.communities.create(community(slug)));
      expect(failure).toMatchObject({ code: 'BAD_REQUEST', domainCode: 'VALIDATION' });
      expect(failure.issues).toContainEqual({ path: ['slug'], message: key });
    }
  });

  it('answers NOT_FOUND for an unknown community', async () => {
    expect((await failureOf(app.client().api.communities.bySlug({ slug: 'nowhere' }))).domainCode).toBe('NOT_FOUND');
    expect((await failureOf(owner.api.communities.join({ communityId: newId() }))).domainCode).toBe('NOT_FOUND');
    expect((await failureOf(owner.api.communities.members({ communityId: 'not-a-uuid' }))).issues).toContainEqual({
      path: ['communityId'],
      message: 'invalid_id',
    });
  });

  it('keeps community creation to admins when COMMUNITY_CREATION=admins', async () => {
    const closed = await createTestApp(await dialect.create());
    try {
      const member = await closed.signedUp('member@example.org');
      expect(await failureOf(member.api.communities.create(community('closed-one')))).toMatchObject({
        code: 'FORBIDDEN',
        domainCode: 'COMMUNITY_CREATION_CLOSED',
      });
      const admin = await closed.admin();
      await expect(admin.api.communities.create(community('closed-one'))).resolves.toMatchObject({ slug: 'closed-one' });
    } finally {
      await closed.close();
    }
  });

  it('lets anyone signed in join a public community and leave it again', async () => {
    const { id } = await owner.api.communities.create(community('open-house'));
    const visitor = app.client();
    expect((await failureOf(visitor.api.communities.join({ communityId: id }))).domainCode).toBe('UNAUTHENTICATED');
    const member = await app.signedUp('m@example.org');
    await member.api.communities.join({ communityId: id });
    expect((await failureOf(member.api.communities.join({ communityId: id }))).domainCode).toBe('ALREADY_MEMBER');
    expect((await member.api.communities.bySlug({ slug: 'open-house' })).viewerRole).toBe('member');
    await member.api.communities.leave({ communityId: id });
    expect((await failureOf(member.api.communities.leave({ communityId: id }))).domainCode).toBe('NOT_MEMBER');
  });

  it('refuses joining a private community without invitation, but takes a request', async () => {
    const { id } = await owner.api.communities.create(community('private-club', 'private'));
    const applicant = await app.signedUp('applicant@example.org', { displayName: 'Ann' });
    expect(await failureOf(applicant.api.communities.join({ communityId: id }))).toMatchObject({
      code: 'FORBIDDEN',
      domainCode: 'JOIN_NOT_ALLOWED',
    });
    await applicant.api.communities.requestToJoin({ communityId: id, message: 'Customer since 2019' });
    expect((await failureOf(applicant.api.communities.requestToJoin({ communityId: id }))).domainCode).toBe('JOIN_REQUEST_PENDING');
    expect((await applicant.api.communities.bySlug({ slug: 'private-club' })).hasPendingRequest).toBe(true);
    expect((await failureOf(applicant.api.communities.joinRequests({ communityId: id }))).domainCode).toBe('FORBIDDEN');

    const { items: [request] } = await owner.api.communities.joinRequests({ communityId: id });
    expect(request).toMatchObject({ displayName: 'Ann', message: 'Customer since 2019' });
    await owner.api.communities.decideJoinRequest({ requestId: request!.id, approve: true });
    expect((await applicant.api.communities.bySlug({ slug: 'private-club' })).viewerRole).toBe('member');
  });

  it('hides an invite-only community from everyone without invitation', async () => {
    const { id } = await owner.api.communities.create(community('secret-circle', 'invite_only'));
    const outsider = await app.signedUp('outsider@example.org');
    expect((await failureOf(outsider.api.communities.join({ communityId: id }))).domainCode).toBe('NOT_FOUND');
    expect((await failureOf(outsider.api.communities.requestToJoin({ communityId: id }))).domainCode).toBe('NOT_FOUND');
    expect((await failureOf(outsider.api.communities.bySlug({ slug: 'secret-circle' }))).domainCode).toBe('NOT_FOUND');
    expect(await outsider.api.communities.list()).toEqual([]);
  });

  it('joins an invite-only community through an invitation link, once per use', async () => {
    const { id } = await owner.api.communities.create(community('beta-circle', 'invite_only'));
    const { invitation, url } = await owner.api.invitations.create({ communityId: id, note: 'Beta', maxUses: 1 });
    expect(url.startsWith(`${TEST_PUBLIC_URL}/invite/`)).toBe(true);
    expect(invitation).toMatchObject({ state: 'usable', uses: 0, maxUses: 1, role: 'member' });
    expect(invitation).not.toHaveProperty('tokenHash');

    const preview = await app.client().api.invitations.preview({ token: tokenOf(url) });
    expect(preview).toMatchObject({ state: 'usable', alreadyMember: false, community: { slug: 'beta-circle' } });

    const guest = await app.signedUp('guest@example.org');
    expect((await failureOf(app.client().api.invitations.accept({ token: tokenOf(url) }))).domainCode).toBe('UNAUTHENTICATED');
    await expect(guest.api.invitations.accept({ token: tokenOf(url) })).resolves.toEqual({ slug: 'beta-circle' });
    expect((await guest.api.communities.bySlug({ slug: 'beta-circle' })).viewerRole).toBe('member');

    const late = await app.signedUp('late@example.org');
    expect(await failureOf(late.api.invitations.accept({ token: tokenOf(url) }))).toMatchObject({
      code: 'BAD_REQUEST',
      domainCode: 'INVITATION_USED_UP',
    });
    const { items: [listed] } = await owner.api.invitations.list({ communityId: id });
    expect(listed).toMatchObject({ uses: 1, state: 'used_up' });
  });

  it('refuses an expired or revoked invitation', async () => {
    const { id } = await owner.api.communities.create(community('short-lived', 'private'));
    const expiring = await owner.api.invitations.create({ communityId: id, expiresInDays: 1 });
    const revoked = await owner.api.invitations.create({ communityId: id });
    await owner.api.invitations.revoke({ invitationId: revoked.invitation.id });
    app.services.clock.advance(DAY + 1);

    const guest = await app.signedUp('guest@example.org');
    expect((await failureOf(guest.api.invitations.accept({ token: tokenOf(expiring.url) }))).domainCode).toBe('INVITATION_EXPIRED');
    expect((await failureOf(guest.api.invitations.accept({ token: tokenOf(revoked.url) }))).domainCode).toBe('INVITATION_REVOKED');
    expect((await app.client().api.invitations.preview({ token: tokenOf(expiring.url) })).state).toBe('expired');
    expect((await failureOf(app.client().api.invitations.preview({ token: 'x'.repeat(43) }))).domainCode).toBe('NOT_FOUND');
  });

  it('lets only staff manage invitations', async () => {
    const { id } = await owner.api.communities.create(community('staff-only'));
    const member = await app.signedUp('member@example.org');
    await member.api.communities.join({ communityId: id });
    expect((await failureOf(member.api.invitations.create({ communityId: id }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(member.api.invitations.list({ communityId: id }))).domainCode).toBe('FORBIDDEN');
  });

  it('keeps the last owner: no leaving, no demotion, no removal', async () => {
    const { id } = await owner.api.communities.create(community('one-owner'));
    const me = (await owner.api.auth.me()).account!;
    expect(await failureOf(owner.api.communities.leave({ communityId: id }))).toMatchObject({
      code: 'CONFLICT',
      domainCode: 'LAST_OWNER',
    });
    expect((await failureOf(owner.api.communities.changeRole({ communityId: id, accountId: me.id, role: 'member' }))).domainCode).toBe(
      'LAST_OWNER',
    );

    // With a second owner, the first may step down.
    const second = await app.signedUp('second@example.org');
    await second.api.communities.join({ communityId: id });
    const secondId = (await second.api.auth.me()).account!.id;
    await owner.api.communities.changeRole({ communityId: id, accountId: secondId, role: 'owner' });
    await owner.api.communities.changeRole({ communityId: id, accountId: me.id, role: 'member' });
    expect((await failureOf(second.api.communities.removeMember({ communityId: id, accountId: secondId }))).domainCode).toBe('CONFLICT');
    await second.api.communities.removeMember({ communityId: id, accountId: me.id });
    expect((await second.api.communities.members({ communityId: id })).items.map((member) => member.role)).toEqual(['owner']);
  });

  it('lets owners update the community, and nobody else', async () => {
    const created = await owner.api.communities.create(community('renamed'));
    const update = { communityId: created.id, name: 'New name', description: '', visibility: 'private' as const, defaultLocale: 'de' as const, erasureContentPolicy: 'anonymize' as const };
    const member = await app.signedUp('member@example.org');
    await member.api.communities.join({ communityId: created.id });
    expect((await failureOf(member.api.communities.update(update))).domainCode).toBe('FORBIDDEN');
    await expect(owner.api.communities.update(update)).resolves.toMatchObject({ name: 'New name', visibility: 'private', slug: 'renamed' });
  });
});
