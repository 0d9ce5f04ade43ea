import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommunity } from '@quorum/domain/communities/community-use-cases';
import { testDialects } from '@quorum/db/testing';
import { issueSetupLink } from './auth/setup-link.js';
import { newId } from './ids.js';
import { createTestApp, failureOf, TEST_PASSWORD, tokenOf, type TestApp } from './testing/test-app.js';

describe.each(testDialects)('nothing half-written on $name', (dialect) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create());
  });
  afterEach(() => app.close());

  it('a step failing after writes inside a transaction leaves no rows', async () => {
    const admin = await app.admin();
    const viewer = { accountId: (await admin.api.auth.me()).account!.id, isInstanceAdmin: true };
    const attempt = app.db.unitOfWork.transaction(async (repos) => {
      await createCommunity(
        repos,
        { viewer, clock: app.services.clock, newId },
        { slug: 'half-done', name: 'Half done', description: '', visibility: 'public', defaultLocale: 'en', erasureContentPolicy: 'anonymize', timeZone: 'UTC' },
        'admins',
      );
      throw new Error('the next step failed');
    });
    await expect(attempt).rejects.toThrow('the next step failed');
    expect(await app.db.kysely.selectFrom('communities').selectAll().execute()).toEqual([]);
    expect(await app.db.kysely.selectFrom('memberships').selectAll().execute()).toEqual([]);
  });

  it('a setup that fails on a taken email does not use up the setup link', async () => {
    await app.signedUp('taken@example.org');
    const token = tokenOf(await issueSetupLink(app.db, app.services.clock, app.services.env.publicUrl, 'first-admin'));
    const input = { token, password: TEST_PASSWORD, displayName: 'Root', locale: 'en' as const };
    expect((await failureOf(app.client().api.auth.completeSetup({ ...input, email: 'taken@example.org' }))).domainCode).toBe(
      'EMAIL_TAKEN',
    );
    // The token was consumed inside the failed transaction: the rollback restored it.
    await expect(app.client().api.auth.completeSetup({ ...input, email: 'root@example.org' })).resolves.toMatchObject({
      isInstanceAdmin: true,
    });
  });
});
