import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@quorum/domain/accounts/account.port';
import { DAY } from '@quorum/domain/shared/clock';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { createdAccount, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('KyselySessionRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  async function aSession(accountId: string, overrides: Partial<Session> = {}): Promise<Session> {
    const session = { id: randomUUID(), accountId, tokenHash: randomUUID(), createdAt: T0, lastSeenAt: T0, ...overrides };
    await db.repositories.sessions.create(session);
    return session;
  }

  it('creates a session and finds it by token hash', async () => {
    const account = await createdAccount(db.repositories);
    const session = await aSession(account.id, { lastSeenAt: new Date(T0.getTime() + 1234) });
    expect(await db.repositories.sessions.findByTokenHash(session.tokenHash)).toEqual(session);
    expect(await db.repositories.sessions.findByTokenHash('unknown')).toBeNull();
  });

  it('finds a session with its account in one read, as both repositories see them', async () => {
    const account = await createdAccount(db.repositories);
    const session = await aSession(account.id, { lastSeenAt: new Date(T0.getTime() + 5678) });
    expect(await db.repositories.sessions.findWithAccount(session.tokenHash)).toEqual({
      session,
      account: await db.repositories.accounts.findById(account.id),
    });
    expect(await db.repositories.sessions.findWithAccount('unknown')).toBeNull();
  });

  it('refuses a session of an unknown account (foreign key)', async () => {
    await expect(aSession(randomUUID())).rejects.toThrow();
  });

  it('touches and deletes a session', async () => {
    const account = await createdAccount(db.repositories);
    const session = await aSession(account.id);
    const later = new Date(T0.getTime() + DAY);
    await db.repositories.sessions.touch(session.id, later);
    expect((await db.repositories.sessions.findByTokenHash(session.tokenHash))?.lastSeenAt).toEqual(later);
    await db.repositories.sessions.delete(session.id);
    expect(await db.repositories.sessions.findByTokenHash(session.tokenHash)).toBeNull();
  });

  it('ends every session of an account but the one kept, and no one else’s', async () => {
    const account = await createdAccount(db.repositories);
    const other = await createdAccount(db.repositories);
    const kept = await aSession(account.id);
    const ended = [await aSession(account.id), await aSession(account.id)];
    const othersSession = await aSession(other.id);
    expect(await db.repositories.sessions.deleteForAccount(account.id, kept.id)).toBe(2);
    expect(await db.repositories.sessions.findByTokenHash(kept.tokenHash)).toEqual(kept);
    for (const session of ended) expect(await db.repositories.sessions.findByTokenHash(session.tokenHash)).toBeNull();
    expect(await db.repositories.sessions.findByTokenHash(othersSession.tokenHash)).toEqual(othersSession);
    expect(await db.repositories.sessions.deleteForAccount(account.id)).toBe(1);
    expect(await db.repositories.sessions.findByTokenHash(kept.tokenHash)).toBeNull();
  });

  it('deletes sessions idle too long or too old', async () => {
    const account = await createdAccount(db.repositories);
    const now = new Date(T0.getTime() + 100 * DAY);
    const idle = await aSession(account.id, { createdAt: new Date(now.getTime() - 20 * DAY), lastSeenAt: new Date(now.getTime() - 15 * DAY) });
    const old = await aSession(account.id, { createdAt: new Date(now.getTime() - 61 * DAY), lastSeenAt: now });
    const fresh = await aSession(account.id, { createdAt: new Date(now.getTime() - 30 * DAY), lastSeenAt: new Date(now.getTime() - DAY) });
    const deleted = await db.repositories.sessions.deleteExpired(new Date(now.getTime() - 14 * DAY), new Date(now.getTime() - 60 * DAY));
    expect(deleted).toBeGreaterThanOrEqual(2);
    expect(await db.repositories.sessions.findByTokenHash(idle.tokenHash)).toBeNull();
    expect(await db.repositories.sessions.findByTokenHash(old.tokenHash)).toBeNull();
    expect(await db.repositories.sessions.findByTokenHash(fresh.tokenHash)).toEqual(fresh);
  });
});
