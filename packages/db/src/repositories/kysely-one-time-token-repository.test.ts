import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OneTimeToken } from '@quorum/domain/accounts/account.port';
import { HOUR } from '@quorum/domain/shared/clock';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { createdAccount, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyOneTimeTokenRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  async function aToken(overrides: Partial<OneTimeToken> = {}): Promise<OneTimeToken> {
    const token: OneTimeToken = {
      tokenHash: randomUUID(),
      purpose: 'resetPassword',
      accountId: null,
      payload: null,
      expiresAt: new Date(T0.getTime() + HOUR),
      createdAt: T0,
      ...overrides,
    };
    await db.repositories.tokens.create(token);
    return token;
  }

  it('consumes a token once, and only for its purpose', async () => {
    const account = await createdAccount(db.repositories);
    const token = await aToken({ accountId: account.id, purpose: 'changeEmail', payload: 'new@example.org' });
    expect(await db.repositories.tokens.consume(token.tokenHash, 'verifyEmail')).toBeNull();
    expect(await db.repositories.tokens.consume(token.tokenHash, 'changeEmail')).toEqual(token);
    expect(await db.repositories.tokens.consume(token.tokenHash, 'changeEmail')).toBeNull();
  });

  it('lets exactly one of two concurrent consumers have the token', async () => {
    const token = await aToken();
    const results = await Promise.all([
      db.repositories.tokens.consume(token.tokenHash, 'resetPassword'),
      db.repositories.tokens.consume(token.tokenHash, 'resetPassword'),
    ]);
    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it('finds the valid tokens of a purpose', async () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const valid = await aToken({ purpose: 'setup', expiresAt: new Date(now.getTime() + HOUR) });
    await aToken({ purpose: 'setup', expiresAt: now });
    await aToken({ purpose: 'verifyEmail', expiresAt: new Date(now.getTime() + HOUR) });
    expect(await db.repositories.tokens.findValid('setup', now)).toEqual([valid]);
  });

  it('deletes the tokens of an account for one purpose', async () => {
    const account = await createdAccount(db.repositories);
    const reset = await aToken({ accountId: account.id, purpose: 'resetPassword' });
    const verify = await aToken({ accountId: account.id, purpose: 'verifyEmail' });
    await db.repositories.tokens.deleteForAccount(account.id, 'resetPassword');
    expect(await db.repositories.tokens.consume(reset.tokenHash, 'resetPassword')).toBeNull();
    expect(await db.repositories.tokens.consume(verify.tokenHash, 'verifyEmail')).toEqual(verify);
  });

  it('deletes expired tokens', async () => {
    const now = new Date('2031-01-01T00:00:00.000Z');
    const expired = await aToken({ expiresAt: new Date(now.getTime() - 1) });
    const live = await aToken({ expiresAt: new Date('2099-01-01T00:00:00.000Z') });
    expect(await db.repositories.tokens.deleteExpired(now)).toBeGreaterThanOrEqual(1);
    expect(await db.repositories.tokens.consume(expired.tokenHash, 'resetPassword')).toBeNull();
    expect(await db.repositories.tokens.consume(live.tokenHash, 'resetPassword')).toEqual(live);
  });

  it('rejects an unknown purpose (check constraint)', async () => {
    await expect(aToken({ purpose: 'nonsense' as OneTimeToken['purpose'] })).rejects.toThrow();
  });

  it('reads a token without using it up, only for its purpose', async () => {
    const token = await aToken({ purpose: 'resetPassword' });
    expect(await db.repositories.tokens.find(token.tokenHash, 'changeEmail')).toBeNull();
    expect(await db.repositories.tokens.find(token.tokenHash, 'resetPassword')).toEqual(token);
    expect(await db.repositories.tokens.consume(token.tokenHash, 'resetPassword')).toEqual(token);
    expect(await db.repositories.tokens.find(token.tokenHash, 'resetPassword')).toBeNull();
  });

  it('revokes every token of one purpose and none of another', async () => {
    const setups = [await aToken({ purpose: 'setup' }), await aToken({ purpose: 'setup' })];
    const reset = await aToken({ purpose: 'resetPassword' });
    expect(await db.repositories.tokens.deleteAll('setup')).toBeGreaterThanOrEqual(2);
    for (const setup of setups) expect(await db.repositories.tokens.find(setup.tokenHash, 'setup')).toBeNull();
    expect(await db.repositories.tokens.find(reset.tokenHash, 'resetPassword')).toEqual(reset);
  });
});
