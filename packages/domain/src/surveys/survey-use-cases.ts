import { z } from 'zod';
import type { AccountRepository } from '../accounts/account.port.js';
import type { ProfileAttributeRepository, ProfileValueRepository } from '../communities/profile-attribute.port.js';
import { authorize, requireViewer, type SignedInViewer, type UseCaseContext } from '../communities/community-use-cases.js';
import type { Community } from '../communities/community.js';
import { can } from '../communities/permissions.js';
import { whoMayProcess, type ConsentRepositories } from '../consent/consent-use-cases.js';
import { corePurposeIds, corePurposes, findPurpose, purposeDocument, type Purpose } from '../consent/purpose-register.js';
import type { PolicyText } from '../consent/policy-text.js';
import { DomainError } from '../shared/domain-error.js';
import { idSchema, type Id, type IdGenerator } from '../shared/ids.js';
import type { Locale } from '../shared/locale.js';
import { pageInputShape, pageRequest, toPage, type Page } from '../shared/pagination.js';
import { utcDay } from '../shared/time-zone.js';
import { assertResponse } from './response-validation.js';
import { answerFromRows, answerRows, type AnswerRow, type Answers } from './survey-answer.js';
import { answersSchema } from './survey-answer-schema.js';
import { assertSurveyDefinition, type AttributeCatalogEntry } from './survey-check.js';
import type { SurveyDefinition } from './survey-definition.js';
import { questionIndex } from './survey-definition-helpers.js';
import { allowedActions, anonymityModeSchema, assertOpenAt, lifecycleActionSchema, planLifecycle, statusAt, type SurveyStatus } from './survey-lifecycle.js';
import type { Attributes } from './survey-logic.js';
import { isStructuralChange } from './survey-version.js';
import type { Survey, SurveyForMember, SurveyListEntry, SurveyResponse } from './survey.js';
import type { SurveyRepository, SurveyResponseRepository } from './survey.port.js';

export interface SurveyRepositories extends ConsentRepositories {
  accounts: Pick<AccountRepository, 'hold'>;
  surveys: SurveyRepository;
  surveyResponses: SurveyResponseRepository;
  profileAttributes: ProfileAttributeRepository;
  profileValues: ProfileValueRepository;
}

export interface SurveyContext extends UseCaseContext {
  /** Random ids (v4) where an id must not tell when it was made: anonymous responses, pseudonyms. */
  randomId: IdGenerator;
}

/** An uploaded definition file's text; the body limit of the server bounds it again. */
const definitionTextSchema = z.string({ error: 'definition_required' }).min(1, { error: 'definition_required' }).max(512_000, { error: 'definition_too_large' });

export const createSurveyInputSchema = z.object({ communityId: idSchema, anonymity: anonymityModeSchema, definition: definitionTextSchema });
export const updateSurveyInputSchema = z.object({ surveyId: idSchema, anonymity: anonymityModeSchema.optional(), definition: definitionTextSchema });
export const surveyIdInputSchema = z.object({ surveyId: idSchema });
export const changeLifecycleInputSchema = z.object({ surveyId: idSchema, change: lifecycleActionSchema });
export const communitySurveysInputSchema = z.object({ communityId: idSchema, ...pageInputShape });
export const surveysForMeInputSchema = z.object({ ...pageInputShape });
/**
 * The anonymity mode the respondent was told before starting. When the survey's mode is
 * another by now, the answer is refused (SURVEY_STATE_INVALID) rather than stored in a mode
 * the member did not agree to.
 */
const toldAnonymity = anonymityModeSchema.optional();
export const saveProgressInputSchema = z.object({
  surveyId: idSchema,
  anonymity: toldAnonymity,
  answers: answersSchema,
  /** The page the member is on (resume lands there). */
  pageId: z.string().max(48).nullable().default(null),
});
export const submitResponseInputSchema = z.object({
  surveyId: idSchema,
  anonymity: toldAnonymity,
  answers: answersSchema,
  /** Anonymous surveys: the version the device started on (the server keeps no progress). */
  version: z.int().min(1).optional(),
});

