import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { anAccount, anInvitation, createdAccount, createdCommunity, expectDomainError, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyAccountRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('creates an account and finds it by id and by email, with its types intact', async () => {
    const account = anAccount({ emailVerifiedAt: new Date('2026-03-02T11:12:13.456Z'), locale: 'de' });
    await db.repositories.accounts.create(account, 'argon2-hash');
    expect(await db.repositories.accounts.findById(account.id)).toEqual(account);
    expect(await db.repositories.accounts.findByEmail(account.email)).toEqual(account);
    const found = await db.repositories.accounts.findById(account.id);
    expect(found?.createdAt).toBeInstanceOf(Date);
    expect(found?.isInstanceAdmin).toBe(false);
  });

  it('returns null for an unknown id or address', async () => {
    expect(await db.repositories.accounts.findById('00000000-0000-7000-8000-000000000000')).toBeNull();
    expect(await db.repositories.accounts.findByEmail('nobody@example.org')).toBeNull();
    expect(await db.repositories.accounts.findPasswordHash('00000000-0000-7000-8000-000000000000')).toBeNull();
  });

  it('maps a duplicate address to EMAIL_TAKEN, on create and on update', async () => {
    const first = await createdAccount(db.repositories);
    const duplicate = anAccount({ email: first.email });
    await expectDomainError(db.repositories.accounts.create(duplicate, 'h'), 'EMAIL_TAKEN');
    const other = await createdAccount(db.repositories);
    await expectDomainError(db.repositories.accounts.update(other.id, { email: first.email }), 'EMAIL_TAKEN');
  });

  it('keeps the password hash apart and replaces it', async () => {
    const account = await createdAccount(db.repositories);
    expect(await db.repositories.accounts.findPasswordHash(account.id)).toBe('hash');
    await db.repositories.accounts.setPasswordHash(account.id, 'new-hash');
    expect(await db.repositories.accounts.findPasswordHash(account.id)).toBe('new-hash');
  });

  it('updates only the patched fields', async () => {
    const account = await createdAccount(db.repositories);
    const verifiedAt = new Date('2026-03-05T08:00:00.000Z');
    await db.repositories.accounts.update(account.id, { displayName: 'Ada', emailVerifiedAt: verifiedAt });
    expect(await db.repositories.accounts.findById(account.id)).toEqual({
      ...account,
      displayName: 'Ada',
      emailVerifiedAt: verifiedAt,
    });
    await db.repositories.accounts.update(account.id, { email: `new-${account.email}`, locale: 'de', emailVerifiedAt: null });
    await db.repositories.accounts.update(account.id, {});
    expect(await db.repositories.accounts.findById(account.id)).toEqual({
      ...account,
      displayName: 'Ada',
      email: `new-${account.email}`,
      locale: 'de',
    });
  });

  it('counts instance admins', async () => {
    const before = await db.repositories.accounts.countInstanceAdmins();
    await createdAccount(db.repositories, { isInstanceAdmin: true });
    const promoted = await createdAccount(db.repositories);
    await db.repositories.accounts.update(promoted.id, { isInstanceAdmin: true });
    expect(await db.repositories.accounts.countInstanceAdmins()).toBe(before + 2);
    expect(await db.unitOfWork.transaction((repos) => repos.accounts.lockInstanceAdmins())).toContain(promoted.id);
    await db.repositories.accounts.update(promoted.id, { isInstanceAdmin: false });
    expect(await db.repositories.accounts.countInstanceAdmins()).toBe(before + 1);
    expect(await db.unitOfWork.transaction((repos) => repos.accounts.lockInstanceAdmins())).toHaveLength(before + 1);
  });

  it('deletes everything of an account with it (cascade), and keeps invitations it created', async () => {
    const repos = db.repositories;
    const account = await createdAccount(repos);
    const owner = await createdAccount(repos);
    const community = await createdCommunity(repos, { visibility: 'private' });
    await repos.sessions.create({ id: randomUUID(), accountId: account.id, tokenHash: randomUUID(), createdAt: T0, lastSeenAt: T0 });
    await repos.tokens.create({
      tokenHash: randomUUID(), purpose: 'verifyEmail', accountId: account.id, payload: null, expiresAt: T0, createdAt: T0,
    });
    await repos.memberships.add({ communityId: community.id, accountId: account.id, role: 'owner', joinedAt: T0 });
    const requestId = randomUUID();
    await repos.joinRequests.create({
      id: requestId, communityId: community.id, accountId: owner.id, message: '', status: 'pending',
      createdAt: T0, decidedAt: null, decidedBy: null,
    });
    await repos.joinRequests.decide(requestId, { status: 'approved', decidedAt: T0, decidedBy: account.id });
    const invitation = anInvitation(community.id, { createdBy: account.id });
    await repos.invitations.create(invitation);

    await db.kysely.deleteFrom('accounts').where('id', '=', account.id).execute();

    const count = async (table: 'sessions' | 'one_time_tokens' | 'memberships') => {
      const row = await db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', account.id)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    expect(await count('sessions')).toBe(0);
    expect(await count('one_time_tokens')).toBe(0);
    expect(await count('memberships')).toBe(0);
    expect((await repos.joinRequests.findById(requestId))?.decidedBy).toBeNull();
    expect((await repos.invitations.findById(invitation.id))?.createdBy).toBeNull();
  });
});
