import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { encodeCursor } from '@quorum/domain/shared/pagination';
import { createCommunityFixture } from '../testing/community-fixture.js';
import { failureOf, type TestApp, type TestClient } from '../testing/test-app.js';

/**
 * PostgreSQL's text cannot hold a NUL character: a query binding one fails. Any string a
 * client sends — a search, a message, a note, a key inside a cursor (whose checksum is no
 * secret) — is bad input then, refused the same on both databases, never a 500.
 */
describe.each(testDialects)('input a database cannot hold, on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let communityId: string;
  beforeEach(async () => {
    const community = { name: 'Kundenforum', description: '', visibility: 'private', defaultLocale: 'de' } as const;
    ({ app, owner, communityId } = await createCommunityFixture(dialect, { ...community, slug: 'kundenforum' }));
  });
  afterEach(() => app.close());

  it('a NUL character is refused as bad input wherever a client sends it', async () => {
    const applicant = await app.signedUp('applicant@example.org');
    const forged = encodeCursor(`members:${communityId}:all:`, { direction: 'after', key: ['2026-03-02T09:00:00.000Z', 'a\u0000b'] });
    const calls = {
      memberSearch: () => owner.api.communities.members({ communityId, search: 'Olga\u0000' }),
      auditSearch: () => owner.api.admin.auditLog({ communityId, member: '\u0000' }),
      forgedCursor: () => owner.api.communities.members({ communityId, cursor: forged }),
      joinRequestMessage: () => applicant.api.communities.requestToJoin({ communityId, message: 'Hallo\u0000' }),
      invitationNote: () => owner.api.invitations.create({ communityId, role: 'member', note: 'Notiz\u0000', expiresInDays: 7, maxUses: 1 }),
    };
    for (const [name, call] of Object.entries(calls)) {
      expect({ name, ...(await failureOf(call())) }).toMatchObject({ name, code: 'BAD_REQUEST', domainCode: 'VALIDATION' });
    }
    // The issue names the field, as zod's would.
    expect((await failureOf(applicant.api.communities.requestToJoin({ communityId, message: 'Hallo\u0000' }))).issues).toEqual([
      { path: ['message'], message: 'text_invalid' },
    ]);
    // Nothing was written.
    expect((await owner.api.communities.joinRequests({ communityId })).total).toBe(0);
    expect((await owner.api.invitations.list({ communityId })).total).toBe(0);
  });

  it('a policy version beyond what the database counts (a 32-bit integer) is bad input, also for visitors', async () => {
    const visitor = app.client();
    for (const version of [2 ** 31, Number.MAX_SAFE_INTEGER]) {
      expect(await failureOf(visitor.api.policies.current({ document: 'terms', locale: 'en', version }))).toMatchObject({
        code: 'BAD_REQUEST',
        domainCode: 'VALIDATION',
      });
    }
    // The largest version there can be is simply none yet.
    await expect(visitor.api.policies.current({ document: 'terms', locale: 'en', version: 2 ** 31 - 1 })).resolves.toBeNull();
  });

  it('half a character (a lone UTF-16 surrogate) is bad input: PostgreSQL cannot store it in a JSON column', async () => {
    const member = await app.signedUp('member@example.org');
    const text = { type: 'text' as const, options: [], required: false };
    const { id: attributeId } = await owner.api.profile.saveAttribute({ communityId, key: 'city', label: { de: 'Stadt', en: 'City' }, ...text });
    await member.api.communities.requestToJoin({ communityId, message: 'Hallo' });
    const [request] = (await owner.api.communities.joinRequests({ communityId })).items;
    await owner.api.communities.decideJoinRequest({ requestId: request!.id, approve: true });
    const calls = {
      profileAnswer: () => member.api.profile.saveMine({ communityId, answers: { [attributeId]: 'K\u00f6ln\ud800' } }),
      attributeLabel: () => owner.api.profile.saveAttribute({ communityId, key: 'region', label: { de: 'Region\udfff', en: 'Region' }, ...text }),
      displayName: () => member.api.account.update({ displayName: 'Max \ud83d', locale: 'de' }),
    };
    for (const [name, call] of Object.entries(calls)) {
      expect({ name, ...(await failureOf(call())) }).toMatchObject({ name, code: 'BAD_REQUEST', domainCode: 'VALIDATION' });
    }
    // A whole character of two halves is fine.
    await member.api.profile.saveMine({ communityId, answers: { [attributeId]: 'K\u00f6ln \ud83d\ude00' } });
    expect((await member.api.profile.mine({ communityId })).values).toMatchObject([{ value: 'K\u00f6ln \ud83d\ude00' }]);
  });
});