/** The community's profile attributes as the definition checker knows them. */
async function attributeCatalog(repos: SurveyRepositories, communityId: Id): Promise<AttributeCatalogEntry[]> {
  return (await repos.profileAttributes.list(communityId)).map((attribute) => ({ key: attribute.key, type: attribute.type, options: attribute.options }));
}

/** `hold`: the row stays held until commit (see SurveyRepository.findHeld). */
async function loadSurvey(repos: SurveyRepositories, surveyId: Id, hold?: 'answer' | 'change'): Promise<Survey> {
  const survey = hold ? await repos.surveys.findHeld(surveyId, hold) : await repos.surveys.findById(surveyId);
  if (!survey) throw new DomainError('NOT_FOUND');
  return survey;
}

async function loadDefinition(repos: SurveyRepositories, survey: Survey, version = survey.currentVersion): Promise<SurveyDefinition> {
  const found = await repos.surveys.findVersion(survey.id, version);
  if (!found) throw new DomainError('NOT_FOUND', 'No such version of the survey.');
  return found.definition;
}

/** Staff only: NOT_FOUND for whoever may not see the community, FORBIDDEN for members. */
async function staffSurvey(repos: SurveyRepositories, ctx: UseCaseContext, surveyId: Id, hold?: 'change'): Promise<{ survey: Survey; community: Community }> {
  const survey = await loadSurvey(repos, surveyId, hold);
  const { community } = await authorize(repos, ctx.viewer, survey.communityId, 'manageSurveys');
  return { survey, community };
}

export interface StaffSurveyView {
  survey: Survey;
  /** The status that holds now (a scheduled survey past its opening is open). */
  status: SurveyStatus;
  definition: SurveyDefinition;
  allowedActions: readonly string[];
  hasResponses: boolean;
  timeZone: string;
}

async function staffView(repos: SurveyRepositories, ctx: UseCaseContext, survey: Survey, community: Community): Promise<StaffSurveyView> {
  const now = ctx.clock.now();
  return {
    survey,
    status: statusAt(survey, now),
    definition: await loadDefinition(repos, survey),
    allowedActions: allowedActions(survey, now),
    hasResponses: await repos.surveys.hasResponses(survey.id),
    timeZone: community.timeZone,
  };
}

/** Staff upload a JSON definition: checked against the schema and the community's attributes, stored as version 1 of a draft. */
export async function createSurvey(repos: SurveyRepositories, ctx: UseCaseContext, input: z.infer<typeof createSurveyInputSchema>): Promise<StaffSurveyView> {
  const viewer = requireViewer(ctx.viewer);
  const { community } = await authorize(repos, viewer, input.communityId, 'manageSurveys');
  const definition = assertSurveyDefinition(input.definition, { attributes: await attributeCatalog(repos, community.id) });
  const now = ctx.clock.now();
  const survey: Survey = {
    id: ctx.newId(),
    communityId: community.id,
    status: 'draft',
    anonymity: input.anonymity,
    currentVersion: 1,
    opensAt: null,
    closesAt: null,
    createdBy: viewer.accountId,
    createdAt: now,
    updatedAt: now,
  };
  await repos.surveys.create(survey, { surveyId: survey.id, version: 1, definition, createdAt: now });
  return staffView(repos, ctx, survey, community);
}

/**
 * A new definition for a survey. Before any response it replaces the current version;
 * afterwards a structural change publishes a new version (responses under way finish on
 * theirs) and a change of texts only corrects the current one. The anonymity promise
 * made to respondents cannot change once someone answered.
 */
