import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@quorum/db/testing';
import { hashToken } from '../auth/tokens.js';
import { sessionCookieName } from '../auth/sessions.js';
import { createHttpServer } from '../http.js';
import { exportContents } from '@quorum/domain/privacy/privacy-use-cases';
import { createAppJobRunner } from '../jobs/app-jobs.js';
import { idOf } from '../testing/community-fixture.js';
import { workerDiesOn } from '../testing/dying-worker.js';
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

  const download = (exportId: string, browser?: TestClient) =>
    fetch(`${base}/exports/${exportId}`, {
      headers: browser?.sessionToken ? { cookie: `${sessionCookieName(app.services.env)}=${browser.sessionToken}` } : {},
    });
  const runJobs = () => createAppJobRunner(app.services, { owner: 'test-runner' }).runUntilIdle();
  const exportFile = (exportId: string) =>
    path.join(app.services.env.dataDir, 'files', 'exports', `${exportId}.zip`);
  const exportFiles = () => {
    const dir = path.join(app.services.env.dataDir, 'files', 'exports');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const unzipped = async (exportId: string, browser: TestClient) => {
    const response = await download(exportId, browser);
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    return {
      files,
      text: Object.values(files)
        .map((file) => strFromU8(file))
        .join('\n'),
    };
  };

  it('exports everything about the member as a ZIP of JSON and CSV, and nothing about others', async () => {
    const ada = await app.signedUp('ada@example.org', { displayName: 'Ada Lovelace' });
    const bob = await app.signedUp('bob@example.org', { displayName: 'Bob Other' });
    const admin = await app.admin();
    const community = await admin.api.communities.create({ slug: 'makers', name: 'Makers', visibility: 'public', defaultLocale: 'en' });
    await ada.api.communities.join({ communityId: community.id });
    await bob.api.communities.join({ communityId: community.id });
    // Her posts come as Markdown files; Bob's thread and words stay his.
    const category = await admin.api.discussions.createCategory({ communityId: community.id, name: 'Talk' });
    const own = await ada.api.discussions.createThread({ categoryId: category.id, title: 'Ada’s engine', body: '# Notes\n\nOn the *engine*' });
    const bobs = await bob.api.discussions.createThread({ categoryId: category.id, title: 'Bob’s question', body: 'Bob’s own words' });
    const answer = await ada.api.discussions.reply({ threadId: bobs.threadId, body: 'Ada answers', quotedPostId: bobs.postId });

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
    // Anonymous survey answers cannot be found for a member: the export says so.
    expect(strFromU8(files['README.txt']!).replace(/\s+/g, ' ')).toContain('Answers to anonymous surveys are stored without any link to you, so they cannot be found and are not in this export');
    const document = JSON.parse(strFromU8(files['quorum-export.json']!)) as { formatVersion: number; account: { email: string }; tables: Record<string, unknown[]> };
    expect(document).toMatchObject({ formatVersion: 1, account: { email: 'ada@example.org' } });
    expect(document.tables['memberships']).toHaveLength(1);
    expect(document.tables['consent_events']).toHaveLength(1);
    expect(document.tables['posts']).toHaveLength(2);
    expect(strFromU8(files[`posts/${own.threadId}/1.md`]!)).toMatch(/^---\npost: "[^"]+"\nthread: "[^"]+"\nthread_title: "Ada’s engine"\n[\s\S]*---\n\n# Notes\n\nOn the \*engine\*\n$/);
    expect(strFromU8(files[`posts/${bobs.threadId}/2.md`]!)).toContain(`quotes_post: "${bobs.postId}"`);
    expect(answer.number).toBe(2);
    const everything = Object.values(files).map((file) => strFromU8(file)).join('\n');
    expect(everything).toContain('Ada Lovelace');
    expect(strFromU8(files['csv/accounts.csv']!)).toContain('ada@example.org');
    for (const foreign of ['bob@example.org', 'Bob Other', await idOf(bob), 'admin@example.org', 'Bob’s question', 'Bob’s own words'])
      expect(everything).not.toContain(foreign);
    expect(everything).not.toMatch(/password_hash|token_hash|\$argon2/);
    expect(everything).not.toContain(hashToken(ada.sessionToken!));
    // Kept as a file only the server's user may read, of the size the download had.
    expect((statSync(exportFile(requested.id)).mode & 0o777).toString(8)).toBe('600');
    expect(statSync(exportFile(requested.id)).size).toBe(
      Number(response.headers.get('content-length')),
    );

    // Nobody else gets it: another member, staff who did not request it, a visitor, a guessed id.
    expect((await download(requested.id, bob)).status).toBe(404);
    expect((await download(requested.id, admin)).status).toBe(404);
    expect((await download(requested.id)).status).toBe(404);
    expect((await download('not-an-id', ada)).status).toBe(404);
    // Another export may be asked for now that the first is done.
    await expect(ada.api.privacy.requestExport()).resolves.toMatchObject({ status: 'pending' });
  });

  it('writes CSV files with a byte-order mark and a display name that reads as a formula neutralized', async () => {
    const mallory = await app.signedUp('mallory@example.org', {
      displayName: '=HYPERLINK("http://evil.example";"Jürgen")',
    });
    const requested = await mallory.api.privacy.requestExport();
    await runJobs();
    const { files } = await unzipped(requested.id, mallory);
    // (strFromU8 drops a byte-order mark, as TextDecoder does: look at the bytes.)
    expect([...files['csv/accounts.csv']!.subarray(0, 6)]).toEqual([
      0xef,
      0xbb,
      0xbf,
      ...Buffer.from('id,'),
    ]);
    const csv = strFromU8(files['csv/accounts.csv']!);
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"";""Jürgen"")",`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it('a moderator’s export holds what they did, not the people they did it to', async () => {
    const owner = await app.admin('owner@example.org');
    const moderator = await app.signedUp('moderator@example.org', {
      displayName: 'Mona Moderator',
    });
    const applicant = await app.signedUp('petra@example.org', { displayName: 'Petra Applicant' });
    const community = await owner.api.communities.create({
      slug: 'patients',
      name: 'Patients',
      visibility: 'private',
      defaultLocale: 'en',
    });
    await moderator.api.communities.requestToJoin({
      communityId: community.id,
      message: 'Mona here',
    });
    const [modRequest] = (await owner.api.communities.joinRequests({ communityId: community.id })).items;
    await owner.api.communities.decideJoinRequest({ requestId: modRequest!.id, approve: true });
    await owner.api.communities.changeRole({
      communityId: community.id,
      accountId: await idOf(moderator),
      role: 'moderator',
    });

    const secret = 'I am Petra, diagnosed with asthma';
    await applicant.api.communities.requestToJoin({ communityId: community.id, message: secret });
    const [request] = (await moderator.api.communities.joinRequests({ communityId: community.id })).items;
    await moderator.api.communities.decideJoinRequest({ requestId: request!.id, approve: true });
    const reason = 'Petra asked about her asthma note';
    await moderator.api.members.details({
      communityId: community.id,
      accountId: await idOf(applicant),
      reason,
    });

    const requested = await moderator.api.privacy.requestExport();
    await runJobs();
    const { files, text } = await unzipped(requested.id, moderator);
    for (const foreign of [
      secret,
      reason,
      'petra@example.org',
      'Petra Applicant',
      await idOf(applicant),
    ])
      expect(text).not.toContain(foreign);
    const document = JSON.parse(strFromU8(files['quorum-export.json']!)) as {
      tables: Record<string, Record<string, unknown>[]>;
    };
    // Her own request, whole; the decision she made, as a decision.
    expect(document.tables['join_requests']).toContainEqual(
      expect.objectContaining({ account_id: await idOf(moderator), message: 'Mona here' }),
    );
    expect(document.tables['join_requests']).toContainEqual({
      id: request!.id,
      community_id: community.id,
      status: 'approved',
      decided_at: expect.any(String),
      decided_by: await idOf(moderator),
    });
    expect(document.tables['audit_log']).toEqual([
      {
        id: expect.any(String),
        actor_id: await idOf(moderator),
        community_id: community.id,
        action: 'member.details_viewed',
        occurred_at: expect.any(String),
      },
    ]);
    // The applicant's own export has both, whole: her message, and who looked at her data and why.
    const own = await applicant.api.privacy.requestExport();
    await runJobs();
    const { text: hers } = await unzipped(own.id, applicant);
    expect(hers).toContain(secret);
    expect(hers).toContain(reason);
  });

  it('fails an export whose worker died on every attempt, so the member can ask again', async () => {
    const member = await app.signedUp('unlucky@example.org');
    const requested = await member.api.privacy.requestExport();
    await workerDiesOn(app.db, app.services.clock, 'export', 5);
    await runJobs();
    expect((await member.api.privacy.center()).exports).toMatchObject([
      { id: requested.id, status: 'failed' },
    ]);
    await expect(member.api.privacy.requestExport()).resolves.toMatchObject({ status: 'pending' });
  });

  it('reads an export’s tables from one snapshot: what is written meanwhile is not half in it', async () => {
    const admin = await app.admin();
    const member = await app.signedUp('snap@example.org');
    const community = await admin.api.communities.create({
      slug: 'snap',
      name: 'Snap',
      visibility: 'public',
      defaultLocale: 'en',
    });
    await app.db.readSnapshot(async (repos) => {
      const contents = await exportContents(repos, await idOf(member), app.services.clock.now());
      expect(await contents.rows('memberships')).toEqual([]);
      // Joining writes a membership and a consent event, committed while the export is being read.
      await member.api.communities.join({ communityId: community.id });
      expect(await contents.rows('memberships')).toEqual([]);
      expect(await contents.rows('consent_events')).toHaveLength(1); // the sign-up's terms only
    });
    expect(
      await app.db.repositories.memberships.find(community.id, await idOf(member)),
    ).not.toBeNull();
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
    const done = await member.api.privacy.requestExport();
    await runJobs();
    expect(exportFiles()).toEqual([`${done.id}.zip`]);
    await member.api.privacy.requestExport();
    expect((await failureOf(other.api.admin.eraseAccount({ accountId: memberId, reason: 'I do not like them' }))).domainCode).toBe('FORBIDDEN');

    await expect(admin.api.admin.eraseAccount({ accountId: memberId, reason: 'Request by letter of 4 May' })).resolves.toEqual({ ok: true });
    expect((await member.api.auth.me()).account).toBeNull();
    expect((await failureOf(member.api.privacy.center())).domainCode).toBe('UNAUTHENTICATED');
    expect(
      (
        await failureOf(
          admin.api.admin.eraseAccount({
            accountId: memberId,
            reason: 'Request by letter of 4 May',
          }),
        )
      ).domainCode,
    ).toBe('NOT_FOUND');
    // Both exports (the file of the ready one too) and the pending one's job went with the account.
    expect(await app.db.kysely.selectFrom('data_exports').selectAll().execute()).toEqual([]);
    expect(exportFiles()).toEqual([]);
    expect(await runJobs()).toBe(0);
    // The other member is untouched.
    expect((await other.api.auth.me()).account?.email).toBe('stays@example.org');

    const log = await admin.api.admin.auditLog({ communityId: null });
    const entry = log.items.find((candidate) => candidate.action === 'member.erased')!;
    expect(entry).toMatchObject({ actorName: 'Admin', subjectName: null, reason: 'Request by letter of 4 May' });
    expect(entry.subjectId).not.toBe(memberId);
  });

  it('an erasure while the member’s export is being written leaves no file behind', async () => {
    const member = await app.signedUp('exporting@example.org');
    await member.api.privacy.requestExport();
    let reach!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (reach = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The job has read its snapshot and is about to write the ZIP when the member leaves.
    const files = {
      ...app.services.files,
      write: async (key: string, chunks: AsyncIterable<Uint8Array | string>) => {
        reach();
        await gate;
        return app.services.files.write(key, chunks);
      },
    };
    const runner = createAppJobRunner({ ...app.services, files }, { owner: 'held-runner' });
    const running = runner.runOnce().catch(() => undefined);
    await reached;
    await member.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
    release();
    await running;
    expect(exportFiles()).toEqual([]);
  });

  it('an admin’s download of an export whose member is erased meanwhile is a 404, with nothing logged about the real id', async () => {
    const admin = await app.admin();
    const member = await app.signedUp('vanishing@example.org');
    const memberId = await idOf(member);
    const dataExport = await admin.api.admin.requestExport({ accountId: memberId, reason: 'Request by email of 3 May' });
    await runJobs();
    // The download has found the export and its file when the erasure commits.
    const files = {
      ...app.services.files,
      read: async (key: string) => {
        const file = await app.services.files.read(key);
        await admin.api.admin.eraseAccount({ accountId: memberId, reason: 'Request by letter of 4 May' });
        return file;
      },
    };
    const racing = createHttpServer({ ...app.services, files });
    await new Promise<void>((resolve) => racing.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(racing.address() as AddressInfo).port}/exports/${dataExport.id}`, {
        headers: { cookie: `${sessionCookieName(app.services.env)}=${admin.sessionToken}` },
      });
      expect(response.status).toBe(404);
    } finally {
      racing.closeAllConnections();
      await new Promise((resolve) => racing.close(resolve));
    }
    expect(await app.db.repositories.auditLog.listForSubject(memberId)).toEqual([]);
  });
});
