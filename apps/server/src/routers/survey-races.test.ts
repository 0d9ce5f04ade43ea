import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideConsents } from '@quorum/domain/consent/consent-use-cases';
import type { AnonymityMode } from '@quorum/domain/surveys/survey-lifecycle';
import { submitResponse } from '@quorum/domain/surveys/survey-use-cases';
import { testDialects } from '@quorum/db/testing';
import { doneOrWaiting, heldTransaction } from '@quorum/db/testing/held-transactions';
import { createCommunityFixture, grantResearch, idOf } from '../testing/community-fixture.js';
import { bikeSurvey } from '../testing/survey-fixtures.js';
import { failureOf, TEST_PASSWORD, type TestApp, type TestClient } from '../testing/test-app.js';

const definitionText = JSON.stringify(bikeSurvey);

/**
 * Survey answers under concurrency (decision 014's rule: a write that relies on a row another
 * request may change holds it). Each race holds one transaction at a known point and lets the
 * other run into it, so on PostgreSQL both overlap for real; SQLite serialises them.
 */
describe.each(testDialects)('survey answers racing on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let communityId: string;
  beforeEach(async () => {
    ({ app, owner, communityId } = await createCommunityFixture(dialect, { timeZone: 'Europe/Berlin' }));
  });
  afterEach(() => app.close());

  async function member(email: string): Promise<TestClient> {
    const client = await app.signedUp(email);
    await client.api.communities.join({ communityId, answers: {} });
    await grantResearch(client);
    return client;
  }
  async function openSurvey(anonymity: AnonymityMode) {
    const created = await owner.api.surveys.create({ communityId, anonymity, definition: definitionText });
    await owner.api.surveys.changeLifecycle({ surveyId: created.survey.id, change: { action: 'open' } });
    return created.survey.id;
  }
  const responses = () => app.db.kysely.selectFrom('survey_responses').select(['status', 'account_id', 'pseudonym']).execute();

  for (const anonymity of ['identified', 'pseudonymous'] as const) {
    it(`a save from a second tab while the first submits does not reopen the finished ${anonymity} response`, async () => {
      const alice = await member('alice@example.org');
      const aliceId = await idOf(alice);
      const surveyId = await openSurvey(anonymity);
      await alice.api.surveys.saveProgress({ surveyId, answers: { rides: true }, pageId: null });
      // Tab 1 submits: the response is complete and the participation written, not committed yet.
      const submit = heldTransaction(app.db, async (repos) => {
        const pseudonym = await repos.surveyResponses.pseudonymOf(surveyId, aliceId);
        const response = (await repos.surveyResponses.findByOwner(surveyId, pseudonym ? { pseudonym } : { accountId: aliceId }))!;
        const rows = [
          { questionId: 'rides', item: '', number: 1, text: null },
          { questionId: 'score', item: '', number: 9, text: null },
        ];
        await repos.surveyResponses.save({ ...response, status: 'complete', pageId: null, submittedOn: '2026-12-02', rows });
        await repos.surveyResponses.recordParticipation(surveyId, aliceId, '2026-12-02');
      });
      await submit.reached;
      // Tab 2 saves progress meanwhile.
      const save = alice.api.surveys.saveProgress({ surveyId, answers: { rides: false }, pageId: null });
      await doneOrWaiting(app.db, save);
      submit.release();
      await submit.done;
      const outcome = await failureOf(save).catch(() => null);
      expect(outcome?.domainCode).toBe('SURVEY_ALREADY_ANSWERED');
      expect((await responses()).map((row) => row.status)).toEqual(['complete']);
      expect((await alice.api.surveys.respondent({ surveyId, locale: 'en' })).finished).toBe(true);
    });
  }

  it('an erasure while a pseudonymous answer is being saved leaves no unfinished answers behind', async () => {
    const alice = await member('alice@example.org');
    const aliceId = await idOf(alice);
    const surveyId = await openSurvey('pseudonymous');
    // Alice's first save is under way: her pseudonym is linked and her progress written.
    const saving = heldTransaction(app.db, async (repos) => {
      await repos.surveyResponses.linkPseudonym(surveyId, aliceId, 'p-in-flight');
      const now = new Date();
      await repos.surveyResponses.save({
        id: app.services.newId(),
        surveyId,
        version: 1,
        respondent: { mode: 'pseudonymous', pseudonym: 'p-in-flight' },
        status: 'in_progress',
        pageId: null,
        startedAt: now,
        updatedAt: now,
        submittedOn: null,
        rows: [{ questionId: 'rides', item: '', number: 1, text: null }],
      });
    });
    await saving.reached;
    const erasure = alice.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
    await doneOrWaiting(app.db, erasure);
    saving.release();
    await saving.done;
    await erasure;
    expect(await responses()).toEqual([]);
    expect(await app.db.kysely.selectFrom('survey_answers').selectAll().execute()).toEqual([]);
  });

  it('a withdrawal of the research consent that commits first stops a submit in flight', async () => {
    const alice = await member('alice@example.org');
    const aliceId = await idOf(alice);
    const surveyId = await openSurvey('identified');
    // Alice withdraws in one tab; the withdrawal is written, not committed yet.
    const withdrawal = heldTransaction(app.db, (repos) =>
      decideConsents(
        repos,
        { viewer: { accountId: aliceId, isInstanceAdmin: false }, clock: app.services.clock, newId: app.services.newId, requestId: 'withdraw-tab' },
        { channel: 'privacy_center', communityId: null, decisions: [{ purposeId: 'research_surveys', action: 'withdraw' }] },
        'en',
      ),
    );
    await withdrawal.reached;
    const submit = alice.api.surveys.submit({ surveyId, answers: { rides: false } });
    await doneOrWaiting(app.db, submit);
    withdrawal.release();
    await withdrawal.done;
    expect((await failureOf(submit)).domainCode).toBe('CONSENT_REQUIRED');
    expect(await responses()).toEqual([]);
    expect(await app.db.kysely.selectFrom('survey_participations').selectAll().execute()).toEqual([]);
  });

  it('a structural change published while the first answer is being stored makes a new version: the answer keeps the one it was checked on', async () => {
    const alice = await member('alice@example.org');
    const aliceId = await idOf(alice);
    const surveyId = await openSurvey('identified');
    // Alice's submit (the real use case) is checked and written against version 1, not committed yet.
    const submit = heldTransaction(app.db, (repos) =>
      submitResponse(
        repos,
        { viewer: { accountId: aliceId, isInstanceAdmin: false }, clock: app.services.clock, newId: app.services.newId, randomId: randomUUID },
        { surveyId, answers: { rides: false } },
      ),
    );
    await submit.reached;
    const structural = structuredClone(bikeSurvey);
    structural.pages[2]!.questions.push({ id: 'again', type: 'yes_no', required: true, text: { de: 'Wieder?', en: 'Again?' } } as never);
    const update = owner.api.surveys.update({ surveyId, definition: JSON.stringify(structural) });
    await doneOrWaiting(app.db, update);
    submit.release();
    await submit.done;
    expect((await update).survey.currentVersion).toBe(2);
    const version1 = await app.db.repositories.surveys.findVersion(surveyId, 1);
    expect(JSON.stringify(version1!.definition)).not.toContain('"again"');
    const stored = await app.db.kysely.selectFrom('survey_responses').select(['version', 'status']).execute();
    expect(stored).toEqual([{ version: 1, status: 'complete' }]);
  });

  it('several members submitting an anonymous survey at once all get in, and one member twice at once only once', async () => {
    const surveyId = await openSurvey('anonymous');
    const members = await Promise.all(['a', 'b', 'c', 'd'].map((name) => member(`${name}@example.org`)));
    const answers = { rides: true, bike_name: 'Blitz', score: 7 };
    const results = await Promise.allSettled(members.map((client) => client.api.surveys.submit({ surveyId, answers, version: 1 })));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const twice = await Promise.allSettled([0, 1].map(() => members[0]!.api.surveys.submit({ surveyId, answers, version: 1 })));
    expect(twice.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    const alice = await member('alice@example.org');
    const tabs = await Promise.allSettled([0, 1].map(() => alice.api.surveys.submit({ surveyId, answers, version: 1 })));
    const failures = await Promise.all(tabs.filter((result) => result.status === 'rejected').map(async (result) => (await failureOf(Promise.reject(result.reason))).domainCode));
    expect(failures).toEqual(['SURVEY_ALREADY_ANSWERED']);
    expect(await app.db.kysely.selectFrom('survey_participations').select('account_id').execute()).toHaveLength(5);
    expect(await responses()).toHaveLength(5);
  });

  for (const anonymity of ['identified', 'pseudonymous'] as const) {
    it(`one member submitting a ${anonymity} survey from two tabs at once: one response, the other told it was answered`, async () => {
      const surveyId = await openSurvey(anonymity);
      const alice = await member('alice@example.org');
      const answers = { rides: false };
      const tabs = await Promise.allSettled([0, 1].map(() => alice.api.surveys.submit({ surveyId, answers })));
      const failures = await Promise.all(tabs.filter((result) => result.status === 'rejected').map(async (result) => (await failureOf(Promise.reject(result.reason))).domainCode));
      expect(failures).toEqual(['SURVEY_ALREADY_ANSWERED']);
      expect((await responses()).map((row) => row.status)).toEqual(['complete']);
      expect(await app.db.kysely.selectFrom('survey_pseudonyms').selectAll().execute()).toHaveLength(anonymity === 'pseudonymous' ? 1 : 0);
    });
  }

  it('an anonymous response keeps no day: on a day with one participant the day would name them', async () => {
    const surveyId = await openSurvey('anonymous');
    const answers = { rides: true, bike_name: 'Blitz', score: 7 };
    for (const name of ['a', 'b', 'c']) {
      const client = await member(`${name}@example.org`);
      await client.api.surveys.submit({ surveyId, answers: { ...answers, score: name.charCodeAt(0) % 10 }, version: 1 });
      app.services.clock.advance(24 * 3_600_000);
    }
    const participations = await app.db.kysely.selectFrom('survey_participations').select(['account_id', 'participated_on']).execute();
    expect(new Set(participations.map((row) => row.participated_on)).size).toBe(3);
    const stored = await app.db.kysely.selectFrom('survey_responses').selectAll().execute();
    const days = new Set(participations.map((row) => row.participated_on));
    for (const response of stored) for (const value of Object.values(response)) expect(days.has(value as string), `${String(value)} joins a participation`).toBe(false);
  });
});
