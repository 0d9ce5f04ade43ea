import { isCalendarDate, OTHER, OTHER_TEXT_MAX } from './survey-definition-helpers.js';
import type { Question, QuestionOf, SurveyDefinition } from './survey-definition.js';

/**
 * Answer values by question type:
 * - single_choice, dropdown: `{ choice }` — an option value, or `OTHER` with `other` text;
 * - multiple_choice: `{ choices }` — option values (`OTHER` with `other` text);
 * - yes_no: boolean; rating, nps, number: number; short_text, long_text: string;
 * - date: `YYYY-MM-DD`; matrix: `{ [row]: column }`; ranking: every option value, best first.
 */
export type ChoiceAnswer = { choice: string; other?: string };
export type ChoicesAnswer = { choices: string[]; other?: string };
export type MatrixAnswer = Record<string, string>;
export type AnswerValue = ChoiceAnswer | ChoicesAnswer | boolean | number | string | MatrixAnswer | string[];
/** A response's answers by question id. Unanswered questions are absent. */
export type Answers = Record<string, AnswerValue>;


/** Why an answer does not fit its question: a code for the catalogs and its parameters. */
export interface AnswerProblem {
  code: string;
  params?: Record<string, string | number>;
}
export type AnswerCheck = { ok: true; value: AnswerValue | undefined } | { ok: false; problem: AnswerProblem };

const ok = (value: AnswerValue | undefined): AnswerCheck => ({ ok: true, value });
const fail = (code: string, params?: AnswerProblem['params']): AnswerCheck => ({ ok: false, problem: params ? { code, params } : { code } });
const isRecord = (raw: unknown): raw is Record<string, unknown> => typeof raw === 'object' && raw !== null && !Array.isArray(raw);
const decimalsOf = (value: number) => {
  const [, fraction = ''] = String(value).split('.');
  return /e/i.test(String(value)) ? Number.POSITIVE_INFINITY : fraction.length;
};
/** Steps are counted from the minimum, with room for binary fractions (0.1 + 0.2). */
const onStep = (value: number, min: number, step: number) => {
  const steps = (value - min) / step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
};

/** Picks are kept in definition order ("other" last), so equal answers are equal. */
const optionOrder = (question: QuestionOf<'multiple_choice'>, value: string) =>
  value === OTHER ? question.options.length : question.options.findIndex((option) => option.value === value);

function checkOther(question: { other: boolean }, picked: boolean, other: unknown): AnswerCheck | string | undefined {
  if (picked && !question.other) return fail('other_not_allowed');
  if (!picked) return other === undefined ? undefined : fail('other_text_unexpected');
  if (typeof other !== 'string' || other.trim() === '') return fail('other_text_missing');
  if (other.length > OTHER_TEXT_MAX) return fail('other_text_too_long', { max: OTHER_TEXT_MAX });
  return other.trim();
}

function checkChoice(question: QuestionOf<'single_choice' | 'dropdown'>, raw: unknown): AnswerCheck {
  if (!isRecord(raw) || typeof raw.choice !== 'string' || Object.keys(raw).some((key) => key !== 'choice' && key !== 'other')) {
    return fail('answer_type_invalid', { expected: question.type });
  }
  const picked = raw.choice === OTHER;
  if (!picked && !question.options.some((option) => option.value === raw.choice)) return fail('option_unknown', { option: raw.choice });
  const other = checkOther(question, picked, raw.other);
  if (typeof other === 'object') return other;
  return ok(other === undefined ? { choice: raw.choice } : { choice: OTHER, other });
}

function checkChoices(question: QuestionOf<'multiple_choice'>, raw: unknown): AnswerCheck {
  if (!isRecord(raw) || !Array.isArray(raw.choices) || Object.keys(raw).some((key) => key !== 'choices' && key !== 'other')) {
    return fail('answer_type_invalid', { expected: question.type });
  }
  const given = raw.choices as unknown[];
  if (given.length === 0 && raw.other === undefined) return ok(undefined);
  for (const choice of given) {
    if (typeof choice !== 'string') return fail('answer_type_invalid', { expected: question.type });
    if (choice !== OTHER && !question.options.some((option) => option.value === choice)) return fail('option_unknown', { option: choice });
  }
  const picks = given as string[];
  if (new Set(picks).size !== picks.length) return fail('choices_duplicate');
  const exclusive = question.options.find((option) => option.exclusive && picks.includes(option.value));
  if (exclusive && picks.length > 1) return fail('exclusive_combined', { option: exclusive.value });
  if (question.minPicks !== undefined && picks.length < question.minPicks) return fail('picks_too_few', { min: question.minPicks });
  if (question.maxPicks !== undefined && picks.length > question.maxPicks) return fail('picks_too_many', { max: question.maxPicks });
  const other = checkOther(question, picks.includes(OTHER), raw.other);
  if (typeof other === 'object') return other;
  const choices = [...picks].sort((a, b) => optionOrder(question, a) - optionOrder(question, b));
  return ok(other === undefined ? { choices } : { choices, other });
}

