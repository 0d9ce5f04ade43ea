import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Survey, SurveyResponse, SurveyVersion } from '@quorum/domain/surveys/survey';
import { surveyDefinitionSchema } from '@quorum/domain/surveys/survey-definition';
import type { QuorumDatabase } from '../connect.js';
import { testDialects } from '../testing/dialects.js';
import { at, createdAccount, createdCommunity, expectDomainError, firstPage, T0 } from '../testing/fixtures.js';

const definition = surveyDefinitionSchema.parse({
  schemaVersion: 1,
  title: { de: 'Zufriedenheit', en: 'Satisfaction' },
  pages: [{ id: 'p1', questions: [{ id: 'nps', type: 'nps', text: { en: 'Recommend us?' } }, { id: 'why', type: 'long_text', text: { en: 'Why?' } }] }],
});

function aSurvey(communityId: string, overrides: Partial<Survey> = {}): Survey {
  return {
    id: randomUUID(),
    communityId,
    status: 'open',
    anonymity: 'identified',
    currentVersion: 1,
    opensAt: T0,
    closesAt: null,
    createdBy: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

const versionOf = (survey: Survey, version = 1): SurveyVersion => ({ surveyId: survey.id, version, definition, createdAt: T0 });

function aResponse(survey: Survey, overrides: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    id: randomUUID(),
    surveyId: survey.id,
    version: 1,
    respondent: { mode: 'anonymous' },
    status: 'complete',
    pageId: null,
    startedAt: null,
    updatedAt: null,
    submittedOn: '2026-03-01',
    rows: [
      { questionId: 'nps', item: '', number: 9, text: null },
      { questionId: 'why', item: '', number: null, text: 'Fast bikes' },
    ],
    ...overrides,
  };
}

describe.each(testDialects)('survey repositories on $name', (dialect) => {
  let db: QuorumDatabase;
  beforeAll(async () => {
    db = await dialect.create();
  });
  afterAll(() => db?.close());

  async function communityWithMember() {
    const community = await createdCommunity(db.repositories);
    const member = await createdAccount(db.repositories);
    await db.repositories.memberships.add({ communityId: community.id, accountId: member.id, role: 'member', joinedAt: T0 });
    return { community, member };
  }

  it('creates a survey with its first version, updates it and keeps later versions apart', async () => {
    const { community } = await communityWithMember();
    const survey = aSurvey(community.id, { status: 'draft', opensAt: null });
    await db.repositories.surveys.create(survey, versionOf(survey));
    expect(await db.repositories.surveys.findById(survey.id)).toEqual(survey);
    expect(await db.repositories.surveys.findVersion(survey.id, 1)).toEqual(versionOf(survey));
    expect(await db.repositories.communities.findById(community.id)).toMatchObject({ timeZone: 'Europe/Berlin' });

    const renamed = surveyDefinitionSchema.parse({ ...definition, title: { en: 'Renamed' } });
    await db.repositories.surveys.saveVersion({ ...versionOf(survey), definition: renamed });
    await db.repositories.surveys.saveVersion({ ...versionOf(survey, 2), definition: renamed, createdAt: at(1) });
    const scheduled: Survey = { ...survey, status: 'scheduled', opensAt: at(2), closesAt: at(9), currentVersion: 2, anonymity: 'anonymous', updatedAt: at(1) };
    await db.repositories.surveys.update(scheduled);
    expect(await db.repositories.surveys.findById(survey.id)).toEqual(scheduled);
    expect((await db.repositories.surveys.findVersion(survey.id, 1))?.definition.title).toEqual({ en: 'Renamed' });
    expect(await db.repositories.surveys.findVersion(survey.id, 3)).toBeNull();
    expect(await db.repositories.surveys.hasResponses(survey.id)).toBe(false);
  });

  it('lists a community’s surveys newest first; members see only opened ones, counted by complete responses', async () => {
    const { community, member } = await communityWithMember();
    const make = async (overrides: Partial<Survey>) => {
      const survey = aSurvey(community.id, overrides);
      await db.repositories.surveys.create(survey, versionOf(survey));
      return survey;
    };
    const draft = await make({ status: 'draft', opensAt: null, createdAt: at(1) });
    const planned = await make({ status: 'scheduled', opensAt: at(10), createdAt: at(2) });
    const due = await make({ status: 'scheduled', opensAt: at(3), createdAt: at(3) });
    const open = await make({ status: 'open', createdAt: at(4) });
    const closed = await make({ status: 'closed', closesAt: at(4), createdAt: at(5) });
    const archived = await make({ status: 'archived', createdAt: at(6) });
    await db.repositories.surveyResponses.save(aResponse(open, { respondent: { mode: 'identified', accountId: member.id } }));

    const now = at(5);
    const staff = await db.repositories.surveys.listForCommunity({ communityId: community.id, onlyVisible: false, now }, firstPage);
    expect(staff.items.map((entry) => entry.survey.id)).toEqual([archived, closed, open, due, planned, draft].map((survey) => survey.id));
    expect(staff.items.find((entry) => entry.survey.id === open.id)).toMatchObject({ title: definition.title, responses: 1 });
    const members = await db.repositories.surveys.listForCommunity({ communityId: community.id, onlyVisible: true, now }, firstPage);
    expect(members.items.map((entry) => entry.survey.id)).toEqual([closed, open, due].map((survey) => survey.id));
    const page = await db.repositories.surveys.listForCommunity({ communityId: community.id, onlyVisible: false, now }, { position: null, limit: 2 });
    expect(page).toMatchObject({ total: 6, hasAfter: true });
    const next = await db.repositories.surveys.listForCommunity(
      { communityId: community.id, onlyVisible: false, now },
      { position: { direction: 'after', key: page.lastKey! }, limit: 2 },
    );
    expect(next.items.map((entry) => entry.survey.id)).toEqual([open.id, due.id]);
  });

  it('lists “surveys for me” across the member’s communities: open now, started, finished', async () => {
    const { community, member } = await communityWithMember();
    const elsewhere = await createdCommunity(db.repositories);
    await db.repositories.memberships.add({ communityId: elsewhere.id, accountId: member.id, role: 'member', joinedAt: T0 });
    const notMine = await createdCommunity(db.repositories);
    const make = async (communityId: string, overrides: Partial<Survey>) => {
      const survey = aSurvey(communityId, overrides);
      await db.repositories.surveys.create(survey, versionOf(survey));
      return survey;
    };
    const open = await make(community.id, { createdAt: at(1) });
    const openElsewhere = await make(elsewhere.id, { createdAt: at(2), closesAt: at(30) });
    const ended = await make(community.id, { createdAt: at(3), closesAt: at(4) });
    const finishedClosed = await make(community.id, { createdAt: at(4), status: 'closed', closesAt: at(5) });
    const started = await make(elsewhere.id, { createdAt: at(5), anonymity: 'pseudonymous' });
    await make(notMine.id, { createdAt: at(6) });
    await make(community.id, { createdAt: at(7), status: 'draft', opensAt: null });
    await db.repositories.surveyResponses.recordParticipation(finishedClosed.id, member.id, '2026-03-05');
    await db.repositories.surveyResponses.linkPseudonym(started.id, member.id, randomUUID());

    const mine = await db.repositories.surveys.listForMember({ accountId: member.id, now: at(10) }, firstPage);
    expect(mine.items.map((entry) => [entry.survey.id, entry.finished, entry.inProgress])).toEqual([
      [started.id, false, true],
      [finishedClosed.id, true, false],
      [openElsewhere.id, false, false],
      [open.id, false, false],
    ]);
    expect(mine.items[2]).toMatchObject({ communityName: elsewhere.name, communitySlug: elsewhere.slug });
    expect(mine.items.map((entry) => entry.survey.id)).not.toContain(ended.id);
  });

  it('saves identified progress, replaces its answers, and keeps one response per member', async () => {
    const { community, member } = await communityWithMember();
    const survey = aSurvey(community.id);
    await db.repositories.surveys.create(survey, versionOf(survey));
    const progress = aResponse(survey, {
      id: randomUUID(),
      respondent: { mode: 'identified', accountId: member.id },
      status: 'in_progress',
      pageId: 'p1',
      startedAt: T0,
      updatedAt: T0,
      submittedOn: null,
      rows: [{ questionId: 'nps', item: '', number: 7, text: null }],
    });
    await db.repositories.surveyResponses.save(progress);
    expect(await db.repositories.surveyResponses.findByOwner(survey.id, { accountId: member.id })).toEqual(progress);
    expect(await db.repositories.surveys.hasResponses(survey.id)).toBe(true);

    const done = { ...progress, status: 'complete' as const, updatedAt: at(1), submittedOn: '2026-03-02', rows: aResponse(survey).rows };
    await db.repositories.surveyResponses.save(done);
    expect(await db.repositories.surveyResponses.findByOwner(survey.id, { accountId: member.id })).toEqual(done);
    await expectDomainError(db.repositories.surveyResponses.save({ ...done, id: randomUUID() }), 'CONFLICT');

    await db.repositories.surveyResponses.recordParticipation(survey.id, member.id, '2026-03-02');
    expect(await db.repositories.surveyResponses.hasParticipated(survey.id, member.id)).toBe(true);
    await expectDomainError(db.repositories.surveyResponses.recordParticipation(survey.id, member.id, '2026-03-02'), 'SURVEY_ALREADY_ANSWERED');
  });

  it('stores pseudonymous responses under a pseudonym whose link lives apart; erasing the link keeps the answers', async () => {
    const { community, member } = await communityWithMember();
    const survey = aSurvey(community.id, { anonymity: 'pseudonymous' });
    await db.repositories.surveys.create(survey, versionOf(survey));
    const pseudonym = randomUUID();
    await db.repositories.surveyResponses.linkPseudonym(survey.id, member.id, pseudonym);
    await expectDomainError(db.repositories.surveyResponses.linkPseudonym(survey.id, member.id, randomUUID()), 'CONFLICT');
    expect(await db.repositories.surveyResponses.pseudonymOf(survey.id, member.id)).toBe(pseudonym);
    const response = aResponse(survey, { respondent: { mode: 'pseudonymous', pseudonym }, startedAt: T0, updatedAt: T0 });
    await db.repositories.surveyResponses.save(response);
    expect(await db.repositories.surveyResponses.findByOwner(survey.id, { pseudonym })).toEqual(response);
    const stored = await db.kysely.selectFrom('survey_responses').selectAll().where('id', '=', response.id).executeTakeFirstOrThrow();
    expect(stored.account_id).toBeNull();

    // Unfinished ones go on erasure; finished ones stay once the link is gone.
    const other = await createdAccount(db.repositories);
    await db.repositories.memberships.add({ communityId: community.id, accountId: other.id, role: 'member', joinedAt: T0 });
    const otherPseudonym = randomUUID();
    await db.repositories.surveyResponses.linkPseudonym(survey.id, other.id, otherPseudonym);
    const unfinished = aResponse(survey, { respondent: { mode: 'pseudonymous', pseudonym: otherPseudonym }, status: 'in_progress', submittedOn: null });
    await db.repositories.surveyResponses.save(unfinished);
    expect(await db.repositories.surveyResponses.deleteUnfinishedPseudonymous(other.id)).toBe(1);
    expect(await db.repositories.surveyResponses.deleteUnfinishedPseudonymous(member.id)).toBe(0);
    await db.kysely.deleteFrom('accounts').where('id', '=', member.id).execute();
    expect(await db.repositories.surveyResponses.pseudonymOf(survey.id, member.id)).toBeNull();
    expect(await db.repositories.surveyResponses.findByOwner(survey.id, { pseudonym })).toEqual(response);
  });

  it('stores answers one value per row, so results are SQL aggregates', async () => {
    const { community } = await communityWithMember();
    const survey = aSurvey(community.id, { anonymity: 'anonymous' });
    await db.repositories.surveys.create(survey, versionOf(survey));
    for (const score of [10, 9, 3]) {
      const account = await createdAccount(db.repositories);
      await db.repositories.surveyResponses.submitAnonymous(aResponse(survey, { id: randomUUID(), submittedOn: null, rows: [{ questionId: 'nps', item: '', number: score, text: null }] }), {
        accountId: account.id,
        day: '2026-03-01',
      });
    }
    const nps = await db.kysely
      .selectFrom('survey_answers')
      .select([
        sql<number>`sum(case when number_value >= 9 then 1 else 0 end)`.as('promoters'),
        sql<number>`sum(case when number_value <= 6 then 1 else 0 end)`.as('detractors'),
        sql<number>`avg(number_value)`.as('mean'),
        sql<number>`count(*)`.as('n'),
      ])
      .where('survey_id', '=', survey.id)
      .where('question_id', '=', 'nps')
      .executeTakeFirstOrThrow();
    expect({ promoters: Number(nps.promoters), detractors: Number(nps.detractors), mean: Number(nps.mean), n: Number(nps.n) }).toEqual({
      promoters: 2,
      detractors: 1,
      mean: 22 / 3,
      n: 3,
    });
  });

  it('finds no way to join an anonymous response to its participant: no ids, no order, no time', async () => {
    const { community } = await communityWithMember();
    const survey = aSurvey(community.id, { anonymity: 'anonymous' });
    await db.repositories.surveys.create(survey, versionOf(survey));
    const submitted: { accountId: string; responseId: string }[] = [];
    for (let index = 0; index < 6; index++) {
      const account = await createdAccount(db.repositories);
      const response = aResponse(survey, { id: randomUUID(), submittedOn: null, rows: [{ questionId: 'nps', item: '', number: index, text: null }] });
      await db.repositories.surveyResponses.submitAnonymous(response, { accountId: account.id, day: '2026-03-01' });
      submitted.push({ accountId: account.id, responseId: response.id });
    }
    await expectDomainError(
      db.repositories.surveyResponses.submitAnonymous(aResponse(survey, { id: randomUUID(), submittedOn: null }), { accountId: submitted[0]!.accountId, day: '2026-03-01' }),
      'SURVEY_ALREADY_ANSWERED',
    );
    expect(await db.repositories.surveyResponses.hasParticipated(survey.id, submitted[0]!.accountId)).toBe(true);

    const responses = await db.kysely.selectFrom('survey_responses').selectAll().where('survey_id', '=', survey.id).execute();
    const participations = await db.kysely.selectFrom('survey_participations').selectAll().where('survey_id', '=', survey.id).execute();
    // The refused second submission left nothing behind.
    expect(responses).toHaveLength(6);
    // Ids: random (v4), carrying no time; no column of a response names a person.
    for (const row of responses) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row).toMatchObject({ account_id: null, pseudonym: null, started_at: null, updated_at: null, page_id: null, submitted_on: null });
    }
    // Dates: the day of taking part, only on the participation (the response keeps none).
    expect(new Set(participations.map((row) => row.participated_on))).toEqual(new Set(['2026-03-01']));
    // Order: what a plain read returns follows the keys (random ids; account ids), not the order of arrival.
    const arrival = submitted.map((entry) => entry.responseId);
    expect(participations.map((row) => row.account_id)).toEqual(participations.map((row) => row.account_id).sort());
    if (dialect.name === 'sqlite') {
      // No hidden rowid to sort by (WITHOUT ROWID tables).
      await expect(sql`select rowid from survey_responses`.execute(db.kysely)).rejects.toThrow(/rowid/);
      await expect(sql`select rowid from survey_participations`.execute(db.kysely)).rejects.toThrow(/rowid/);
      await expect(sql`select rowid from survey_answers`.execute(db.kysely)).rejects.toThrow(/rowid/);
      expect(responses.map((row) => row.id)).toEqual([...arrival].sort());
    } else {
      // Transaction ids: every anonymous row of the survey carries the same one, so none points at a submission.
      const xmins = async (table: string) =>
        new Set(
          (await sql<{ x: string }>`select xmin::text as x from ${sql.table(table)} where survey_id = ${survey.id}`.execute(db.kysely)).rows.map((row) => row.x),
        );
      expect((await xmins('survey_responses')).size).toBe(1);
      expect((await xmins('survey_answers')).size).toBe(1);
      expect((await xmins('survey_participations')).size).toBe(1);
      // Physical order of participations: account order, not arrival.
      const byPlace = await sql<{ account_id: string }>`select account_id from survey_participations where survey_id = ${survey.id} order by ctid`.execute(db.kysely);
      expect(byPlace.rows.map((row) => row.account_id)).toEqual(submitted.map((entry) => entry.accountId).sort());
      // No sequence or identity column on the survey tables.
      const sequences = await sql<{ n: string }>`
        select count(*) as n from information_schema.columns
        where table_name like 'survey%' and (column_default like 'nextval%' or is_identity = 'YES')`.execute(db.kysely);
      expect(Number(sequences.rows[0]!.n)).toBe(0);
    }
    // Nothing the two tables share but the survey: no column of one holds a value of the other's row.
    const responseValues = new Set(responses.flatMap((row) => Object.values(row)).filter((value) => value !== null && value !== survey.id));
    for (const row of participations) {
      for (const value of Object.values(row)) if (value !== survey.id && value !== '2026-03-01') expect(responseValues.has(value)).toBe(false);
    }
  });
});
