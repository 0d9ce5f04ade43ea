import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinRequest } from '@quorum/domain/communities/membership';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { createdAccount, createdCommunity, firstPage, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyJoinRequestRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  async function aRequest(communityId: string, accountId: string, overrides: Partial<JoinRequest> = {}): Promise<JoinRequest> {
    const request: JoinRequest = {
      id: randomUUID(),
      communityId,
      accountId,
      message: 'Hallo!',
      status: 'pending',
      createdAt: T0,
      decidedAt: null,
      decidedBy: null,
      ...overrides,
    };
    await db.repositories.joinRequests.create(request);
    return request;
  }

  it('creates a request and finds it by id and as pending', async () => {
    const account = await createdAccount(db.repositories);
    const community = await createdCommunity(db.repositories, { visibility: 'private' });
    const request = await aRequest(community.id, account.id);
    expect(await db.repositories.joinRequests.findById(request.id)).toEqual(request);
    expect(await db.repositories.joinRequests.findPending(community.id, account.id)).toEqual(request);
    expect(await db.repositories.joinRequests.findById(randomUUID())).toBeNull();
  });

  it('refuses a second pending request of one account to one community', async () => {
    const [account, owner] = [await createdAccount(db.repositories), await createdAccount(db.repositories)];
    const community = await createdCommunity(db.repositories, { visibility: 'private' });
    const first = await aRequest(community.id, account.id);
    await expect(aRequest(community.id, account.id)).rejects.toMatchObject({ code: 'JOIN_REQUEST_PENDING' });
    await db.repositories.joinRequests.decide(first.id, { status: 'rejected', decidedAt: T0, decidedBy: owner.id });
    await aRequest(community.id, account.id);
  });

  it('records a decision, after which the request is no longer pending', async () => {
    const [account, owner] = [await createdAccount(db.repositories), await createdAccount(db.repositories)];
    const community = await createdCommunity(db.repositories, { visibility: 'private' });
    const request = await aRequest(community.id, account.id);
    const decidedAt = new Date(T0.getTime() + 60_000);
    expect(await db.repositories.joinRequests.decide(request.id, { status: 'rejected', decidedAt, decidedBy: owner.id })).toBe(true);
    expect(await db.repositories.joinRequests.findById(request.id)).toEqual({ ...request, status: 'rejected', decidedAt, decidedBy: owner.id });
    expect(await db.repositories.joinRequests.findPending(community.id, account.id)).toBeNull();
  });

  it('decides only a pending request: a second decision changes nothing and says so', async () => {
    const [account, owner] = [await createdAccount(db.repositories), await createdAccount(db.repositories)];
    const community = await createdCommunity(db.repositories, { visibility: 'private' });
    const request = await aRequest(community.id, account.id);
    expect(await db.repositories.joinRequests.decide(request.id, { status: 'approved', decidedAt: T0, decidedBy: owner.id })).toBe(true);
    expect(await db.repositories.joinRequests.decide(request.id, { status: 'rejected', decidedAt: T0, decidedBy: owner.id })).toBe(false);
    expect(await db.repositories.joinRequests.findById(request.id)).toMatchObject({ status: 'approved' });
  });

  it('lists the pending requests of a community, oldest first, with display names', async () => {
    const community = await createdCommunity(db.repositories, { visibility: 'private' });
    const later = await createdAccount(db.repositories, { displayName: 'Later' });
    const earlier = await createdAccount(db.repositories, { displayName: 'Earlier' });
    const decided = await createdAccount(db.repositories);
    const second = await aRequest(community.id, later.id, { createdAt: new Date(T0.getTime() + 5000) });
    const first = await aRequest(community.id, earlier.id);
    await aRequest(community.id, decided.id, { status: 'approved', decidedAt: T0, decidedBy: earlier.id });
    await aRequest((await createdCommunity(db.repositories)).id, earlier.id);
    expect(await db.repositories.joinRequests.listPending(community.id, firstPage)).toMatchObject({
      items: [
        { ...first, displayName: 'Earlier' },
        { ...second, displayName: 'Later' },
      ],
      total: 2,
    });
  });

  it('deletes the requests of an account with it, and keeps decisions of an erased decider', async () => {
    const [account, decider] = [await createdAccount(db.repositories), await createdAccount(db.repositories)];
    const community = await createdCommunity(db.repositories, { visibility: 'private' });
    const request = await aRequest(community.id, account.id, { status: 'approved', decidedAt: T0, decidedBy: decider.id });
    await db.kysely.deleteFrom('accounts').where('id', '=', decider.id).execute();
    expect(await db.repositories.joinRequests.findById(request.id)).toEqual({ ...request, decidedBy: null });
    await db.kysely.deleteFrom('accounts').where('id', '=', account.id).execute();
    expect(await db.repositories.joinRequests.findById(request.id)).toBeNull();
  });
});