function checkNumber(question: QuestionOf<'rating' | 'nps' | 'number'>, raw: unknown): AnswerCheck {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail('answer_type_invalid', { expected: question.type });
  const [min, max] = question.type === 'nps' ? [0, 10] : [question.min, question.max];
  if (min !== undefined && raw < min) return fail('value_too_small', { min });
  if (max !== undefined && raw > max) return fail('value_too_large', { max });
  if (question.type === 'nps' && !Number.isInteger(raw)) return fail('value_off_step', { step: 1 });
  if (question.type === 'rating' && !onStep(raw, question.min, question.step)) return fail('value_off_step', { step: question.step });
  if (question.type === 'number' && decimalsOf(raw) > question.decimals) return fail('decimals_too_many', { decimals: question.decimals });
  return ok(raw);
}

function checkText(question: QuestionOf<'short_text' | 'long_text'>, raw: unknown): AnswerCheck {
  if (typeof raw !== 'string') return fail('answer_type_invalid', { expected: question.type });
  const text = raw.trim();
  if (text.length > question.maxLength) return fail('answer_too_long', { max: question.maxLength });
  if (question.type === 'short_text' && /[\r\n]/.test(text)) return fail('answer_one_line');
  return ok(text === '' ? undefined : text);
}

function checkDate(question: QuestionOf<'date'>, raw: unknown): AnswerCheck {
  if (typeof raw !== 'string') return fail('answer_type_invalid', { expected: question.type });
  if (raw === '') return ok(undefined);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || !isCalendarDate(raw)) return fail('date_invalid');
  if (question.min !== undefined && raw < question.min) return fail('date_too_early', { min: question.min });
  if (question.max !== undefined && raw > question.max) return fail('date_too_late', { max: question.max });
  return ok(raw);
}

function checkMatrix(question: QuestionOf<'matrix'>, raw: unknown): AnswerCheck {
  if (!isRecord(raw)) return fail('answer_type_invalid', { expected: question.type });
  const entries = Object.entries(raw);
  if (entries.length === 0) return ok(undefined);
  for (const [row, column] of entries) {
    if (!question.rows.some((candidate) => candidate.value === row)) return fail('row_unknown', { row });
    if (typeof column !== 'string') return fail('answer_type_invalid', { expected: question.type });
    if (!question.columns.some((candidate) => candidate.value === column)) return fail('option_unknown', { option: column });
  }
  // Rows in definition order, so equal answers are equal objects.
  return ok(Object.fromEntries(question.rows.filter((row) => row.value in raw).map((row) => [row.value, raw[row.value] as string])));
}

function checkRanking(question: QuestionOf<'ranking'>, raw: unknown): AnswerCheck {
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) return fail('answer_type_invalid', { expected: question.type });
  const ranked = raw as string[];
  if (ranked.length === 0) return ok(undefined);
  const unknown = ranked.find((value) => !question.options.some((option) => option.value === value));
  if (unknown !== undefined) return fail('option_unknown', { option: unknown });
  if (new Set(ranked).size !== ranked.length) return fail('choices_duplicate');
  if (ranked.length !== question.options.length) return fail('ranking_incomplete', { count: question.options.length });
  return ok([...ranked]);
}

/**
 * Checks one raw answer against its question and returns it in canonical form
 * (trimmed texts, rows in order), or `undefined` for an empty answer (blank text,
 * no picks), which counts as unanswered.
 */
export function checkAnswer(question: Question, raw: unknown): AnswerCheck {
  switch (question.type) {
    case 'single_choice':
    case 'dropdown':
      return checkChoice(question, raw);
    case 'multiple_choice':
      return checkChoices(question, raw);
    case 'yes_no':
      return typeof raw === 'boolean' ? ok(raw) : fail('answer_type_invalid', { expected: question.type });
    case 'rating':
    case 'nps':
    case 'number':
      return checkNumber(question, raw);
    case 'short_text':
    case 'long_text':
      return checkText(question, raw);
    case 'date':
      return checkDate(question, raw);
    case 'matrix':
      return checkMatrix(question, raw);
    case 'ranking':
      return checkRanking(question, raw);
  }
}