export async function updateSurvey(repos: SurveyRepositories, ctx: UseCaseContext, input: z.infer<typeof updateSurveyInputSchema>): Promise<StaffSurveyView> {
  // Held: answers under way finish first and are counted below, so a version they were checked on is never replaced.
  const { survey, community } = await staffSurvey(repos, ctx, input.surveyId, 'change');
  const now = ctx.clock.now();
  if (statusAt(survey, now) === 'archived') throw new DomainError('SURVEY_STATE_INVALID', 'An archived survey cannot change.', { from: 'archived', action: 'edit' });
  const definition = assertSurveyDefinition(input.definition, { attributes: await attributeCatalog(repos, community.id) });
  const answered = await repos.surveys.hasResponses(survey.id);
  const anonymity = input.anonymity ?? survey.anonymity;
  // Respondents are told the mode before they start, and anonymous progress never reaches
  // the server: once a survey opened, someone may be answering under the promise made.
  const status = statusAt(survey, now);
  const promised = answered || (status !== 'draft' && status !== 'scheduled');
  if (promised && anonymity !== survey.anonymity) {
    throw new DomainError('SURVEY_STATE_INVALID', 'The anonymity mode is fixed once the survey opened or someone answered.', { from: status, action: 'anonymity' });
  }
  const current = await loadDefinition(repos, survey);
  const version = answered && isStructuralChange(current, definition) ? survey.currentVersion + 1 : survey.currentVersion;
  await repos.surveys.saveVersion({ surveyId: survey.id, version, definition, createdAt: now });
  const updated: Survey = { ...survey, anonymity, currentVersion: version, updatedAt: now };
  await repos.surveys.update(updated);
  return staffView(repos, ctx, updated, community);
}

/** The definition as a JSON file: importing it again gives the very same definition. */
export async function exportSurveyDefinition(repos: SurveyRepositories, ctx: UseCaseContext, surveyId: Id): Promise<{ fileName: string; json: string }> {
  const { survey } = await staffSurvey(repos, ctx, surveyId);
  const definition = await loadDefinition(repos, survey);
  return { fileName: `survey-${survey.id}-v${survey.currentVersion}.json`, json: `${JSON.stringify(definition, null, 2)}\n` };
}

export async function getSurveyForStaff(repos: SurveyRepositories, ctx: UseCaseContext, surveyId: Id): Promise<StaffSurveyView> {
  const { survey, community } = await staffSurvey(repos, ctx, surveyId);
  return staffView(repos, ctx, survey, community);
}

/** Schedule, open, close, archive: times are UTC instants (the web converts from the community's zone). */
export async function changeLifecycle(repos: SurveyRepositories, ctx: UseCaseContext, input: z.infer<typeof changeLifecycleInputSchema>): Promise<StaffSurveyView> {
  const { survey, community } = await staffSurvey(repos, ctx, input.surveyId, 'change');
  const now = ctx.clock.now();
  const schedule = planLifecycle(survey, input.change, now);
  const updated: Survey = { ...survey, ...schedule, updatedAt: now };
  await repos.surveys.update(updated);
  return staffView(repos, ctx, updated, community);
}

export interface SurveyListItem extends SurveyListEntry {
  status: SurveyStatus;
}

/** A community's surveys: every one for staff, the opened ones for members. */
export async function listCommunitySurveys(
  repos: SurveyRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof communitySurveysInputSchema>,
): Promise<Page<SurveyListItem> & { canManage: boolean }> {
  const viewer = requireViewer(ctx.viewer);
  const { community, membership } = await authorize(repos, viewer, input.communityId, 'read');
  const access = { visibility: community.visibility, role: membership?.role ?? null };
  // Staff manage (instance admins too, member or not); members answer; visitors neither.
  const canManage = can(viewer, 'manageSurveys', access);
  if (!canManage && !can(viewer, 'answerSurveys', access)) throw new DomainError('FORBIDDEN');
  const now = ctx.clock.now();
  const scope = `surveys:${community.id}:${canManage ? 'staff' : 'members'}`;
  const page = await repos.surveys.listForCommunity({ communityId: community.id, onlyVisible: !canManage, now }, pageRequest(scope, input));
  return { ...toPage(scope, page, (entry) => ({ ...entry, status: statusAt(entry.survey, now) })), canManage };
}

