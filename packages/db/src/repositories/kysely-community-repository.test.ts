import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '@quorum/domain/communities/community.port';
import { directoryFilter } from '@quorum/domain/communities/permissions';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { aCommunity, createdAccount, createdCommunity, expectDomainError, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyCommunityRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('creates a community and finds it by id and by slug', async () => {
    const community = aCommunity({ description: 'Für Kundinnen', visibility: 'private' });
    await db.repositories.communities.create(community);
    expect(await db.repositories.communities.findById(community.id)).toEqual(community);
    expect(await db.repositories.communities.findBySlug(community.slug)).toEqual(community);
    expect(await db.repositories.communities.findBySlug('no-such-slug')).toBeNull();
    expect(await db.repositories.communities.findById('00000000-0000-7000-8000-000000000000')).toBeNull();
  });

  it('maps a taken slug to SLUG_TAKEN, on create and on update', async () => {
    const first = await createdCommunity(db.repositories);
    await expectDomainError(db.repositories.communities.create(aCommunity({ slug: first.slug })), 'SLUG_TAKEN');
    const second = await createdCommunity(db.repositories);
    await expectDomainError(db.repositories.communities.update({ ...second, slug: first.slug }), 'SLUG_TAKEN');
  });

  it('updates a community', async () => {
    const community = await createdCommunity(db.repositories);
    const updated = {
      ...community,
      name: 'Renamed',
      description: 'New',
      visibility: 'invite_only' as const,
      defaultLocale: 'en' as const,
      erasureContentPolicy: 'delete' as const,
    };
    await db.repositories.communities.update(updated);
    expect(await db.repositories.communities.findById(community.id)).toEqual(updated);
  });

  it('rejects an unknown visibility or erasure policy (check constraints)', async () => {
    await expect(db.repositories.communities.create(aCommunity({ visibility: 'secret' as 'public' }))).rejects.toThrow();
    await expect(db.repositories.communities.create(aCommunity({ erasureContentPolicy: 'keep' as 'delete' }))).rejects.toThrow();
  });

  it('defaults the erasure policy of existing communities to anonymize', async () => {
    const community = aCommunity();
    await db.kysely
      .insertInto('communities')
      .values({ id: community.id, slug: community.slug, name: 'Old', description: '', visibility: 'public', default_locale: 'de', created_at: new Date().toISOString() })
      .execute();
    expect((await db.repositories.communities.findById(community.id))?.erasureContentPolicy).toBe('anonymize');
  });

  describe('directory', () => {
    it('shows each viewer what they may see, with member counts and their role', async () => {
      const repos = db.repositories;
      const [alice, bob, carol, admin] = await Promise.all([
        createdAccount(repos),
        createdAccount(repos),
        createdAccount(repos),
        createdAccount(repos, { isInstanceAdmin: true }),
      ]);
      if (!alice || !bob || !carol || !admin) throw new Error('accounts missing');
      const open = await createdCommunity(repos, { visibility: 'public', name: 'A open' });
      const closed = await createdCommunity(repos, { visibility: 'private', name: 'B closed' });
      const hidden = await createdCommunity(repos, { visibility: 'invite_only', name: 'C hidden' });
      const otherHidden = await createdCommunity(repos, { visibility: 'invite_only', name: 'D hidden' });
      const join = (communityId: string, accountId: string, role: 'member' | 'owner' | 'moderator') =>
        repos.memberships.add({ communityId, accountId, role, joinedAt: T0 });
      await join(open.id, alice.id, 'owner');
      await join(open.id, bob.id, 'member');
      await join(open.id, carol.id, 'member');
      await join(closed.id, bob.id, 'owner');
      await join(hidden.id, alice.id, 'moderator');
      const ours = new Set([open.id, closed.id, hidden.id, otherHidden.id]);
      const directory = async (viewer: Parameters<typeof directoryFilter>[0]) =>
        (await repos.communities.list(directoryFilter(viewer)))
          .filter((entry) => ours.has(entry.id))
          .map((entry: DirectoryEntry) => [entry.name, entry.memberCount, entry.viewerRole]);

      expect(await directory(null)).toEqual([
        ['A open', 3, null],
        ['B closed', 1, null],
      ]);
      expect(await directory({ accountId: alice.id, isInstanceAdmin: false })).toEqual([
        ['A open', 3, 'owner'],
        ['B closed', 1, null],
        ['C hidden', 1, 'moderator'],
      ]);
      expect(await directory({ accountId: bob.id, isInstanceAdmin: false })).toEqual([
        ['A open', 3, 'member'],
        ['B closed', 1, 'owner'],
      ]);
      expect(await directory({ accountId: admin.id, isInstanceAdmin: true })).toEqual([
        ['A open', 3, null],
        ['B closed', 1, null],
        ['C hidden', 1, null],
        ['D hidden', 0, null],
      ]);
    });

    it('returns whole communities, mapped to domain types', async () => {
      const community = await createdCommunity(db.repositories, { visibility: 'public' });
      const entry = (await db.repositories.communities.list(directoryFilter(null))).find((e) => e.id === community.id);
      expect(entry).toEqual({ ...community, memberCount: 0, viewerRole: null });
    });
  });
});
