import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects } from '@quorum/db/testing';
import { createAppJobRunner } from './jobs/app-jobs.js';
import { label, shown } from './testing/community-fixture.js';
import { bikeSurvey } from './testing/survey-fixtures.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './testing/test-app.js';

/**
 * The erasure scan: a member who did everything Quorum offers deletes their account,
 * and afterwards no text anywhere in the database holds their email, name or id.
 */
describe.each(testDialects)('erasure scan on $name', (dialect) => {
  let app: TestApp;
  let url: string;
  beforeEach(async () => {
    const created = await dialect.createWithUrl();
    url = created.url;
    app = await createTestApp(created.db, { env: { COMMUNITY_CREATION: 'everyone' } });
  });
  afterEach(() => app.close());

  /** Every row of every table, every column as text. */
  async function everyValue(): Promise<string> {
    const tables =
      app.db.dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(app.db.kysely)).rows.map((row) => row.name)
        : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(app.db.kysely)).rows.map(
            (row) => row.name,
          );
    expect(tables).toContain('consent_events');
    const dumps = await Promise.all(
      tables.map(async (table) => {
        const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(app.db.kysely)).rows;
        return `${table}: ${JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value))}`;
      }),
    );
    return dumps.join('\n');
  }

  it('finds nothing of a member erased on request, though staff named them in their reasons', async () => {
    const email = 'rita.reason@example.org';
    const name = 'Rita Reasonable';
    const admin = await app.admin();
    const rita = await app.signedUp(email, { displayName: name });
    const ritaId = (await rita.api.auth.me()).account!.id;
    const community = await admin.api.communities.create({ slug: 'reasons', name: 'Reasons', visibility: 'public', defaultLocale: 'en' });
    await rita.api.communities.join({ communityId: community.id, answers: {} });
    await admin.api.members.details({ communityId: community.id, accountId: ritaId, reason: `RITA REASONABLE called about her profile` });
    await admin.api.admin.findAccount({ email, reason: `Letter of 4 May from ${name} (${email.toUpperCase()})` });
    await admin.api.admin.eraseAccount({ accountId: ritaId, reason: `Erasure requested by ${name}, ${email}` });

    const after = await everyValue();
    for (const needle of [email, name, ritaId]) expect(after.toLowerCase(), needle).not.toContain(needle.toLowerCase());
    // What staff did and why stays readable.
    expect(after).toContain('called about her profile');
    expect(after).toContain('Erasure requested by');
  });

  it('finds nothing of an erased member in any column of any table', async () => {
    const email = 'erika.erasure@example.org';
    const name = 'Erika Erasure-Test';
    const admin = await app.admin();
    const erika = await app.signedUp(email, { displayName: name });
    const erikaId = (await erika.api.auth.me()).account!.id;
    const other = await app.signedUp('other@example.org', { displayName: 'Otto Other' });

    // Erika runs a community: publishes its terms, defines a profile, invites, decides a request.
    const own = await erika.api.communities.create({ slug: 'erikas-club', name: 'Club', visibility: 'private', defaultLocale: 'en' });
    await erika.api.policies.publish({ communityId: own.id, document: 'terms', texts: { de: 'Die Regeln des Clubs, bitte lesen.', en: 'The rules of the club, please read.' } });
    const attribute = await erika.api.profile.saveAttribute({ communityId: own.id, key: 'region', type: 'text', label: label('Region') });
    await erika.api.invitations.create({ communityId: own.id, role: 'member', expiresInDays: 7, maxUses: 1, note: 'for Otto' });
    await other.api.communities.requestToJoin({ communityId: own.id, message: 'Let me in' });
    const { items: [request] } = await erika.api.communities.joinRequests({ communityId: own.id });
    await erika.api.communities.decideJoinRequest({ requestId: request!.id, approve: true });
    await other.api.profile.saveMine({ communityId: own.id, answers: { [attribute.id]: 'Süd' } });
    await erika.api.members.details({ communityId: own.id, accountId: (await other.api.auth.me()).account!.id, reason: 'Checking the new member' });

    // She is a member elsewhere with a profile and consents, and staff looked at her data.
    const public_ = await admin.api.communities.create({ slug: 'public-one', name: 'Public', visibility: 'public', defaultLocale: 'en' });
    const where = await admin.api.profile.saveAttribute({ communityId: public_.id, key: 'city', type: 'text', label: label('City') });
    await erika.api.communities.join({ communityId: public_.id, answers: {} });
    await erika.api.profile.saveMine({ communityId: public_.id, answers: { [where.id]: `${name} lives here` } });
    const research = (await erika.api.consent.overview({ locale: 'en' })).find((item) => item.purpose.id === 'research_surveys')!;
    await erika.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'research_surveys', action: 'grant', ...shown(research.text) }] });
    // She runs a survey in her club and answers one survey of every anonymity mode (one unfinished).
    await erika.api.surveys.create({ communityId: own.id, anonymity: 'identified', definition: JSON.stringify(bikeSurvey) });
    for (const anonymity of ['identified', 'pseudonymous', 'anonymous'] as const) {
      const survey = await admin.api.surveys.create({ communityId: public_.id, anonymity, definition: JSON.stringify(bikeSurvey) });
      await admin.api.surveys.changeLifecycle({ surveyId: survey.survey.id, change: { action: 'open' } });
      await erika.api.surveys.submit({ surveyId: survey.survey.id, answers: { rides: true, bike_name: 'Blitz', score: 9 }, version: 1 });
    }
    const unfinished = await admin.api.surveys.create({ communityId: public_.id, anonymity: 'pseudonymous', definition: JSON.stringify(bikeSurvey) });
    await admin.api.surveys.changeLifecycle({ surveyId: unfinished.survey.id, change: { action: 'open' } });
    await erika.api.surveys.saveProgress({ surveyId: unfinished.survey.id, answers: { rides: true }, pageId: 'bike' });
    await erika.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'research_surveys', action: 'withdraw' }] });
    await admin.api.members.details({ communityId: public_.id, accountId: erikaId, reason: 'Support request' });
    await admin.api.admin.findAccount({ email, reason: 'Data request by email' });
    await admin.api.admin.requestExport({ accountId: erikaId, reason: 'Data request by email' });
    await erika.api.account.requestEmailChange({ currentPassword: TEST_PASSWORD, newEmail: 'erika.new@example.org' });
    await app.smtp.next('erika.new@example.org');
    await createAppJobRunner(app.services).runUntilIdle();
    await erika.api.privacy.requestExport(); // pending while she leaves

    // She discusses in both: her club keeps an erased member's posts anonymized, the public
    // community deletes them. Otto quotes her; she edits (a revision), reads, deletes his post as staff.
    const clubTalk = await erika.api.discussions.createCategory({ communityId: own.id, name: 'Talk' });
    const clubThread = await erika.api.discussions.createThread({ categoryId: clubTalk.id, title: 'Erikas club thread', body: 'Erikas first draft' });
    await erika.api.discussions.editPost({ postId: clubThread.postId, body: 'Erikas anonymized words' });
    const ottoQuotes = await other.api.discussions.reply({ threadId: clubThread.threadId, body: 'Otto agrees', quotedPostId: clubThread.postId });
    const ottoSpam = await other.api.discussions.reply({ threadId: clubThread.threadId, body: 'Otto off topic' });
    await erika.api.discussions.deletePost({ postId: ottoSpam.postId });
    await admin.api.communities.update({ communityId: public_.id, name: 'Public', description: '', visibility: 'public', defaultLocale: 'en', erasureContentPolicy: 'delete' });
    await other.api.communities.join({ communityId: public_.id, answers: {} });
    const publicTalk = await admin.api.discussions.createCategory({ communityId: public_.id, name: 'Talk' });
    const publicThread = await erika.api.discussions.createThread({ categoryId: publicTalk.id, title: 'Erikas public title', body: 'Erikas delete-policy words' });
    await other.api.discussions.reply({ threadId: publicThread.threadId, body: 'Otto in public', quotedPostId: publicThread.postId });
    await erika.api.discussions.thread({ threadId: clubThread.threadId });
    await app.services.readMarks.flush();
    await erika.api.discussions.thread({ threadId: publicThread.threadId }); // a mark still in memory when she goes

    expect(readdirSync(path.join(app.services.env.dataDir, 'files', 'exports'))).toHaveLength(1); // the admin's, ready
    const before = await everyValue();
    for (const needle of [email, name, erikaId, 'Erikas first draft', 'Erikas delete-policy words', 'Erikas public title']) expect(before).toContain(needle);

    await erika.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });

    const after = await everyValue();
    for (const needle of [email, 'erika.new@example.org', name, erikaId]) expect(after, needle).not.toContain(needle);
    // The others and the proof remain.
    expect(after).toContain('other@example.org');
    // Her posts follow each community's policy; her edit history goes; what Otto wrote stays his.
    for (const gone of ['Erikas first draft', 'Erikas delete-policy words', 'Erikas public title']) expect(after, gone).not.toContain(gone);
    for (const kept of ['Erikas anonymized words', 'Erikas club thread', 'Otto agrees', 'Otto in public']) expect(after, kept).toContain(kept);
    // Bylines and quote attributions are read at read time: "deleted member" everywhere.
    const club = await other.api.discussions.thread({ threadId: clubThread.threadId });
    expect(club.thread.authorName).toBeNull();
    expect(club.posts.items.map((post) => [post.authorName, post.body, post.deleted])).toEqual([
      [null, 'Erikas anonymized words', false],
      ['Otto Other', 'Otto agrees', false],
      ['Otto Other', '', true],
    ]);
    expect(club.posts.items[1]!.quote).toMatchObject({ postId: clubThread.postId, authorName: null, excerpt: 'Erikas anonymized words' });
    expect(ottoQuotes.number).toBe(2);
    const publicPage = await other.api.discussions.thread({ threadId: publicThread.threadId });
    expect(publicPage.thread).toMatchObject({ title: '', authorId: null });
    expect(publicPage.posts.items.map((post) => [post.authorName, post.body, post.deleted])).toEqual([
      [null, '', true],
      ['Otto Other', 'Otto in public', false],
    ]);
    expect(publicPage.posts.items[1]!.quote).toMatchObject({ authorName: null, excerpt: '', deleted: true });
    // Her read mark still in memory is dropped, not written for an account that is gone.
    await app.services.readMarks.flush();
    expect(await everyValue()).not.toContain(erikaId);
    expect(Number((await app.db.kysely.selectFrom('consent_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(4); // her three (now a tombstone’s) and Otto’s terms

    // Her export file went too.
    const exportsDir = path.join(app.services.env.dataDir, 'files', 'exports');
    expect(existsSync(exportsDir) ? readdirSync(exportsDir) : []).toEqual([]);

    if (app.db.dialect === 'sqlite') {
      // As a file backup would copy them, right after the erasure: secure_delete zeroed the
      // freed pages, and the erasure's own checkpoint emptied the write-ahead log.
      const file = url.replace(/^sqlite:/, '');
      for (const copy of [file, `${file}-wal`]) {
        const bytes = existsSync(copy) ? readFileSync(copy).toString('latin1') : '';
        for (const needle of [email, name, erikaId, 'Erikas first draft', 'Erikas delete-policy words'])
          expect(bytes.includes(needle), `${needle} in ${copy}`).toBe(false);
      }
      expect(readFileSync(file).toString('latin1')).toContain('other@example.org');
    }
  });
});

