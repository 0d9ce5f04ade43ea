import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PagePosition } from '@quorum/domain/shared/pagination';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { createdAccount, createdCommunity, expectDomainError, firstPage, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyMembershipRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('adds, finds, changes and removes a membership', async () => {
    const account = await createdAccount(db.repositories);
    const community = await createdCommunity(db.repositories);
    const membership = { communityId: community.id, accountId: account.id, role: 'member' as const, joinedAt: T0 };
    expect(await db.repositories.memberships.find(community.id, account.id)).toBeNull();
    await db.repositories.memberships.add(membership);
    expect(await db.repositories.memberships.find(community.id, account.id)).toEqual(membership);
    await db.repositories.memberships.setRole(community.id, account.id, 'moderator');
    expect((await db.repositories.memberships.find(community.id, account.id))?.role).toBe('moderator');
    await db.repositories.memberships.remove(community.id, account.id);
    expect(await db.repositories.memberships.find(community.id, account.id)).toBeNull();
  });

  it('maps a second membership of the same account to ALREADY_MEMBER', async () => {
    const account = await createdAccount(db.repositories);
    const community = await createdCommunity(db.repositories);
    const membership = { communityId: community.id, accountId: account.id, role: 'member' as const, joinedAt: T0 };
    await db.repositories.memberships.add(membership);
    await expectDomainError(db.repositories.memberships.add(membership), 'ALREADY_MEMBER');
  });

  it('lists the members of a community with their display names, newest first', async () => {
    const community = await createdCommunity(db.repositories);
    const other = await createdCommunity(db.repositories);
    const first = await createdAccount(db.repositories, { displayName: 'Zoë' });
    const second = await createdAccount(db.repositories, { displayName: 'Ada' });
    await db.repositories.memberships.add({ communityId: community.id, accountId: second.id, role: 'member', joinedAt: new Date(T0.getTime() + 1000) });
    await db.repositories.memberships.add({ communityId: community.id, accountId: first.id, role: 'owner', joinedAt: T0 });
    await db.repositories.memberships.add({ communityId: other.id, accountId: first.id, role: 'member', joinedAt: T0 });
    const everyone = { search: null, roles: null };
    expect(await db.repositories.memberships.listPage(community.id, everyone, firstPage)).toMatchObject({
      items: [
        { communityId: community.id, accountId: second.id, role: 'member', joinedAt: new Date(T0.getTime() + 1000), displayName: 'Ada' },
        { communityId: community.id, accountId: first.id, role: 'owner', joinedAt: T0, displayName: 'Zoë' },
      ],
      total: 2,
    });
    expect((await db.repositories.memberships.listPage(community.id, { search: 'ZO', roles: null }, firstPage)).items).toMatchObject([
      { displayName: 'Zoë' },
    ]);
    expect(await db.repositories.memberships.listPage(community.id, { search: null, roles: ['owner', 'moderator'] }, firstPage)).toMatchObject({
      items: [{ accountId: first.id }],
      total: 1,
    });
  });

  it('pages through members joining and leaving meanwhile without showing one twice or skipping one who stayed', async () => {
    const community = await createdCommunity(db.repositories);
    const join = async (seconds: number) => {
      const account = await createdAccount(db.repositories);
      // Many join in the same second: the account id orders them.
      await db.repositories.memberships.add({
        communityId: community.id,
        accountId: account.id,
        role: 'member',
        joinedAt: new Date(T0.getTime() + Math.floor(seconds / 3) * 1000),
      });
      return account.id;
    };
    const present = new Set<string>();
    for (let second = 0; second < 12; second++) present.add(await join(second));
    const stayed = new Set(present);
    const seen: string[] = [];
    let position: PagePosition | null = null;
    for (let page = 0; page < 10; page++) {
      const { items, lastKey, hasAfter } = await db.repositories.memberships.listPage(
        community.id,
        { search: null, roles: null },
        { position, limit: 3 },
      );
      seen.push(...items.map((item) => item.accountId));
      if (!hasAfter || !lastKey) break;
      position = { direction: 'after', key: lastKey };
      // Between pages: someone new joins (at the top), someone already shown and someone
      // not yet shown leave.
      present.add(await join(100 + page));
      const leaving = [...present].filter((id) => !seen.includes(id) && stayed.has(id))[0];
      for (const id of [seen[0]!, leaving]) {
        if (!id) continue;
        await db.repositories.memberships.remove(community.id, id);
        present.delete(id);
        stayed.delete(id);
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of stayed) expect(seen).toContain(id);
  });

  it('counts members by role', async () => {
    const community = await createdCommunity(db.repositories);
    for (const role of ['owner', 'owner', 'member'] as const) {
      const account = await createdAccount(db.repositories);
      await db.repositories.memberships.add({ communityId: community.id, accountId: account.id, role, joinedAt: T0 });
    }
    expect(await db.repositories.memberships.countByRole(community.id, 'owner')).toBe(2);
    expect(await db.repositories.memberships.countByRole(community.id, 'member')).toBe(1);
    expect(await db.repositories.memberships.countByRole(community.id, 'researcher')).toBe(0);
    expect(await db.unitOfWork.transaction((repos) => repos.memberships.lockOwners(community.id))).toBe(2);
  });

  it('lists an account’s memberships in every community', async () => {
    const account = await createdAccount(db.repositories);
    const [first, second] = [await createdCommunity(db.repositories), await createdCommunity(db.repositories)];
    await db.repositories.memberships.add({ communityId: first.id, accountId: account.id, role: 'owner', joinedAt: T0 });
    await db.repositories.memberships.add({ communityId: second.id, accountId: account.id, role: 'member', joinedAt: new Date(T0.getTime() + 1000) });
    expect((await db.repositories.memberships.listForAccount(account.id)).map((membership) => [membership.communityId, membership.role])).toEqual([
      [first.id, 'owner'],
      [second.id, 'member'],
    ]);
  });

  it('ends memberships with the community (cascade)', async () => {
    const account = await createdAccount(db.repositories);
    const community = await createdCommunity(db.repositories);
    await db.repositories.memberships.add({ communityId: community.id, accountId: account.id, role: 'owner', joinedAt: T0 });
    await db.kysely.deleteFrom('communities').where('id', '=', community.id).execute();
    expect(await db.repositories.memberships.find(community.id, account.id)).toBeNull();
  });
});
