import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnonymityMode } from '@quorum/domain/surveys/survey-lifecycle';
import { testDialects } from '@quorum/db/testing';
import { createCommunityFixture, grantResearch } from '../testing/community-fixture.js';
import { bikeSurvey } from '../testing/survey-fixtures.js';
import { failureOf, type TestApp, type TestClient } from '../testing/test-app.js';

const HOUR = 3_600_000;

const definitionText = JSON.stringify(bikeSurvey);

describe.each(testDialects)('surveys on $name', (dialect) => {
  let app: TestApp;
  let owner: TestClient;
  let communityId: string;
  beforeEach(async () => {
    ({ app, owner, communityId } = await createCommunityFixture(dialect, { timeZone: 'Europe/Berlin' }));
  });
  afterEach(() => app.close());

  async function member(email: string, { consent = true } = {}): Promise<TestClient> {
    const client = await app.signedUp(email);
    await client.api.communities.join({ communityId, answers: {} });
    if (consent) await grantResearch(client);
    return client;
  }
  async function openSurvey(anonymity: AnonymityMode = 'identified') {
    const created = await owner.api.surveys.create({ communityId, anonymity, definition: definitionText });
    await owner.api.surveys.changeLifecycle({ surveyId: created.survey.id, change: { action: 'open' } });
    return created.survey.id;
  }
  const count = async (table: 'survey_responses' | 'survey_answers' | 'survey_participations' | 'survey_pseudonyms' | 'surveys') =>
    Number((await app.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('creates a survey from an uploaded definition, refuses files that are not one with the place of the problem, and round-trips the export', async () => {
    const created = await owner.api.surveys.create({ communityId, anonymity: 'identified', definition: definitionText });
    expect(created).toMatchObject({ status: 'draft', survey: { currentVersion: 1, anonymity: 'identified' }, timeZone: 'Europe/Berlin', allowedActions: ['schedule', 'open'] });

    const notJson = await failureOf(owner.api.surveys.create({ communityId, anonymity: 'identified', definition: 'name,age\nOlga,42' }));
    expect(notJson).toMatchObject({ code: 'BAD_REQUEST', domainCode: 'SURVEY_DEFINITION_INVALID', details: { issues: [{ code: 'json_invalid', path: [] }] } });
    const notADefinition = await failureOf(owner.api.surveys.create({ communityId, anonymity: 'identified', definition: '{"name": "Olga"}' }));
    expect(notADefinition.domainCode).toBe('SURVEY_DEFINITION_INVALID');
    expect((notADefinition.details?.issues as unknown[]).length).toBeGreaterThan(0);
    const dangling = structuredClone(bikeSurvey);
    dangling.pages[0]!.skip = [{ if: { question: 'nowhere', op: 'equals', value: false }, to: { page: 'last' } }];
    const danglingFailure = await failureOf(owner.api.surveys.create({ communityId, anonymity: 'identified', definition: JSON.stringify(dangling) }));
    expect(danglingFailure.domainCode).toBe('SURVEY_DEFINITION_INVALID');
    expect(danglingFailure.details?.issues).toContainEqual(expect.objectContaining({ path: expect.arrayContaining(['pages', 0, 'skip', 0]) }));
    // A cycle: the last page jumps back to the first. Jumps go forward only, so it is refused at the rule.
    const cycle = structuredClone(bikeSurvey);
    cycle.pages[2]!.skip = [{ if: { question: 'rides', op: 'equals', value: true }, to: { page: 'start' } }];
    const cycleFailure = await failureOf(owner.api.surveys.create({ communityId, anonymity: 'identified', definition: JSON.stringify(cycle) }));
    expect(cycleFailure).toMatchObject({ code: 'BAD_REQUEST', domainCode: 'SURVEY_DEFINITION_INVALID' });
    expect(cycleFailure.details?.issues).toContainEqual(expect.objectContaining({ code: 'jump_not_forward', path: ['pages', 2, 'skip', 0, 'to', 'page'] }));
    expect(await count('surveys')).toBe(1);

    const exported = await owner.api.surveys.exportDefinition({ surveyId: created.survey.id });
    const again = await owner.api.surveys.create({ communityId, anonymity: 'pseudonymous', definition: exported.json });
    expect(again.definition).toEqual(created.definition);
    expect((await owner.api.surveys.exportDefinition({ surveyId: again.survey.id })).json).toBe(exported.json);
  });

  it('lets researchers and above manage surveys, members only answer, and strangers see nothing', async () => {
    const alice = await member('alice@example.org');
    expect((await failureOf(alice.api.surveys.create({ communityId, anonymity: 'identified', definition: definitionText }))).domainCode).toBe('FORBIDDEN');
    const surveyId = await openSurvey();
    expect((await failureOf(alice.api.surveys.forStaff({ surveyId }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(alice.api.surveys.changeLifecycle({ surveyId, change: { action: 'close' } }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(alice.api.surveys.exportDefinition({ surveyId }))).domainCode).toBe('FORBIDDEN');
    const aliceId = (await alice.api.auth.me()).account!.id;
    await owner.api.communities.changeRole({ communityId, accountId: aliceId, role: 'researcher' });
    expect((await alice.api.surveys.forStaff({ surveyId })).status).toBe('open');

    const stranger = await app.signedUp('stranger@example.org');
    expect((await failureOf(stranger.api.surveys.respondent({ surveyId, locale: 'en' }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(stranger.api.surveys.submit({ surveyId, answers: { rides: false } }))).domainCode).toBe('FORBIDDEN');
    expect((await failureOf(app.client().api.surveys.forMe({}))).domainCode).toBe('UNAUTHENTICATED');
  });

  it('asks for the research consent before anyone answers, and answering needs it on every call', async () => {
    const surveyId = await openSurvey();
    const bob = await member('bob@example.org', { consent: false });
    const view = await bob.api.surveys.respondent({ surveyId, locale: 'de' });
    expect(view.consent).toMatchObject({ purpose: { id: 'research_surveys' }, text: { locale: 'de', document: 'consent:research_surveys' } });
    expect(view.saved).toBeNull();
    expect((await failureOf(bob.api.surveys.saveProgress({ surveyId, answers: { rides: true } }))).domainCode).toBe('CONSENT_REQUIRED');
    expect((await failureOf(bob.api.surveys.submit({ surveyId, answers: { rides: false } }))).domainCode).toBe('CONSENT_REQUIRED');
    expect(await count('survey_responses')).toBe(0);
    await grantResearch(bob);
    expect((await bob.api.surveys.respondent({ surveyId, locale: 'de' })).consent).toBeNull();
    await bob.api.surveys.submit({ surveyId, answers: { rides: false } });
  });

  it('saves answers as the member goes, resumes them, and takes one response per member', async () => {
    const surveyId = await openSurvey();
    const alice = await member('alice@example.org');
    await alice.api.surveys.saveProgress({ surveyId, answers: { rides: true, bike_name: 'Blitz' }, pageId: 'bike' });
    const resumed = await alice.api.surveys.respondent({ surveyId, locale: 'en' });
    expect(resumed.saved).toMatchObject({ answers: { rides: true, bike_name: 'Blitz' }, pageId: 'bike' });
    expect(resumed.finished).toBe(false);
    expect((await alice.api.surveys.forMe({})).items).toMatchObject([{ survey: { id: surveyId }, inProgress: true, finished: false, communityName: 'Bikes' }]);

    // Changing an earlier answer hides later questions: their answers are dropped, not refused.
    const done = await alice.api.surveys.submit({ surveyId, answers: { rides: false, bike_name: 'Blitz', score: 9 } });
    expect(done.dropped).toEqual(['score']);
    const second = await failureOf(alice.api.surveys.submit({ surveyId, answers: { rides: false } }));
    expect(second).toMatchObject({ code: 'CONFLICT', domainCode: 'SURVEY_ALREADY_ANSWERED' });
    expect((await failureOf(alice.api.surveys.saveProgress({ surveyId, answers: {} }))).domainCode).toBe('SURVEY_ALREADY_ANSWERED');
    expect(await alice.api.surveys.respondent({ surveyId, locale: 'en' })).toMatchObject({ finished: true, saved: null });
    expect((await alice.api.surveys.forMe({})).items).toMatchObject([{ survey: { id: surveyId }, finished: true, inProgress: false }]);
    const stored = await app.db.kysely.selectFrom('survey_answers').select(['question_id', 'number_value', 'text_value']).orderBy('question_id').execute();
    expect(stored).toEqual([
      { question_id: 'bike_name', number_value: null, text_value: 'Blitz' },
      { question_id: 'rides', number_value: 0, text_value: null },
    ]);
  });

  it('refuses bad answers with the question and the rule, and writes nothing', async () => {
    const surveyId = await openSurvey();
    const alice = await member('alice@example.org');
    await alice.api.surveys.saveProgress({ surveyId, answers: { rides: true }, pageId: 'start' });
    const before = { responses: await count('survey_responses'), answers: await count('survey_answers') };

    const outOfRange = await failureOf(alice.api.surveys.submit({ surveyId, answers: { rides: true, score: 11 } }));
    expect(outOfRange).toMatchObject({ domainCode: 'SURVEY_ANSWER_INVALID', details: { issues: [{ code: 'value_too_large', path: ['answers', 'score'], params: { question: 'score', max: 10 } }] } });
    const unknown = await failureOf(alice.api.surveys.submit({ surveyId, answers: { rides: true, score: 5, shoe_size: 44 } }));
    expect(unknown.details?.issues).toContainEqual({ code: 'question_unknown', path: ['answers', 'shoe_size'], params: { question: 'shoe_size' } });
    const missing = await failureOf(alice.api.surveys.submit({ surveyId, answers: { rides: true } }));
    expect(missing.details?.issues).toContainEqual({ code: 'answer_required', path: ['answers', 'score'], params: { question: 'score' } });
    const wrongType = await failureOf(alice.api.surveys.saveProgress({ surveyId, answers: { rides: 'yes' } }));
    expect(wrongType.domainCode).toBe('SURVEY_ANSWER_INVALID');
    const huge = await failureOf(alice.api.surveys.submit({ surveyId, answers: { rides: false, comment: 'x'.repeat(1_048_576) } }));
    expect(huge).toMatchObject({ code: 'BAD_REQUEST', domainCode: 'VALIDATION' });
    expect(huge.issues?.[0]).toMatchObject({ path: ['answers', 'comment'], message: 'answer_too_long' });

    expect({ responses: await count('survey_responses'), answers: await count('survey_answers') }).toEqual(before);
    expect(await count('survey_participations')).toBe(0);
  });

  it('checks the schedule against the clock on every answer, in the community’s time zone', async () => {
    const created = await owner.api.surveys.create({ communityId, anonymity: 'identified', definition: definitionText });
    const surveyId = created.survey.id;
    const alice = await member('alice@example.org');
    const now = app.services.clock.now();
    const opensAt = new Date(now.getTime() + HOUR);
    const closesAt = new Date(now.getTime() + 3 * HOUR);
    expect((await failureOf(alice.api.surveys.submit({ surveyId, answers: { rides: false } }))).domainCode).toBe('SURVEY_NOT_OPEN');
    const scheduled = await owner.api.surveys.changeLifecycle({ surveyId, change: { action: 'schedule', opensAt, closesAt } });
    expect(scheduled).toMatchObject({ status: 'scheduled', survey: { opensAt, closesAt } });
    const early = await failureOf(alice.api.surveys.saveProgress({ surveyId, answers: { rides: true } }));
    expect(early).toMatchObject({ domainCode: 'SURVEY_NOT_OPEN', details: { status: 'scheduled' } });
    expect((await alice.api.surveys.forMe({})).items).toEqual([]);
    // Before it opens a member's page says when; its questions stay with staff until then.
    const earlyView = await alice.api.surveys.respondent({ surveyId, locale: 'en' });
    expect(earlyView).toMatchObject({ status: 'scheduled', survey: { opensAt }, definition: { title: bikeSurvey.title, pages: [], endings: [] } });

    app.services.clock.advance(HOUR); // no job ran: the clock alone opens it
    expect((await alice.api.surveys.forMe({})).items).toMatchObject([{ survey: { id: surveyId }, status: 'open' }]);
    expect((await alice.api.surveys.respondent({ surveyId, locale: 'en' })).definition.pages).toHaveLength(bikeSurvey.pages.length);
    await alice.api.surveys.saveProgress({ surveyId, answers: { rides: true } });
    app.services.clock.advance(2 * HOUR);
    expect((await failureOf(alice.api.surveys.submit({ surveyId, answers: { rides: false } }))).details).toEqual({ status: 'closed' });
    expect((await owner.api.surveys.forStaff({ surveyId })).allowedActions).toEqual(['archive']);
    const past = await failureOf(owner.api.surveys.changeLifecycle({ surveyId, change: { action: 'open' } }));
    expect(past.domainCode).toBe('SURVEY_STATE_INVALID');
  });

  it('publishes a new version on a structural change once answered; a member mid-survey finishes on theirs', async () => {
    const surveyId = await openSurvey();
    const alice = await member('alice@example.org');
    await alice.api.surveys.saveProgress({ surveyId, answers: { rides: true, bike_name: 'Blitz' }, pageId: 'bike' });

    const textsOnly = structuredClone(bikeSurvey);
    textsOnly.title.en = 'Our bike survey';
    expect((await owner.api.surveys.update({ surveyId, definition: JSON.stringify(textsOnly) })).survey.currentVersion).toBe(1);
    const structural = structuredClone(textsOnly);
    structural.pages[2]!.questions.push({ id: 'again', type: 'yes_no', required: true, text: { de: 'Wieder?', en: 'Again?' } } as never);
    const updated = await owner.api.surveys.update({ surveyId, definition: JSON.stringify(structural) });
    expect(updated.survey.currentVersion).toBe(2);
    expect((await failureOf(owner.api.surveys.update({ surveyId, anonymity: 'anonymous', definition: JSON.stringify(structural) }))).domainCode).toBe('SURVEY_STATE_INVALID');

    const aliceView = await alice.api.surveys.respondent({ surveyId, locale: 'en' });
    expect(aliceView.version).toBe(1);
    expect(aliceView.definition.title.en).toBe('Our bike survey');
    await alice.api.surveys.submit({ surveyId, answers: { rides: true, bike_name: 'Blitz', score: 8 } }); // no "again" in version 1
    const bob = await member('bob@example.org');
    expect((await bob.api.surveys.respondent({ surveyId, locale: 'en' })).version).toBe(2);
    expect((await failureOf(bob.api.surveys.submit({ surveyId, answers: { rides: false } }))).details?.issues).toContainEqual(
      expect.objectContaining({ code: 'answer_required', params: { question: 'again' } }),
    );
    await bob.api.surveys.submit({ surveyId, answers: { rides: false, again: true } });
    const versions = await app.db.kysely.selectFrom('survey_responses').select('version').orderBy('version').execute();
    expect(versions.map((row) => row.version)).toEqual([1, 2]);
  });

  it('lists a community’s surveys for staff (all) and for members (opened ones)', async () => {
    const open = await openSurvey();
    const draft = (await owner.api.surveys.create({ communityId, anonymity: 'anonymous', definition: definitionText })).survey.id;
    const alice = await member('alice@example.org');
    const staff = await owner.api.surveys.list({ communityId });
    expect(staff).toMatchObject({ canManage: true, total: 2 });
    expect(staff.items.map((item) => [item.survey.id, item.status])).toEqual([
      [draft, 'draft'],
      [open, 'open'],
    ]);
    const members = await alice.api.surveys.list({ communityId });
    expect(members).toMatchObject({ canManage: false, total: 1, items: [{ survey: { id: open }, title: bikeSurvey.title, responses: 0 }] });
    expect((await failureOf(alice.api.surveys.respondent({ surveyId: draft, locale: 'en' }))).domainCode).toBe('NOT_FOUND');
  });

  it('keeps anonymous progress on the device and stores the response apart from the participation', async () => {
    const surveyId = await openSurvey('anonymous');
    const alice = await member('alice@example.org');
    const progress = await failureOf(alice.api.surveys.saveProgress({ surveyId, answers: { rides: true } }));
    expect(progress).toMatchObject({ domainCode: 'VALIDATION' });
    await alice.api.surveys.submit({ surveyId, answers: { rides: true, bike_name: 'Blitz', score: 10 }, version: 1 });
    expect((await failureOf(alice.api.surveys.submit({ surveyId, answers: { rides: false }, version: 1 }))).domainCode).toBe('SURVEY_ALREADY_ANSWERED');
    const response = await app.db.kysely.selectFrom('survey_responses').selectAll().executeTakeFirstOrThrow();
    expect(response).toMatchObject({ account_id: null, pseudonym: null, started_at: null, updated_at: null, submitted_on: null });
    expect(await alice.api.surveys.respondent({ surveyId, locale: 'en' })).toMatchObject({ finished: true, saved: null });
  });
});
