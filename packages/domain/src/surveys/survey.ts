import type { Id } from '../shared/ids.js';
import type { AnswerRow } from './survey-answer.js';
import type { SurveyDefinition } from './survey-definition.js';
import type { AnonymityMode, SurveySchedule } from './survey-lifecycle.js';

/**
 * A survey as stored: its schedule (what staff did; `statusAt` tells what holds now), its
 * anonymity mode and the version new respondents get. Definitions live in versions: once
 * a survey has responses a structural change publishes a new one, and every response
 * keeps answering the version it started on.
 */
export interface Survey extends SurveySchedule {
  id: Id;
  communityId: Id;
  anonymity: AnonymityMode;
  currentVersion: number;
  createdBy: Id | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SurveyVersion {
  surveyId: Id;
  version: number;
  definition: SurveyDefinition;
  createdAt: Date;
}

/**
 * Who a stored response belongs to: the account (identified), a per-survey pseudonym whose
 * link to the account is stored apart (pseudonymous), or nobody (anonymous).
 */
export type Respondent = { mode: 'identified'; accountId: Id } | { mode: 'pseudonymous'; pseudonym: string } | { mode: 'anonymous' };

export type ResponseStatus = 'in_progress' | 'complete';

/**
 * A response. Anonymous ones are stored only once complete (progress stays on the device),
 * with a random id (v4, no time in it), the day of submission and no other time.
 */
export interface SurveyResponse {
  id: Id;
  surveyId: Id;
  version: number;
  respondent: Respondent;
  status: ResponseStatus;
  /** Where an identified or pseudonymous respondent paused (page id), for resuming. */
  pageId: string | null;
  startedAt: Date | null;
  updatedAt: Date | null;
  /** YYYY-MM-DD (UTC): the finest date kept of a submission. */
  submittedOn: string | null;
  rows: AnswerRow[];
}

/** A survey in a list: staff see every one of the community, members the ones they may answer. */
export interface SurveyListEntry {
  survey: Survey;
  title: SurveyDefinition['title'];
  /** Complete responses so far. */
  responses: number;
}

/** "Surveys for me": open ones in the member's communities, and the ones they finished. */
export interface SurveyForMember extends SurveyListEntry {
  communityName: string;
  communitySlug: string;
  finished: boolean;
  inProgress: boolean;
}