/** The valid, non-empty answers in canonical form; the rest count as unanswered. */
export function canonicalAnswers(definition: Pick<SurveyDefinition, 'pages'>, answers: Readonly<Record<string, unknown>>): Answers {
  const canonical: Answers = {};
  for (const page of definition.pages) {
    for (const question of page.questions) {
      const raw = answers[question.id];
      if (raw === undefined || raw === null) continue;
      const checked = checkAnswer(question, raw);
      if (checked.ok && checked.value !== undefined) canonical[question.id] = checked.value;
    }
  }
  return canonical;
}

/** A required matrix wants every row; other required questions just an answer. */
export function missingRows(question: Question, value: AnswerValue | undefined): string[] {
  if (question.type !== 'matrix') return [];
  const answered = (value ?? {}) as MatrixAnswer;
  return question.rows.filter((row) => !(row.value in answered)).map((row) => row.value);
}

// ---------------------------------------------------------------- storage rows

/**
 * One stored row per (response, question, item): the shape that lets results be SQL
 * aggregates (counts GROUP BY item, AVG(number), NPS from number) on both databases.
 * - choice questions: one row per pick, `item` = option value (`_other` carries `text`);
 * - matrix: one row per answered row, `item` = row value, `text` = column value,
 *   `number` = the column's 1-based position (Likert means);
 * - ranking: one row per option, `item` = option value, `number` = rank (1 = best);
 * - yes_no: `number` 1 / 0; rating, nps, number: `number`; texts and dates: `text`;
 *   these have `item` = '' (one row).
 */
export interface AnswerRow {
  questionId: string;
  item: string;
  number: number | null;
  text: string | null;
}

export function answerRows(question: Question, value: AnswerValue): AnswerRow[] {
  const row = (item: string, number: number | null, text: string | null): AnswerRow => ({ questionId: question.id, item, number, text });
  switch (question.type) {
    case 'single_choice':
    case 'dropdown': {
      const { choice, other } = value as ChoiceAnswer;
      return [row(choice, null, other ?? null)];
    }
    case 'multiple_choice': {
      const { choices, other } = value as ChoicesAnswer;
      return choices.map((choice) => row(choice, null, choice === OTHER ? (other ?? null) : null));
    }
    case 'yes_no':
      return [row('', value ? 1 : 0, null)];
    case 'rating':
    case 'nps':
    case 'number':
      return [row('', value as number, null)];
    case 'short_text':
    case 'long_text':
    case 'date':
      return [row('', null, value as string)];
    case 'matrix':
      return Object.entries(value as MatrixAnswer).map(([item, column]) =>
        row(item, question.columns.findIndex((candidate) => candidate.value === column) + 1, column),
      );
    case 'ranking':
      return (value as string[]).map((item, rank) => row(item, rank + 1, null));
  }
}

/** The inverse of `answerRows` (resume, export): rows of one question back into its answer. */
export function answerFromRows(question: Question, rows: readonly AnswerRow[]): AnswerValue | undefined {
  if (rows.length === 0) return undefined;
  const first = rows[0]!;
  switch (question.type) {
    case 'single_choice':
    case 'dropdown':
      return first.text === null ? { choice: first.item } : { choice: first.item, other: first.text };
    case 'multiple_choice': {
      const other = rows.find((candidate) => candidate.item === OTHER)?.text;
      const choices = rows.map((candidate) => candidate.item).sort((a, b) => optionOrder(question, a) - optionOrder(question, b));
      return other == null ? { choices } : { choices, other };
    }
    case 'yes_no':
      return first.number === 1;
    case 'rating':
    case 'nps':
    case 'number':
      return first.number ?? undefined;
    case 'short_text':
    case 'long_text':
    case 'date':
      return first.text ?? undefined;
    case 'matrix':
      return Object.fromEntries(
        question.rows.flatMap((definitionRow) => {
          const stored = rows.find((candidate) => candidate.item === definitionRow.value);
          return stored?.text ? [[definitionRow.value, stored.text]] : [];
        }),
      );
    case 'ranking':
      return [...rows].sort((a, b) => (a.number ?? 0) - (b.number ?? 0)).map((candidate) => candidate.item);
  }
}
