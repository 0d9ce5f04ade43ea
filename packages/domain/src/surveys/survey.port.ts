import type { Id } from '../shared/ids.js';
import type { KeysetPage, PageRequest } from '../shared/pagination.js';
import type { Survey, SurveyForMember, SurveyListEntry, SurveyResponse, SurveyVersion } from './survey.js';

export interface SurveyRepository {
  create(survey: Survey, version: SurveyVersion): Promise<void>;
  /** Schedule, status, anonymity, current version and update time. */
  update(survey: Survey): Promise<void>;
  findById(id: Id): Promise<Survey | null>;
  /**
   * The survey, its row held until the transaction ends (PostgreSQL; SQLite serialises write
   * transactions): `answer` (FOR SHARE) by a save or submit, `change` (FOR UPDATE) by staff
   * changing its definition or schedule. A change waits for the answers under way and then
   * counts them; an answer that comes later waits and then reads the version the change made.
   */
  findHeld(id: Id, mode: 'answer' | 'change'): Promise<Survey | null>;
  /** Inserts a version, or replaces it when it exists (a survey nobody answered yet). */
  saveVersion(version: SurveyVersion): Promise<void>;
  findVersion(surveyId: Id, version: number): Promise<SurveyVersion | null>;
  /** Whether any response (complete or in progress) exists: then a structural change needs a new version. */
  hasResponses(surveyId: Id): Promise<boolean>;
  /** A community's surveys, newest first; `onlyVisible` limits them to what members see (open now, or closed). */
  listForCommunity(query: { communityId: Id; onlyVisible: boolean; now: Date }, request: PageRequest): Promise<KeysetPage<SurveyListEntry>>;
  /** Across the member's communities: surveys open now, and those the member finished or started; newest first. */
  listForMember(query: { accountId: Id; now: Date }, request: PageRequest): Promise<KeysetPage<SurveyForMember>>;
}

/** Whose response to look up: an account (identified) or a pseudonym (pseudonymous). */
export type ResponseOwner = { accountId: Id } | { pseudonym: string };

export interface SurveyResponseRepository {
  /** The identified or pseudonymous response of one respondent, with its answers. */
  findByOwner(surveyId: Id, owner: ResponseOwner): Promise<SurveyResponse | null>;
  /** The member's pseudonym in a survey (the link stored apart), if they have one. */
  pseudonymOf(surveyId: Id, accountId: Id): Promise<string | null>;
  /** Stores the link; fails with CONFLICT when the member already has one. */
  linkPseudonym(surveyId: Id, accountId: Id, pseudonym: string): Promise<void>;
  /**
   * Writes an identified or pseudonymous response (insert or update) and replaces its
   * answers. CONFLICT when the respondent already has another response.
   */
  save(response: SurveyResponse): Promise<void>;
  /**
   * An anonymous response: the answers, and apart from them the member's participation (day
   * only). Afterwards nothing stored tells which of the survey's responses is the member's:
   * no time in the id, no order, no shared transaction id (decision 026).
   * SURVEY_ALREADY_ANSWERED when the member already took part.
   */
  submitAnonymous(response: SurveyResponse, participation: { accountId: Id; day: string }): Promise<void>;
  /** Records that the member finished (identified and pseudonymous modes); SURVEY_ALREADY_ANSWERED if they had. */
  recordParticipation(surveyId: Id, accountId: Id, day: string): Promise<void>;
  hasParticipated(surveyId: Id, accountId: Id): Promise<boolean>;
  /** Erasure: the member's unfinished pseudonymous responses, found through their links (before the links go). */
  deleteUnfinishedPseudonymous(accountId: Id): Promise<number>;
}
