import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportContents } from '@quorum/domain/privacy/privacy-use-cases';
import { DAY } from '@quorum/domain/shared/clock';
import type { AnonymityMode } from '@quorum/domain/surveys/survey-lifecycle';
import { testDialects } from '@quorum/db/testing';
import { applyRetention } from './jobs/retention-job.js';
import { grantResearch, idOf } from './testing/community-fixture.js';
import { bikeSurvey } from './testing/survey-fixtures.js';
import { createTestApp, failureOf, TEST_PASSWORD, type TestApp, type TestClient } from './testing/test-app.js';

/**
 * The table of docs/survey-anonymity.md, row by row and mode by mode: what consent
 * withdrawal, erasure, retention expiry and the export do with survey data.
 */
describe.each(testDialects)('survey data rights on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let communityId: string;
  beforeEach(async () => {
    app = await createTestApp(await dialect.create(), { env: { COMMUNITY_CREATION: 'everyone' } });
    owner = await app.signedUp('owner@example.org');
    communityId = (await owner.api.communities.create({ slug: 'bikes', name: 'Bikes', visibility: 'public', defaultLocale: 'en' })).id;
  });
  afterEach(() => app.close());

  async function respondent(email: string): Promise<{ client: TestClient; id: string }> {
    const client = await app.signedUp(email);
    await client.api.communities.join({ communityId, answers: {} });
    await grantResearch(client);
    return { client, id: await idOf(client) };
  }
  const withdraw = (client: TestClient) => client.api.consent.decide({ channel: 'privacy_center', decisions: [{ purposeId: 'research_surveys', action: 'withdraw' }] });

  /** A survey of the mode with one finished response (Alice) and, where the server keeps progress, one unfinished (Bob). */
  async function answered(anonymity: AnonymityMode) {
    const surveyId = (await owner.api.surveys.create({ communityId, anonymity, definition: JSON.stringify(bikeSurvey) })).survey.id;
    await owner.api.surveys.changeLifecycle({ surveyId, change: { action: 'open' } });
    const alice = await respondent(`alice-${anonymity}@example.org`);
    const bob = await respondent(`bob-${anonymity}@example.org`);
    await alice.client.api.surveys.submit({ surveyId, answers: { rides: true, bike_name: 'Blitz', score: 9, comment: 'Alice was here' }, version: 1 });
    if (anonymity !== 'anonymous') await bob.client.api.surveys.saveProgress({ surveyId, answers: { rides: true, bike_name: 'Bob’s bike' }, pageId: 'bike' });
    return { surveyId, alice, bob };
  }

  const rows = async () => ({
    responses: await app.db.kysely.selectFrom('survey_responses').select(['account_id', 'pseudonym', 'status']).execute(),
    answers: (await app.db.kysely.selectFrom('survey_answers').select('text_value').where('text_value', 'is not', null).execute()).map((row) => row.text_value).sort(),
    links: await app.db.kysely.selectFrom('survey_pseudonyms').select('account_id').execute(),
    participations: await app.db.kysely.selectFrom('survey_participations').select('account_id').execute(),
  });
  const exported = async (accountId: string) => {
    const contents = await exportContents(app.db.repositories, accountId, app.services.clock.now());
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const table of contents.tables.filter((name) => name.startsWith('survey_'))) tables[table] = await contents.rows(table);
    return tables;
  };

  it('identified: the export holds the answers; withdrawal ends unfinished ones at once and finished ones after retention; erasure deletes them', async () => {
    const { alice, bob } = await answered('identified');
    const mine = await exported(alice.id);
    expect(mine.survey_responses).toMatchObject([{ account_id: alice.id, status: 'complete' }]);
    expect(mine.survey_answers!.map((row) => row.text_value)).toEqual(expect.arrayContaining(['Blitz', 'Alice was here']));
    expect(mine.survey_participations).toHaveLength(1);
    expect((await exported(bob.id)).survey_answers!.map((row) => row.text_value)).toContain('Bob’s bike');

    // In progress: Bob withdraws, the daily run removes his unfinished answers; Alice's finished ones stay a year.
    await withdraw(bob.client);
    await withdraw(alice.client);
    await applyRetention(app.db, app.services.clock);
    expect((await rows()).responses).toEqual([{ account_id: alice.id, pseudonym: null, status: 'complete' }]);
    app.services.clock.advance(366 * DAY);
    await applyRetention(app.db, app.services.clock);
    expect(await rows()).toEqual({ responses: [], answers: [], links: [], participations: [] });
  });

  it('identified: erasing the person deletes their responses and answers, finished or not', async () => {
    const { alice, bob } = await answered('identified');
    await alice.client.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
    expect((await rows()).responses).toEqual([{ account_id: bob.id, pseudonym: null, status: 'in_progress' }]);
    expect((await rows()).answers).toEqual(['Bob’s bike']);
    expect((await rows()).participations).toEqual([]);
    // Bob's answers in progress go with him.
    await bob.client.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
    expect(await rows()).toEqual({ responses: [], answers: [], links: [], participations: [] });
  });

  it.each(['identified', 'pseudonymous', 'anonymous'] as const)('%s: after a withdrawal the gate closes at once — no further answers, nothing written', async (anonymity) => {
    const { surveyId, bob } = await answered(anonymity);
    await withdraw(bob.client);
    const before = await rows();
    const refused = async (call: Promise<unknown>) => expect((await failureOf(call)).domainCode).toBe('CONSENT_REQUIRED');
    if (anonymity !== 'anonymous') await refused(bob.client.api.surveys.saveProgress({ surveyId, answers: { rides: true, bike_name: 'Later' }, pageId: 'bike' }));
    await refused(bob.client.api.surveys.submit({ surveyId, answers: { rides: false }, version: 1 }));
    expect(await rows()).toEqual(before);
    // The respondent page asks for the consent again instead of showing the survey.
    expect((await bob.client.api.surveys.respondent({ surveyId, locale: 'en' })).consent).not.toBeNull();
  });

  it('pseudonymous: the export finds the answers through the link; erasure removes the link and unfinished answers, finished ones stay with no way back', async () => {
    const { alice, bob } = await answered('pseudonymous');
    const mine = await exported(alice.id);
    expect(mine.survey_pseudonyms).toHaveLength(1);
    const pseudonym = mine.survey_pseudonyms![0]!.pseudonym;
    expect(mine.survey_responses).toMatchObject([{ account_id: null, pseudonym, status: 'complete' }]);
    expect(mine.survey_answers!.map((row) => row.text_value)).toEqual(expect.arrayContaining(['Blitz', 'Alice was here']));
    expect((await exported(bob.id)).survey_responses).toMatchObject([{ status: 'in_progress' }]);

    await alice.client.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
    await bob.client.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
    const after = await rows();
    expect(after.links).toEqual([]);
    expect(after.participations).toEqual([]);
    expect(after.responses).toEqual([{ account_id: null, pseudonym, status: 'complete' }]);
    expect(after.answers).toEqual(['Alice was here', 'Blitz']);
  });

  it('pseudonymous: withdrawal ends unfinished answers at once; after retention the link goes and the answers stay', async () => {
    const { alice, bob } = await answered('pseudonymous');
    await withdraw(alice.client);
    await withdraw(bob.client);
    await applyRetention(app.db, app.services.clock);
    expect((await rows()).responses).toMatchObject([{ status: 'complete' }]);
    expect((await rows()).links).toHaveLength(2);
    app.services.clock.advance(366 * DAY);
    await applyRetention(app.db, app.services.clock);
    const after = await rows();
    expect(after).toMatchObject({ links: [], participations: [], answers: ['Alice was here', 'Blitz'] });
    expect(after.responses).toMatchObject([{ account_id: null, status: 'complete' }]);
  });

  it('anonymous: the export shows only the participation; erasure and retention remove it, the answers stay and stay unfindable', async () => {
    const { alice, bob } = await answered('anonymous');
    const mine = await exported(alice.id);
    expect(mine.survey_responses).toEqual([]);
    expect(mine.survey_answers).toEqual([]);
    expect(mine.survey_participations).toMatchObject([{ account_id: alice.id }]);
    expect(await exported(bob.id)).toMatchObject({ survey_responses: [], survey_participations: [] });

    await withdraw(alice.client);
    await applyRetention(app.db, app.services.clock);
    expect((await rows()).participations).toHaveLength(1);
    app.services.clock.advance(366 * DAY);
    await applyRetention(app.db, app.services.clock);
    expect(await rows()).toMatchObject({ participations: [], answers: ['Alice was here', 'Blitz'], responses: [{ account_id: null, pseudonym: null }] });

    const carol = await respondent('carol@example.org');
    const surveyId = (await app.db.kysely.selectFrom('surveys').select('id').where('anonymity', '=', 'anonymous').executeTakeFirstOrThrow()).id;
    await carol.client.api.surveys.submit({ surveyId, answers: { rides: false }, version: 1 });
    await carol.client.api.privacy.deleteAccount({ password: TEST_PASSWORD, confirm: true });
    expect((await rows()).participations).toEqual([]);
    expect((await rows()).responses).toHaveLength(2);
  });
});
