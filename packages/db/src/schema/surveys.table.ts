import type { Json, Timestamp } from './column-types.js';

export interface SurveysTable {
  id: string;
  community_id: string;
  status: string;
  anonymity: string;
  current_version: number;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyVersionsTable {
  survey_id: string;
  version: number;
  definition: Json;
  created_at: Timestamp;
}

/** Anonymous responses: no account, no pseudonym, no times but the day of submission. */
export interface SurveyResponsesTable {
  id: string;
  survey_id: string;
  version: number;
  account_id: string | null;
  pseudonym: string | null;
  status: string;
  page_id: string | null;
  started_at: Timestamp | null;
  updated_at: Timestamp | null;
  /** YYYY-MM-DD. */
  submitted_on: string | null;
}

export interface SurveyAnswersTable {
  response_id: string;
  survey_id: string;
  question_id: string;
  item: string;
  number_value: number | null;
  text_value: string | null;
}

export interface SurveyPseudonymsTable {
  survey_id: string;
  account_id: string;
  pseudonym: string;
}

export interface SurveyParticipationsTable {
  survey_id: string;
  account_id: string;
  /** YYYY-MM-DD. */
  participated_on: string;
}
