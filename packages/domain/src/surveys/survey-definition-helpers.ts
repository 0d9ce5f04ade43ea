import type { Locale } from '../shared/locale.js';
import type { ChoiceQuestion, Question, SurveyDefinition } from './survey-definition.js';

/**
 * The zod-free half of the survey format: constants, condition and question vocabularies
 * and reading helpers. The respondent's page runs the engine (runner, logic, answer checks)
 * from these and from types only, so it ships without zod (page-weight budget); the schema
 * itself is in survey-definition.ts.
 */
export const SURVEY_SCHEMA_VERSION = 1;

export const MAX_PAGES = 50;
export const MAX_QUESTIONS_PER_PAGE = 50;
/** In the whole survey: keeps a definition, and the answers to it, of a sane size. */
export const MAX_QUESTIONS = 500;
export const MAX_OPTIONS = 100;
export const MAX_MATRIX_ROWS = 50;
export const MAX_MATRIX_COLUMNS = 20;
export const MAX_RANKING_OPTIONS = 20;
export const MAX_ENDINGS = 20;
export const MAX_RULES_PER_PAGE = 20;
export const MAX_CONDITION_DEPTH = 8;
/** Answer length ceilings (characters). A question may lower them, never raise them. */
export const SHORT_TEXT_MAX = 500;
export const LONG_TEXT_MAX = 10_000;
export const OTHER_TEXT_MAX = 500;
/** Rating scales stay countable: at most this many points. */
export const MAX_RATING_POINTS = 101;
export const MAX_DECIMALS = 6;

/** The option value of "other (please specify)"; option values cannot start with `_`. */
export const OTHER = '_other';

export type LocalizedText = Partial<Record<Locale, string>>;

export function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const comparisonOperators = ['equals', 'notEquals', 'contains', 'notContains', 'gt', 'gte', 'lt', 'lte'] as const;
export const presenceOperators = ['answered', 'unanswered'] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];
export type PresenceOperator = (typeof presenceOperators)[number];
export type Operator = ComparisonOperator | PresenceOperator;
export type ConditionValue = string | number | boolean;

/** What a comparison looks at: an earlier answer (a matrix row of it), or a profile attribute. */
export type Comparison =
  | { question: string; row?: string; op: PresenceOperator }
  | { question: string; row?: string; op: ComparisonOperator; value: ConditionValue }
  | { attribute: string; op: PresenceOperator }
  | { attribute: string; op: ComparisonOperator; value: ConditionValue };

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Comparison;

export const questionTypes = [
  'single_choice',
  'multiple_choice',
  'dropdown',
  'yes_no',
  'rating',
  'nps',
  'short_text',
  'long_text',
  'number',
  'date',
  'matrix',
  'ranking',
] as const;
export type QuestionType = (typeof questionTypes)[number];

/** The text in the wanted language, else in the fallback (the community's), else any. */
export function localize(text: LocalizedText | undefined, locale: Locale, fallback: Locale): string {
  if (!text) return '';
  return text[locale] ?? text[fallback] ?? text.de ?? text.en ?? '';
}

export interface QuestionPlace {
  question: Question;
  pageIndex: number;
  /** Position in the whole survey (0-based), which "earlier" means. */
  order: number;
}

/** Every question with where it stands, by id. */
export function questionIndex(definition: Pick<SurveyDefinition, 'pages'>): Map<string, QuestionPlace> {
  const index = new Map<string, QuestionPlace>();
  let order = 0;
  definition.pages.forEach((page, pageIndex) => {
    for (const question of page.questions) index.set(question.id, { question, pageIndex, order: order++ });
  });
  return index;
}

export const isChoice = (question: Question): question is ChoiceQuestion =>
  question.type === 'single_choice' || question.type === 'multiple_choice' || question.type === 'dropdown';