/** "Surveys for me": open ones across the member's communities, and those they started or finished. */
export async function surveysForMe(
  repos: SurveyRepositories,
  ctx: UseCaseContext,
  input: z.infer<typeof surveysForMeInputSchema>,
): Promise<Page<SurveyForMember & { status: SurveyStatus }>> {
  const viewer = requireViewer(ctx.viewer);
  const now = ctx.clock.now();
  const scope = `surveys-for:${viewer.accountId}`;
  const page = await repos.surveys.listForMember({ accountId: viewer.accountId, now }, pageRequest(scope, input));
  return toPage(scope, page, (entry) => ({ ...entry, status: statusAt(entry.survey, now) }));
}

// ---------------------------------------------------------------- answering

const research = findPurpose(corePurposes, corePurposeIds.research)!;

async function mayProcessFor(repos: SurveyRepositories, purposeId: string, accountId: Id): Promise<boolean> {
  return (await whoMayProcess(repos, { purposeId, communityId: null, audience: { accountIds: [accountId] } })).has(accountId);
}

/**
 * The respondent's profile answers by attribute key — only with the profile-targeting
 * consent, which covers using the profile in survey logic (decision 027); without it the
 * logic sees no attributes (conditions on them read as unanswered).
 */
async function respondentAttributes(repos: SurveyRepositories, communityId: Id, accountId: Id): Promise<Attributes> {
  if (!(await mayProcessFor(repos, corePurposeIds.targeting, accountId))) return {};
  const keys = new Map((await repos.profileAttributes.list(communityId)).map((attribute) => [attribute.id, attribute.key]));
  const values = await repos.profileValues.list(communityId, accountId);
  return Object.fromEntries(values.flatMap((value) => (keys.has(value.attributeId) ? [[keys.get(value.attributeId)!, value.value]] : [])));
}

function answersOf(definition: SurveyDefinition, rows: readonly AnswerRow[]): Answers {
  const answers: Answers = {};
  for (const [id, place] of questionIndex(definition)) {
    const value = answerFromRows(place.question, rows.filter((row) => row.questionId === id));
    if (value !== undefined) answers[id] = value;
  }
  return answers;
}

function rowsOf(definition: SurveyDefinition, answers: Answers): AnswerRow[] {
  const index = questionIndex(definition);
  return Object.entries(answers).flatMap(([id, value]) => answerRows(index.get(id)!.question, value));
}

/** The member's own response (identified or pseudonymous), if they started one. */
async function ownResponse(repos: SurveyRepositories, survey: Survey, accountId: Id): Promise<SurveyResponse | null> {
  if (survey.anonymity === 'identified') return repos.surveyResponses.findByOwner(survey.id, { accountId });
  if (survey.anonymity === 'pseudonymous') {
    const pseudonym = await repos.surveyResponses.pseudonymOf(survey.id, accountId);
    return pseudonym ? repos.surveyResponses.findByOwner(survey.id, { pseudonym }) : null;
  }
  return null;
}

export interface RespondentView {
  survey: Pick<Survey, 'id' | 'communityId' | 'anonymity' | 'opensAt' | 'closesAt'>;
  status: SurveyStatus;
  community: { name: string; slug: string; defaultLocale: Locale; timeZone: string };
  /** The version to answer: the one the member started on, else the current one. */
  version: number;
  definition: SurveyDefinition;
  attributes: Attributes;
  /** Saved progress (identified / pseudonymous); anonymous progress lives on the device. */
  saved: { responseId: Id; answers: Answers; pageId: string | null } | null;
  finished: boolean;
  /** Without the research consent: the text to agree to, asked in place. */
  consent: { purpose: Purpose; text: PolicyText } | null;
}

