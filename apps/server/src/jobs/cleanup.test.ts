import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionPolicy, tokenLifetimes } from '@quorum/domain/accounts/session-policy';
import { MINUTE } from '@quorum/domain/shared/clock';
import { testDialects } from '@quorum/db/testing';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { deleteExpired } from './cleanup.js';

describe.each(testDialects)('cleanup job on $name', (dialect) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create());
  });
  afterEach(() => app.close());

  it('deletes idle sessions and expired tokens, keeps live ones', async () => {
    await app.signedUp('idle@example.org'); // one session, one verification token
    app.services.clock.advance(Math.max(sessionPolicy.idleTimeoutMs, tokenLifetimes.verifyEmail) + MINUTE);
    const live = await app.signedUp('live@example.org');

    expect(await deleteExpired(app.services)).toEqual({ sessions: 1, tokens: 1 });
    expect((await live.api.auth.me()).account?.email).toBe('live@example.org');
    expect(await deleteExpired(app.services)).toEqual({ sessions: 0, tokens: 0 });
  });
});
