import { DomainError } from '../shared/domain-error.js';
import { canonicalAnswers, checkAnswer, missingRows, type Answers } from './survey-answer.js';
import type { SurveyIssue } from './survey-issues.js';
import { questionIndex } from './survey-definition-helpers.js';
import type { Ending, SurveyDefinition } from './survey-definition.js';
import { surveyPath, type Attributes } from './survey-logic.js';

export interface ResponseInput {
  definition: SurveyDefinition;
  /** Raw answers by question id, as sent (already bounded by `answersSchema`). */
  answers: unknown;
  attributes: Attributes;
  /** A finished response must have every shown required question answered; a saved draft need not. */
  complete: boolean;
}

export interface CheckedResponse {
  /** What to store: canonical values for the questions the path shows. */
  answers: Answers;
  /** Questions whose answers were dropped because the path (now) hides them. */
  dropped: string[];
  /** The end screen (complete responses; for drafts where the answers so far lead). */
  ending: Ending | null;
}

export type ResponseCheck = ({ ok: true } & CheckedResponse) | { ok: false; issues: SurveyIssue[] };

/**
 * The server's authority over a response. Refuses unknown question ids, values of the
 * wrong type or out of range, and (when complete) missing required answers. Answers to
 * questions the path hides — say an earlier answer changed — are dropped, not refused.
 *
 * Values are checked as the path is walked: an invalid value is refused and counts as
 * unanswered for the conditions after it, so one mistake is reported once.
 */
export function checkResponse(input: ResponseInput): ResponseCheck {
  const { definition, attributes } = input;
  const raw = input.answers;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, issues: [{ code: 'answers_invalid', path: ['answers'] }] };
  const given = raw as Record<string, unknown>;
  const index = questionIndex(definition);
  const issues: SurveyIssue[] = [];
  for (const id of Object.keys(given)) {
    if (!index.has(id)) issues.push({ code: 'question_unknown', path: ['answers', id], params: { question: id } });
  }
  // The path with only valid values; every shown question's raw value is then judged.
  const path = surveyPath(definition, { answers: canonicalAnswers(definition, given), attributes });
  const answers: Answers = {};
  for (const question of path.questions) {
    const value = given[question.id];
    const at = ['answers', question.id];
    if (value !== undefined && value !== null) {
      const checked = checkAnswer(question, value);
      if (!checked.ok) {
        issues.push({ code: checked.problem.code, path: at, params: { question: question.id, ...checked.problem.params } });
        continue;
      }
      if (checked.value !== undefined) answers[question.id] = checked.value;
    }
    if (!input.complete || !question.required) continue;
    if (answers[question.id] === undefined) issues.push({ code: 'answer_required', path: at, params: { question: question.id } });
    else {
      const rows = missingRows(question, answers[question.id]);
      if (rows.length > 0) issues.push({ code: 'matrix_incomplete', path: at, params: { question: question.id, rows: rows.join(', ') } });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const shown = new Set(path.questions.map((question) => question.id));
  const dropped = Object.keys(given).filter((id) => !shown.has(id) && given[id] !== undefined && given[id] !== null);
  return { ok: true, answers, dropped, ending: path.ending };
}

/** `checkResponse`, throwing SURVEY_ANSWER_INVALID with the issues (at most 50). */
export function assertResponse(input: ResponseInput): CheckedResponse {
  const result = checkResponse(input);
  if (!result.ok) {
    throw new DomainError('SURVEY_ANSWER_INVALID', result.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`).join('; '), {
      issues: result.issues.slice(0, 50),
    });
  }
  return { answers: result.answers, dropped: result.dropped, ending: result.ending };
}