/** What the respondent page needs: the survey, where the member stands, and whether they may answer. */
export async function respondentView(repos: SurveyRepositories, ctx: UseCaseContext, surveyId: Id, locale: Locale): Promise<RespondentView> {
  const viewer = requireViewer(ctx.viewer);
  const survey = await loadSurvey(repos, surveyId);
  const { community } = await authorize(repos, viewer, survey.communityId, 'answerSurveys');
  const status = statusAt(survey, ctx.clock.now());
  if (status === 'draft' || status === 'archived') throw new DomainError('NOT_FOUND');
  const consented = await mayProcessFor(repos, research.id, viewer.accountId);
  const response = consented ? await ownResponse(repos, survey, viewer.accountId) : null;
  const version = response?.version ?? survey.currentVersion;
  const stored = await loadDefinition(repos, survey, version);
  // Scheduled: the page says when it opens; the questions stay with staff until then.
  const definition = status === 'scheduled' ? { ...stored, pages: [], endings: [] } : stored;
  return {
    survey: { id: survey.id, communityId: survey.communityId, anonymity: survey.anonymity, opensAt: survey.opensAt, closesAt: survey.closesAt },
    status,
    community: { name: community.name, slug: community.slug, defaultLocale: community.defaultLocale, timeZone: community.timeZone },
    version,
    definition,
    attributes: consented ? await respondentAttributes(repos, community.id, viewer.accountId) : {},
    saved: response && response.status === 'in_progress' ? { responseId: response.id, answers: answersOf(definition, response.rows), pageId: response.pageId } : null,
    finished: await repos.surveyResponses.hasParticipated(survey.id, viewer.accountId),
    consent: consented ? null : await consentToAsk(repos, locale),
  };
}

async function consentToAsk(repos: SurveyRepositories, locale: Locale): Promise<{ purpose: Purpose; text: PolicyText } | null> {
  const text = await repos.policyTexts.findCurrent(null, purposeDocument(research), locale);
  return text ? { purpose: research, text } : null;
}

/**
 * Everything an answer must pass, checked on every save and submit: a member of the
 * community, the survey open now (by the clock, not by a job), in the anonymity mode the
 * respondent was told, the research consent, not answered before.
 */
async function answering(
  repos: SurveyRepositories,
  ctx: UseCaseContext,
  input: { surveyId: Id; anonymity?: Survey['anonymity'] | undefined },
): Promise<{ viewer: SignedInViewer; survey: Survey; now: Date }> {
  const viewer = requireViewer(ctx.viewer);
  // Held until the answer is stored (decision 014's rule): an erasure or a withdrawal of the
  // research consent waits for it and then sees (and removes) what it wrote; one that came
  // first is seen here — no account, or no consent. Two tabs of the member take turns: the
  // second then finds the first one's response (or its participation).
  if (!(await repos.accounts.hold(viewer.accountId))) throw new DomainError('NOT_FOUND', 'The account no longer exists.');
  // Held too: a new definition or a close waits for this answer (and counts it), or this answer for them.
  const survey = await loadSurvey(repos, input.surveyId, 'answer');
  await authorize(repos, viewer, survey.communityId, 'answerSurveys');
  const now = ctx.clock.now();
  assertOpenAt(survey, now);
  if (input.anonymity !== undefined && input.anonymity !== survey.anonymity) {
    throw new DomainError('SURVEY_STATE_INVALID', 'The survey’s anonymity mode is not the one the respondent was told.', {
      from: statusAt(survey, now),
      action: 'anonymity',
    });
  }
  if (!(await mayProcessFor(repos, research.id, viewer.accountId))) throw new DomainError('CONSENT_REQUIRED', 'Answering surveys needs the research consent.');
  if (await repos.surveyResponses.hasParticipated(survey.id, viewer.accountId)) throw new DomainError('SURVEY_ALREADY_ANSWERED');
  return { viewer, survey, now };
}

