import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@quorum/domain/communities/membership';
import { testDialects } from '@quorum/db/testing';
import { newId } from '../ids.js';
import { createCommunityFixture } from '../testing/community-fixture.js';
import { failureOf, type TestApp, type TestClient } from '../testing/test-app.js';

/** Lists that grow with a community: pages by cursor, totals, search, and the same access rules as before. */
describe.each(testDialects)('lists that grow with a community on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let communityId: string;
  beforeEach(async () => {
    const community = { name: 'Kundenforum', description: '', visibility: 'private', defaultLocale: 'de' } as const;
    ({ app, owner, communityId } = await createCommunityFixture(dialect, { ...community, slug: 'kundenforum' }));
  });
  afterEach(() => app.close());

  /** Members straight into the database: hashing a password per member would only slow the test. */
  async function seedMembers(count: number, name: (i: number) => string, role: (i: number) => Role = () => 'member') {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = newId();
      const joinedAt = new Date(app.services.clock.now().getTime() + (i + 1) * 60_000);
      await app.db.repositories.accounts.create(
        { id, email: `m${i}-${id}@example.org`, emailVerifiedAt: null, displayName: name(i), locale: 'de', isInstanceAdmin: false, createdAt: joinedAt },
        'not-a-hash',
      );
      await app.db.repositories.memberships.add({ communityId, accountId: id, role: role(i), joinedAt });
      ids.push(id);
    }
    return ids;
  }

  it('pages the members newest first with a total, searches by name, and filters the staff', async () => {
    const ids = await seedMembers(30, (i) => (i % 10 === 0 ? `Jürgen Müller ${i}` : `Member ${i}`), (i) => (i === 5 ? 'moderator' : 'member'));
    const first = await owner.api.communities.members({ communityId, limit: 12 });
    expect(first.total).toBe(31);
    expect(first.items.map((member) => member.accountId)).toEqual(ids.slice(-12).reverse());
    expect(first.previousCursor).toBeNull();
    const second = await owner.api.communities.members({ communityId, limit: 12, cursor: first.nextCursor });
    const third = await owner.api.communities.members({ communityId, limit: 12, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((member) => member.displayName).at(-1)).toBe('Olga Owner');
    expect(third.nextCursor).toBeNull();
    expect((await owner.api.communities.members({ communityId, limit: 12, cursor: third.previousCursor })).items).toEqual(second.items);

    const found = await owner.api.communities.members({ communityId, search: 'müller' });
    expect(found).toMatchObject({ total: 3, nextCursor: null });
    expect(found.items.map((member) => member.displayName)).toEqual(['Jürgen Müller 20', 'Jürgen Müller 10', 'Jürgen Müller 0']);
    const staff = await owner.api.communities.members({ communityId, staff: true });
    expect(staff.items.map((member) => [member.displayName, member.role])).toEqual([['Member 5', 'moderator'], ['Olga Owner', 'owner']]);

    expect(await owner.api.communities.memberSummary({ communityId })).toMatchObject({
      total: 31,
      newest: first.items.slice(0, 5),
      staff: staff.items,
      staffTotal: 2,
    });
  });

  it('refuses a tampered cursor, and a cursor of another search, with VALIDATION', async () => {
    await seedMembers(5, (i) => `Member ${i}`);
    const { nextCursor } = await owner.api.communities.members({ communityId, limit: 2 });
    const tampered = `${nextCursor!.slice(0, 5)}${nextCursor![5] === 'x' ? 'y' : 'x'}${nextCursor!.slice(6)}`;
    for (const cursor of [tampered, 'garbage', nextCursor!.replace(/\.[0-9a-f]+$/, '.0123456789abcdef')]) {
      expect(await failureOf(owner.api.communities.members({ communityId, cursor }))).toMatchObject({
        code: 'BAD_REQUEST',
        domainCode: 'VALIDATION',
      });
    }
    expect((await failureOf(owner.api.communities.members({ communityId, search: 'Member', cursor: nextCursor }))).domainCode).toBe('VALIDATION');
    expect((await failureOf(owner.api.communities.members({ communityId, limit: 101 }))).domainCode).toBe('VALIDATION');
  });

  it('keeps the access rules: outsiders see no members, a cursor opens no other community', async () => {
    await seedMembers(3, (i) => `Member ${i}`);
    const outsider = await app.signedUp('outsider@example.org');
    expect((await failureOf(outsider.api.communities.members({ communityId }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(outsider.api.communities.memberSummary({ communityId }))).domainCode).toBe('FORBIDDEN');
    const own = await outsider.api.communities.create({ slug: 'eigenes', name: 'Eigenes', description: '', visibility: 'public', defaultLocale: 'de' });
    const { nextCursor } = await owner.api.communities.members({ communityId, limit: 1 });
    // The cursor is bound to its community: in another one it is refused, not read.
    expect((await failureOf(outsider.api.communities.members({ communityId: own.id, cursor: nextCursor }))).domainCode).toBe('VALIDATION');
  });

  it('pages join requests and invitations with totals, for moderators only', async () => {
    for (let i = 0; i < 3; i++) {
      const applicant = await app.signedUp(`applicant${i}@example.org`, { displayName: `Applicant ${i}` });
      await applicant.api.communities.requestToJoin({ communityId, message: `Hallo ${i}` });
      app.services.clock.advance(60_000);
    }
    const requests = await owner.api.communities.joinRequests({ communityId, limit: 2 });
    expect(requests).toMatchObject({ total: 3, items: [{ displayName: 'Applicant 0' }, { displayName: 'Applicant 1' }] });
    expect(await owner.api.communities.joinRequests({ communityId, limit: 2, cursor: requests.nextCursor })).toMatchObject({
      items: [{ displayName: 'Applicant 2' }],
      nextCursor: null,
    });

    for (let i = 0; i < 3; i++) {
      await owner.api.invitations.create({ communityId, role: 'member', note: `Einladung ${i}`, expiresInDays: 7, maxUses: 1 });
      app.services.clock.advance(60_000);
    }
    const invitations = await owner.api.invitations.list({ communityId, limit: 2 });
    expect(invitations).toMatchObject({ total: 3, items: [{ note: 'Einladung 2' }, { note: 'Einladung 1' }] });
    expect(invitations.items[0]).not.toHaveProperty('tokenHash');
    const member = await app.signedUp('plain@example.org');
    const accountId = (await member.api.auth.me()).account!.id;
    await app.db.repositories.memberships.add({ communityId, accountId, role: 'member', joinedAt: app.services.clock.now() });
    expect((await failureOf(member.api.invitations.list({ communityId }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(member.api.communities.joinRequests({ communityId }))).domainCode).toBe('FORBIDDEN');
  });

  it('filters the audit log by member and by action, for the owner of that community', async () => {
    const [erikaId, maxId] = await seedMembers(2, (i) => ['Erika Mustermann', 'Max Mustermann'][i]!);
    await owner.api.members.details({ communityId, accountId: erikaId!, reason: 'Support ticket 4711' });
    app.services.clock.advance(1000);
    await owner.api.members.details({ communityId, accountId: maxId!, reason: 'Support ticket 4712' });

    const byMember = await owner.api.admin.auditLog({ communityId, member: 'ERIKA' });
    expect(byMember).toMatchObject({ total: 1, items: [{ subjectName: 'Erika Mustermann', actorName: 'Olga Owner', reason: 'Support ticket 4711' }] });
    const byAction = await owner.api.admin.auditLog({ communityId, actions: ['member.details_viewed'], limit: 1 });
    expect(byAction).toMatchObject({ total: 2, items: [{ subjectName: 'Max Mustermann' }] });
    expect((await owner.api.admin.auditLog({ communityId, actions: ['member.details_viewed'], cursor: byAction.nextCursor })).items).toMatchObject([
      { subjectName: 'Erika Mustermann' },
    ]);
    // The owner's own name matches every entry they made.
    expect((await owner.api.admin.auditLog({ communityId, member: 'olga', actions: ['member.details_viewed'] })).total).toBe(2);
    expect((await failureOf(owner.api.admin.auditLog({ communityId: null }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(owner.api.admin.auditLog({ communityId, actions: ['member.hacked' as never] }))).domainCode).toBe('VALIDATION');
  });
});
