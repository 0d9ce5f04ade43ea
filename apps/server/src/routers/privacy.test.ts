import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { hashToken } from '../auth/tokens.js';
import { sessionCookieName } from '../auth/sessions.js';
import { createHttpServer } from '../http.js';
import { createAppJobRunner } from '../jobs/app-jobs.js';
import { createTestApp, failureOf, TEST_PASSWORD, type TestApp, type TestClient } from '../testing/test-app.js';

describe.each(testDialects)('privacy center, export and erasure on $name', (dialect) => {
  let app: TestApp;
  let server: http.Server;
  let base: string;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create());
    server = createHttpServer(app.services);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  const idOf = async (browser: TestClient) => (await browser.api.auth.me()).account!.id;
  const download = (exportId: string, browser?: TestClient) =>
    fetch(`${base}/exports/${exportId}`, {
      headers: browser?.sessionToken ? { cookie: `${sessionCookieName(app.services.env)}=${browser.sessionToken}` } : {},
    });
  const runJobs = () => createAppJobRunner(app.services, { owner: 'test-runner' }).runUntilIdle();

  it('exports everything about the member as a ZIP of JSON and CSV, and nothing about others', async () => {
    const ada = await app.signedUp('ada@example.org', { displayName: 'Ada Lovelace' });
    const bob = await app.signedUp('bob@example.org', { displayName: 'Bob Other' });
    const admin = await app.admin();
    const community = await admin.api.communities.create({ slug: 'makers', name: 'Makers', visibility: 'public', defaultLocale: 'en' });
    await ada.api.communities.join({ communityId: community.id });
    await bob.api.communities.join({ communityId: community.id });

    const requested = await ada.api.privacy.requestExport();
    expect(requested).toMatchObject({ status: 'pending', accountId: await idOf(ada) });
    // A second export while one runs is refused.
    expect((await failureOf(ada.api.privacy.requestExport())).domainCode).toBe('EXPORT_IN_PROGRESS');
    expect((await ada.api.privacy.center()).exports).toMatchObject([{ id: requested.id, status: 'pending', progress: 0 }]);
    expect((await download(requested.id, ada)).status).toBe(404); // not ready yet

    expect(await runJobs()).toBeGreaterThanOrEqual(1);
    expect((await ada.api.privacy.center()).exports).toMatchObject([{ id: requested.id, status: 'ready', progress: 100 }]);
    const log = await app.db.repositories.jobs.listLog(requested.jobId);
    // (Lines written at the same instant of the test's fixed clock have no order among themselves.)
    expect(log.map((line) => line.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^collected \d+ rows from \d+ tables$/), expect.stringMatching(/^ready: \d+ bytes$/), 'succeeded']),
    );

    const response = await download(requested.id, ada);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="quorum-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.txt', 'quorum-export.json', 'csv/accounts.csv', 'csv/memberships.csv', 'csv/consent_events.csv']));
    const document = JSON.parse(strFromU8(files['quorum-export.json']!)) as { formatVersion: number; account: { email: string }; tables: Record<string, unknown[]> };
    expect(document).toMatchObject({ formatVersion: 1, account: { email: 'ada@example.org' } });
    expect(document.tables['memberships']).toHaveLength(1);
    expect(document.tables['consent_events']).toHaveLength(1);
    const everything = Object.values(files).map((file) => strFromU8(file)).join('\n');
    expect(everything).toContain('Ada Lovelace');
    expect(strFromU8(files['csv/accounts.csv']!)).toContain('ada@example.org');
    for (const foreign of ['bob@example.org', 'Bob Other', await idOf(bob), 'admin@example.org']) expect(everything).not.toContain(foreign);
    expect(everything).not.toMatch(/password_hash|token_hash|\$argon2/);
    expect(everything).not.toContain(hashToken(ada.sessionToken!));

    // Nobody else gets it: another member, staff who did not request it, a visitor, a guessed id.
    expect((await download(requested.id, bob)).status).toBe(404);
    expect((await download(requested.id, admin)).status).toBe(404);
    expect((await download(requested.id)).status).toBe(404);
    expect((await download('not-an-id', ada)).status).toBe(404);
    // Another export may be asked for now that the first is done.
    await expect(ada.api.privacy.requestExport()).resolves.toMatchObject({ status: 'pending' });
  });

  it('an admin exports on the member’s request: audited, downloadable by that admin, visible to the member', async () => {
    const admin = await app.admin();
    const member = await app.signedUp('subject@example.org');
    const memberId = await idOf(member);
    expect((await failureOf(member.api.admin.requestExport({ accountId: await idOf(admin), reason: 'Curious about it' }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(admin.api.admin.requestExport({ accountId: memberId, reason: '' }))).issues).toContainEqual({ path: ['reason'], message: 'reason_required' });

    const found = await admin.api.admin.findAccount({ email: 'subject@example.org', reason: 'Request by email of 3 May' });
    expect(found.id).toBe(memberId);
    const dataExport = await admin.api.admin.requestExport({ accountId: memberId, reason: 'Request by email of 3 May' });
    await runJobs();
    expect((await download(dataExport.id, admin)).status).toBe(200);
    expect((await download(dataExport.id, member)).status).toBe(200);

    const accesses = (await member.api.privacy.center()).accesses;
    expect(accesses.map((entry) => entry.action).sort()).toEqual(['member.details_viewed', 'member.export_downloaded', 'member.export_requested']);
    expect(accesses.every((entry) => entry.actorName === 'Admin' && entry.subjectId === memberId)).toBe(true);
    expect(accesses.find((entry) => entry.action === 'member.export_requested')?.reason).toBe('Request by email of 3 May');
  });

  it('deletes the own account only with the right password; then the session is gone and sign-in fails', async () => {
    const member = await app.signedUp('leaving@example.org', { displayName: 'Leaving Person' });
    const accountId = await idOf(member);
    const token = member.sessionToken;

    expect((await failureOf(member.api.privacy.deleteAccount({ password: 'wrong password', confirm: true }))).domainCode).toBe('INVALID_CREDENTIALS');
    expect(await app.db.repositories.accounts.findById(accountId)).not.toBeNull();
    expect((await member.api.auth.me()).account?.id).toBe(accountId);
    expect((await failureOf(member.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: false as true }))).issues).toContainEqual({ path: ['confirm'], message: 'confirm_required' });

    await expect(member.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true })).resolves.toEqual({ ok: true });
    expect(member.sessionToken).toBeNull();
    member.sessionToken = token; // the old cookie, replayed
    expect((await member.api.auth.me()).account).toBeNull();
    expect((await failureOf(app.client().api.auth.signIn({ email: 'leaving@example.org', password: TEST_PASSWORD }))).domainCode).toBe('INVALID_CREDENTIALS');
    expect(await app.db.repositories.accounts.findById(accountId)).toBeNull();
    // The ledger keeps its proof under a tombstone; the erasure is logged under it too.
    const events = await app.db.kysely.selectFrom('consent_events').selectAll().execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.account_id).not.toBe(accountId);
    const erased = await app.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'member.erased').execute();
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({ subject_id: events[0]!.account_id, actor_id: events[0]!.account_id });
  });

  it('an admin erases an account on request, once; the member’s session ends at once', async () => {
    const admin = await app.admin();
    const member = await app.signedUp('erase-me@example.org');
    const other = await app.signedUp('stays@example.org');
    const memberId = await idOf(member);
    await member.api.privacy.requestExport();
    expect((await failureOf(other.api.admin.eraseAccount({ accountId: memberId, reason: 'I do not like them' }))).domainCode).toBe('FORBIDDEN');

    await expect(admin.api.admin.eraseAccount({ accountId: memberId, reason: 'Request by letter of 4 May' })).resolves.toEqual({ ok: true });
    expect((await member.api.auth.me()).account).toBeNull();
    expect((await failureOf(member.api.privacy.center())).domainCode).toBe('UNAUTHENTICATED');
    expect((await failureOf(admin.api.admin.eraseAccount({ accountId: memberId, reason: 'Request by letter of 4 May' }))).domainCode).toBe('NOT_FOUND');
    // The pending export and its job went with the account; the runner finds nothing to do.
    expect(await app.db.kysely.selectFrom('data_exports').selectAll().execute()).toEqual([]);
    expect(await runJobs()).toBe(0);
    // The other member is untouched.
    expect((await other.api.auth.me()).account?.email).toBe('stays@example.org');

    const log = await admin.api.admin.auditLog({ communityId: null });
    const entry = log.find((candidate) => candidate.action === 'member.erased')!;
    expect(entry).toMatchObject({ actorName: 'Admin', subjectName: null, reason: 'Request by letter of 4 May' });
    expect(entry.subjectId).not.toBe(memberId);
  });
});
