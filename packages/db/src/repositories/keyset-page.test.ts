import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@quorum/domain/communities/membership';
import { encodeCursor, pageRequest, toPage, type Page } from '@quorum/domain/shared/pagination';
import type { QuorumDatabase } from '../connect.js';
import { postgresCapabilities } from '../dialects/postgres.js';
import { sqliteCapabilities } from '../dialects/sqlite.js';
import { testDialects } from '../testing/dialects.js';
import { anInvitation, at, createdAccount, createdCommunity, expectDomainError, firstPage } from '../testing/fixtures.js';
import { keysetPage, type KeyColumn } from './keyset-page.js';

const roles: Role[] = ['member', 'owner', 'researcher', 'moderator'];

describe.each(testDialects)('keysetPage on $name', (dialect) => {
  let db: QuorumDatabase;
  let communityId: string;
  const caps = dialect.name === 'sqlite' ? sqliteCapabilities : postgresCapabilities;
  beforeAll(async () => {
    db = await dialect.create();
    communityId = (await createdCommunity(db.repositories)).id;
    // 23 members with many ties in role and in joining time: only the last key column is unique.
    for (let i = 0; i < 23; i++) {
      const account = await createdAccount(db.repositories);
      await db.repositories.memberships.add({ communityId, accountId: account.id, role: roles[i % 4]!, joinedAt: at(i % 3) });
    }
  });
  afterAll(() => db?.close());

  const membersQuery = () =>
    db.kysely.selectFrom('memberships as m').select(['m.account_id', 'm.role', 'm.joined_at']).where('m.community_id', '=', communityId);
  type Row = Awaited<ReturnType<ReturnType<typeof membersQuery>['execute']>>[number];
  // Mixed directions over three columns of three kinds.
  const keys: KeyColumn<Row>[] = [
    { ref: 'm.role', order: 'asc', kind: 'text', of: (row) => row.role },
    { ref: 'm.joined_at', order: 'desc', kind: 'timestamp', of: (row) => new Date(row.joined_at).toISOString() },
    { ref: 'm.account_id', order: 'asc', kind: 'text', of: (row) => row.account_id },
  ];
  const scope = 'test:members';
  const read = async (cursor: string | null, limit = 5): Promise<Page<string>> => {
    const page = await keysetPage({ db: db.kysely, caps, query: membersQuery(), keys, request: pageRequest(scope, { cursor, limit }) });
    return toPage(scope, page, (row) => row.account_id);
  };

  it('walks every row once, forward and back, in the order the database sorts by the same keys', async () => {
    const ordered = (
      await membersQuery().orderBy('m.role', 'asc').orderBy('m.joined_at', 'desc').orderBy('m.account_id', 'asc').execute()
    ).map((row) => row.account_id);

    const forward: Page<string>[] = [await read(null)];
    while (forward.at(-1)!.nextCursor) forward.push(await read(forward.at(-1)!.nextCursor));
    expect(forward.map((page) => page.items.length)).toEqual([5, 5, 5, 5, 3]);
    expect(forward.flatMap((page) => page.items)).toEqual(ordered);
    expect(forward.every((page) => page.total === 23)).toBe(true);
    expect(forward[0]!.previousCursor).toBeNull();

    const backward: Page<string>[] = [forward.at(-1)!];
    while (backward.at(-1)!.previousCursor) backward.push(await read(backward.at(-1)!.previousCursor));
    expect(backward.reverse().flatMap((page) => page.items)).toEqual(ordered);
    // Going back from the third page gives exactly the second, with a way forward again.
    const second = await read(forward[2]!.previousCursor);
    expect(second.items).toEqual(forward[1]!.items);
    expect(second.nextCursor).not.toBeNull();
  });

  it('pages by integer keys too', async () => {
    const community = await createdCommunity(db.repositories);
    for (let i = 0; i < 7; i++) await db.repositories.invitations.create(anInvitation(community.id, { uses: i % 2, maxUses: null }));
    const query = db.kysely.selectFrom('invitations').select(['id', 'uses']).where('community_id', '=', community.id);
    type Invitation = Awaited<ReturnType<typeof query.execute>>[number];
    const byUses: KeyColumn<Invitation>[] = [
      { ref: 'uses', order: 'desc', kind: 'integer', of: (row) => Number(row.uses) },
      { ref: 'id', order: 'asc', kind: 'text', of: (row) => row.id },
    ];
    const ordered = (await query.orderBy('uses', 'desc').orderBy('id', 'asc').execute()).map((row) => row.id);
    const first = toPage('uses', await keysetPage({ db: db.kysely, caps, query, keys: byUses, request: { position: null, limit: 4 } }));
    const rest = await keysetPage({ db: db.kysely, caps, query, keys: byUses, request: pageRequest('uses', { cursor: first.nextCursor, limit: 4 }) });
    expect([...first.items, ...rest.items].map((row) => row.id)).toEqual(ordered);
    expect(rest.hasAfter).toBe(false);
  });

  it('refuses a tampered cursor, one from another list, and one whose values do not fit the keys', async () => {
    const { nextCursor } = await read(null);
    const [body, sum] = nextCursor!.split('.');
    const edited = `${body!.slice(0, -2)}${body!.slice(-2) === 'AA' ? 'BB' : 'AA'}.${sum}`;
    await expectDomainError(read(edited), 'VALIDATION');
    await expectDomainError(read(`${body}.0000000000000000`), 'VALIDATION');
    await expect(read('not a cursor')).rejects.toMatchObject({ code: 'VALIDATION', message: 'cursor_invalid' });
    expect(() => pageRequest('test:other-list', { cursor: nextCursor, limit: 5 })).toThrow('cursor_invalid');
    // Checksums are not secret: a well-formed cursor with values of the wrong kind or count is refused too.
    await expectDomainError(read(encodeCursor(scope, { direction: 'after', key: ['member', 'yesterday', 'x'] })), 'VALIDATION');
    await expectDomainError(read(encodeCursor(scope, { direction: 'after', key: ['member', 42, 'x'] })), 'VALIDATION');
    await expectDomainError(read(encodeCursor(scope, { direction: 'before', key: ['member'] })), 'VALIDATION');
  });

  it('searches names in any case and script, taking % and _ literally', async () => {
    const community = await createdCommunity(db.repositories);
    for (const displayName of ['Jürgen Müller', 'ÖZLEM ÇELIK', '100% Ana', 'Ana_B', 'AnaXB']) {
      const account = await createdAccount(db.repositories, { displayName });
      await db.repositories.memberships.add({ communityId: community.id, accountId: account.id, role: 'member', joinedAt: at(0) });
    }
    const names = async (search: string) =>
      (await db.repositories.memberships.listPage(community.id, { search, roles: null }, firstPage)).items.map((m) => m.displayName).sort();
    expect(await names('MÜLLER')).toEqual(['Jürgen Müller']);
    expect(await names('özlem')).toEqual(['ÖZLEM ÇELIK']);
    expect(await names('%')).toEqual(['100% Ana']);
    expect(await names('a_b')).toEqual(['Ana_B']);
    expect(await names('ana')).toEqual(['100% Ana', 'AnaXB', 'Ana_B'].sort());
    expect((await db.repositories.memberships.listPage(community.id, { search: 'nobody', roles: null }, firstPage)).total).toBe(0);
    // The statement really is parameterized: a quote in the term is just a character.
    expect(await names("' or 1=1 --")).toEqual([]);
  });
});