describe('erasure during a long read on sqlite', () => {
  const sqlite = testDialects.find((dialect) => dialect.name === 'sqlite')!;

  it('empties the write-ahead log once a snapshot open meanwhile (another member’s export) ends', { timeout: 30_000 }, async () => {
    const { db, url } = await sqlite.createWithUrl();
    const app = await createTestApp(db);
    try {
      const email = 'wal.walter@example.org';
      const name = 'Walter Waltest';
      const walter = await app.signedUp(email, { displayName: name });
      const walterId = (await walter.api.auth.me()).account!.id;
      const other = await app.signedUp('reader@example.org');
      const otherId = (await other.api.auth.me()).account!.id;

      // Another member's export reads its snapshot while Walter deletes his account.
      let reach!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (reach = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      const exporting = app.db.readSnapshot(async (repos) => {
        await repos.accounts.findById(otherId);
        reach();
        await gate;
      });
      await reached;
      await walter.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
      release();
      await exporting;

      const file = url.replace(/^sqlite:/, '');
      for (const copy of [file, `${file}-wal`]) {
        const bytes = existsSync(copy) ? readFileSync(copy).toString('latin1') : '';
        for (const needle of [email, name, walterId]) expect(bytes.includes(needle), `${needle} in ${copy}`).toBe(false);
      }
    } finally {
      await app.close();
    }
  });
});