/** The member's response to write to: their own, or a new one (with a new pseudonym link when pseudonymous). */
async function responseToWrite(repos: SurveyRepositories, ctx: SurveyContext, survey: Survey, accountId: Id, now: Date): Promise<SurveyResponse> {
  const existing = await ownResponse(repos, survey, accountId);
  if (existing) return existing;
  let respondent: SurveyResponse['respondent'] = { mode: 'identified', accountId };
  if (survey.anonymity === 'pseudonymous') {
    const pseudonym = ctx.randomId();
    await repos.surveyResponses.linkPseudonym(survey.id, accountId, pseudonym);
    respondent = { mode: 'pseudonymous', pseudonym };
  }
  return { id: ctx.newId(), surveyId: survey.id, version: survey.currentVersion, respondent, status: 'in_progress', pageId: null, startedAt: now, updatedAt: now, submittedOn: null, rows: [] };
}

/** Saves answers as the member goes (identified and pseudonymous surveys; anonymous progress stays on the device). */
export async function saveProgress(repos: SurveyRepositories, ctx: SurveyContext, input: z.infer<typeof saveProgressInputSchema>): Promise<{ saved: true; dropped: string[] }> {
  const { viewer, survey, now } = await answering(repos, ctx, input);
  if (survey.anonymity === 'anonymous') throw new DomainError('VALIDATION', 'progress_on_device', { field: 'answers', reason: 'progress_on_device' });
  const response = await responseToWrite(repos, ctx, survey, viewer.accountId, now);
  const definition = await loadDefinition(repos, survey, response.version);
  const checked = assertResponse({ definition, answers: input.answers, attributes: await respondentAttributes(repos, survey.communityId, viewer.accountId), complete: false });
  const pageId = input.pageId !== null && definition.pages.some((page) => page.id === input.pageId) ? input.pageId : null;
  await repos.surveyResponses.save({ ...response, pageId, updatedAt: now, rows: rowsOf(definition, checked.answers) });
  return { saved: true, dropped: checked.dropped };
}

/** Submits the response: checked in full by the server (the same engine the browser ran), then stored once. */
export async function submitResponse(
  repos: SurveyRepositories,
  ctx: SurveyContext,
  input: z.infer<typeof submitResponseInputSchema>,
): Promise<{ endingId: string | null; dropped: string[] }> {
  const { viewer, survey, now } = await answering(repos, ctx, input);
  const attributes = await respondentAttributes(repos, survey.communityId, viewer.accountId);
  const day = utcDay(now);
  if (survey.anonymity === 'anonymous') {
    const version = input.version ?? survey.currentVersion;
    const definition = await loadDefinition(repos, survey, version);
    const checked = assertResponse({ definition, answers: input.answers, attributes, complete: true });
    await repos.surveyResponses.submitAnonymous(
      {
        id: ctx.randomId(),
        surveyId: survey.id,
        version,
        respondent: { mode: 'anonymous' },
        status: 'complete',
        pageId: null,
        startedAt: null,
        updatedAt: null,
        // No day either: the participation keeps its day, and on a day with one participant the
        // same day on the response would name them.
        submittedOn: null,
        rows: rowsOf(definition, checked.answers),
      },
      { accountId: viewer.accountId, day },
    );
    return { endingId: checked.ending?.id ?? null, dropped: checked.dropped };
  }
  const response = await responseToWrite(repos, ctx, survey, viewer.accountId, now);
  const definition = await loadDefinition(repos, survey, response.version);
  const checked = assertResponse({ definition, answers: input.answers, attributes, complete: true });
  await repos.surveyResponses.save({ ...response, status: 'complete', pageId: null, updatedAt: now, submittedOn: day, rows: rowsOf(definition, checked.answers) });
  await repos.surveyResponses.recordParticipation(survey.id, viewer.accountId, day);
  return { endingId: checked.ending?.id ?? null, dropped: checked.dropped };
}
