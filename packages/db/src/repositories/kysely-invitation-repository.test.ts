import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation } from '@quorum/domain/communities/invitation';
import { DAY } from '@quorum/domain/shared/clock';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { anInvitation, createdAccount, createdCommunity, firstPage, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyInvitationRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  let communityId: string;
  beforeAll(async () => {
    db = await dialect.create();
    communityId = (await createdCommunity(db.repositories, { visibility: 'invite_only' })).id;
  });
  afterAll(() => db?.close());

  async function created(overrides: Partial<Invitation> = {}): Promise<Invitation> {
    const invitation = anInvitation(communityId, overrides);
    await db.repositories.invitations.create(invitation);
    return invitation;
  }
  const uses = async (id: string) => (await db.repositories.invitations.findById(id))?.uses;
  const soon = new Date(T0.getTime() + DAY);

  it('creates an invitation and finds it by id and by token hash', async () => {
    const creator = await createdAccount(db.repositories);
    const invitation = await created({ createdBy: creator.id, role: 'researcher', note: 'Beta, März', maxUses: null });
    expect(await db.repositories.invitations.findById(invitation.id)).toEqual(invitation);
    expect(await db.repositories.invitations.findByTokenHash(invitation.tokenHash)).toEqual(invitation);
    expect(await db.repositories.invitations.findByTokenHash('unknown')).toBeNull();
    expect(await db.repositories.invitations.findById(randomUUID())).toBeNull();
  });

  it('lists the invitations of a community, newest first', async () => {
    const community = await createdCommunity(db.repositories);
    const older = anInvitation(community.id);
    const newer = anInvitation(community.id, { createdAt: soon });
    await db.repositories.invitations.create(older);
    await db.repositories.invitations.create(newer);
    expect(await db.repositories.invitations.listPage(community.id, firstPage)).toMatchObject({ items: [newer, older], total: 2 });
  });

  it('counts uses up to the maximum', async () => {
    const invitation = await created({ maxUses: 2 });
    expect(await db.repositories.invitations.claimUse(invitation.id, soon)).toBe(true);
    expect(await db.repositories.invitations.claimUse(invitation.id, soon)).toBe(true);
    expect(await db.repositories.invitations.claimUse(invitation.id, soon)).toBe(false);
    expect(await uses(invitation.id)).toBe(2);
  });

  it('counts any number of uses without a maximum', async () => {
    const invitation = await created({ maxUses: null });
    for (let i = 0; i < 5; i++) expect(await db.repositories.invitations.claimUse(invitation.id, soon)).toBe(true);
    expect(await uses(invitation.id)).toBe(5);
  });

  it('counts no use once expired', async () => {
    const invitation = await created({ maxUses: null });
    expect(await db.repositories.invitations.claimUse(invitation.id, invitation.expiresAt)).toBe(false);
    expect(await db.repositories.invitations.claimUse(invitation.id, new Date(invitation.expiresAt.getTime() - 1))).toBe(true);
  });

  it('counts no use once revoked, and keeps the first revocation time', async () => {
    const invitation = await created();
    await db.repositories.invitations.revoke(invitation.id, soon);
    await db.repositories.invitations.revoke(invitation.id, new Date(soon.getTime() + DAY));
    expect((await db.repositories.invitations.findById(invitation.id))?.revokedAt).toEqual(soon);
    expect(await db.repositories.invitations.claimUse(invitation.id, soon)).toBe(false);
    expect(await uses(invitation.id)).toBe(0);
  });

  it('returns false for an unknown invitation', async () => {
    expect(await db.repositories.invitations.claimUse(randomUUID(), soon)).toBe(false);
  });

  it('lets exactly one of two concurrent claims have the last use', async () => {
    for (let round = 0; round < 5; round++) {
      const invitation = await created({ maxUses: 3, uses: 2 });
      // Each claim in its own transaction, as acceptInvitation runs it.
      const claim = () => db.unitOfWork.transaction((repos) => repos.invitations.claimUse(invitation.id, soon));
      const results = await Promise.all([claim(), claim()]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await uses(invitation.id)).toBe(3);
    }
  });

  it('deletes invitations that expired before a time', async () => {
    const community = await createdCommunity(db.repositories);
    const expired = anInvitation(community.id, { expiresAt: T0 });
    const live = anInvitation(community.id, { expiresAt: new Date('2099-01-01T00:00:00.000Z') });
    await db.repositories.invitations.create(expired);
    await db.repositories.invitations.create(live);
    expect(await db.repositories.invitations.deleteExpired(new Date(T0.getTime() + 1))).toBeGreaterThanOrEqual(1);
    expect((await db.repositories.invitations.listPage(community.id, firstPage)).items).toEqual([live]);
  });

  it('ends with its community (cascade)', async () => {
    const community = await createdCommunity(db.repositories);
    const invitation = anInvitation(community.id);
    await db.repositories.invitations.create(invitation);
    await db.kysely.deleteFrom('communities').where('id', '=', community.id).execute();
    expect(await db.repositories.invitations.findById(invitation.id)).toBeNull();
  });
});
