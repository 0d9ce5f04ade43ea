import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '@quorum/domain/shared/clock';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { createdAccount, T0 } from '../testing/fixtures.js';

describe.each(testDialects)('KyselyKnownDeviceRepository on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  it('remembers a browser per account and refreshes its last use', async () => {
    const account = await createdAccount(db.repositories);
    const other = await createdAccount(db.repositories);
    const browser = randomUUID();
    await db.repositories.knownDevices.remember(browser, account.id, T0);
    expect(await db.repositories.knownDevices.find(browser, account.id)).toEqual({
      tokenHash: browser,
      accountId: account.id,
      createdAt: T0,
      lastUsedAt: T0,
    });
    // Known to this account only, until it signs in to the other one too.
    expect(await db.repositories.knownDevices.find(browser, other.id)).toBeNull();
    const later = new Date(T0.getTime() + DAY);
    await db.repositories.knownDevices.remember(browser, account.id, later);
    expect(await db.repositories.knownDevices.find(browser, account.id)).toMatchObject({ createdAt: T0, lastUsedAt: later });
    await db.repositories.knownDevices.remember(browser, other.id, later);
    expect(await db.repositories.knownDevices.find(browser, other.id)).not.toBeNull();
  });

  it('takes two remembers of one browser at once', async () => {
    const account = await createdAccount(db.repositories);
    const browser = randomUUID();
    await Promise.all([0, 1, 2].map((n) => db.repositories.knownDevices.remember(browser, account.id, new Date(T0.getTime() + n))));
    expect(await db.repositories.knownDevices.find(browser, account.id)).not.toBeNull();
  });

  it('forgets every browser of an account but the one kept, and no one else’s', async () => {
    const account = await createdAccount(db.repositories);
    const other = await createdAccount(db.repositories);
    const [kept, gone, foreign] = [randomUUID(), randomUUID(), randomUUID()];
    await db.repositories.knownDevices.remember(kept, account.id, T0);
    await db.repositories.knownDevices.remember(gone, account.id, T0);
    await db.repositories.knownDevices.remember(foreign, other.id, T0);
    expect(await db.repositories.knownDevices.forgetForAccount(account.id, kept)).toBe(1);
    expect(await db.repositories.knownDevices.find(kept, account.id)).not.toBeNull();
    expect(await db.repositories.knownDevices.find(gone, account.id)).toBeNull();
    expect(await db.repositories.knownDevices.find(foreign, other.id)).not.toBeNull();
    expect(await db.repositories.knownDevices.forgetForAccount(account.id)).toBe(1);
  });

  it('refuses a browser of an unknown account (foreign key)', async () => {
    await expect(db.repositories.knownDevices.remember(randomUUID(), randomUUID(), T0)).rejects.toThrow();
  });
});
