import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@quorum/domain/communities/membership';
import { testDialects } from '@quorum/db/testing';
import { createTestApp, failureOf, type TestApp, type TestClient } from '../testing/test-app.js';

type Who = Role | 'outsider' | 'visitor' | 'admin';

/**
 * Every list that grows with a community, asked by every kind of caller: who may read it,
 * and that a cursor handed out for one list, community or search opens no other.
 */
describe.each(testDialects)('who reads the lists of a private community on $name', (dialect) => {
  let app: TestApp;
  let communityId: string;
  let otherId: string;
  const as = {} as Record<Who, TestClient>;
  beforeAll(async () => {
    app = await createTestApp(await dialect.create(), { env: { COMMUNITY_CREATION: 'everyone' } });
    as.owner = await app.signedUp('owner@example.org', { displayName: 'Olga Owner' });
    const base = { description: '', visibility: 'private', defaultLocale: 'de' } as const;
    communityId = (await as.owner.api.communities.create({ ...base, name: 'Kundenforum', slug: 'kundenforum' })).id;
    otherId = (await as.owner.api.communities.create({ ...base, name: 'Anderes Forum', slug: 'anderes' })).id;
    for (const role of ['moderator', 'researcher', 'member'] as const) {
      as[role] = await app.signedUp(`${role}@example.org`, { displayName: `A ${role}` });
      const accountId = (await as[role].api.auth.me()).account!.id;
      await app.db.repositories.memberships.add({ communityId, accountId, role, joinedAt: app.services.clock.now() });
    }
    as.outsider = await app.signedUp('outsider@example.org');
    as.admin = await app.admin();
    as.visitor = app.client();
    for (let i = 0; i < 3; i++) {
      const applicant = await app.signedUp(`applicant${i}@example.org`);
      await applicant.api.communities.requestToJoin({ communityId, message: `Hallo ${i}` });
      await as.owner.api.invitations.create({ communityId, role: 'member', note: `Einladung ${i}`, expiresInDays: 7, maxUses: 1 });
    }
    const memberId = (await as.member.api.auth.me()).account!.id;
    await as.researcher.api.members.details({ communityId, accountId: memberId, reason: 'Support ticket 4711' });
    await as.researcher.api.members.details({ communityId, accountId: memberId, reason: 'Support ticket 4712' });
  });
  afterAll(() => app.close());

  const lists = {
    members: (c: TestClient) => c.api.communities.members({ communityId, limit: 1 }),
    memberSummary: (c: TestClient) => c.api.communities.memberSummary({ communityId }),
    joinRequests: (c: TestClient) => c.api.communities.joinRequests({ communityId, limit: 1 }),
    invitations: (c: TestClient) => c.api.invitations.list({ communityId, limit: 1 }),
    auditLog: (c: TestClient) => c.api.admin.auditLog({ communityId, limit: 1 }),
    targetingPreview: (c: TestClient) => c.api.profile.targetingPreview({ communityId, filters: [] }),
  };
  const mayRead: Record<keyof typeof lists, Who[]> = {
    members: ['member', 'researcher', 'moderator', 'owner', 'admin'],
    memberSummary: ['member', 'researcher', 'moderator', 'owner', 'admin'],
    joinRequests: ['moderator', 'owner', 'admin'],
    invitations: ['moderator', 'owner', 'admin'],
    auditLog: ['owner', 'admin'],
    targetingPreview: ['researcher', 'moderator', 'owner', 'admin'],
  };
  const everyone: Who[] = ['visitor', 'outsider', 'member', 'researcher', 'moderator', 'owner', 'admin'];

  it.each(Object.keys(lists) as (keyof typeof lists)[])('%s: only the roles allowed, the others refused', async (list) => {
    for (const who of everyone) {
      if (mayRead[list].includes(who)) {
        await expect(lists[list](as[who]), `${list} as ${who}`).resolves.toBeDefined();
      } else {
        const failure = await failureOf(lists[list](as[who]));
        expect({ who, code: failure.domainCode }).toEqual({ who, code: who === 'visitor' ? 'UNAUTHENTICATED' : 'FORBIDDEN' });
      }
    }
  });

  it('opens no other list, community or search with a cursor', async () => {
    const cursors = {
      members: (await lists.members(as.owner)).nextCursor!,
      joinRequests: (await lists.joinRequests(as.owner)).nextCursor!,
      invitations: (await lists.invitations(as.owner)).nextCursor!,
      auditLog: (await lists.auditLog(as.owner)).nextCursor!,
    };
    const elsewhere = {
      searchedMembers: (cursor: string) => as.owner.api.communities.members({ communityId, cursor, search: 'A' }),
      staff: (cursor: string) => as.owner.api.communities.members({ communityId, cursor, staff: true }),
      otherMembers: (cursor: string) => as.owner.api.communities.members({ communityId: otherId, cursor }),
      otherJoinRequests: (cursor: string) => as.owner.api.communities.joinRequests({ communityId: otherId, cursor }),
      otherInvitations: (cursor: string) => as.owner.api.invitations.list({ communityId: otherId, cursor }),
      otherAuditLog: (cursor: string) => as.owner.api.admin.auditLog({ communityId: otherId, cursor }),
      invitations: (cursor: string) => as.owner.api.invitations.list({ communityId, cursor }),
      joinRequests: (cursor: string) => as.owner.api.communities.joinRequests({ communityId, cursor }),
      auditOfAll: (cursor: string) => as.admin.api.admin.auditLog({ communityId: null, cursor }),
      auditFiltered: (cursor: string) => as.owner.api.admin.auditLog({ communityId, cursor, actions: ['member.details_viewed'] }),
    };
    for (const [from, cursor] of Object.entries(cursors)) {
      for (const [to, read] of Object.entries(elsewhere)) {
        if (to === from) continue; // its own list
        const outcome = await read(cursor).then(
          () => 'read',
          (error: unknown) => failureOf(Promise.reject(error)).then((failure) => failure.domainCode),
        );
        expect({ from, to, outcome }).toEqual({ from, to, outcome: 'VALIDATION' });
      }
    }
    // In its own list, for another viewer of that list, a cursor reads on as it did: it carries no rights.
    const page = await as.admin.api.communities.members({ communityId, limit: 1, cursor: cursors.members });
    expect(page.items).toHaveLength(1);
  });
});
