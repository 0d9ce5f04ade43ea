import type { AttributeValue } from '../communities/profile-attribute.js';
import type { Locale } from '../shared/locale.js';
import type { AnswerValue, Answers, ChoiceAnswer, ChoicesAnswer, MatrixAnswer } from './survey-answer.js';
import { localize, OTHER, type Comparison, type ComparisonOperator, type Condition, type ConditionValue, type LocalizedText, type QuestionType } from './survey-definition-helpers.js';
import type { Ending, Option, Page, Question, SurveyDefinition } from './survey-definition.js';

/** Profile attributes of the respondent by key (only those the consent lets logic use). */
export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface LogicContext {
  answers: Answers;
  attributes: Attributes;
}

// ---------------------------------------------------------------- what a comparison sees

/**
 * What kind of value a comparison compares, per question type (and attribute type).
 * The definition checker and the evaluator share this table, so a rule the checker
 * lets through is one the evaluator understands.
 */
export type ValueKind = 'choice' | 'choices' | 'boolean' | 'number' | 'text' | 'date' | 'column' | 'presence';

export const valueKindOf: Record<QuestionType, ValueKind> = {
  single_choice: 'choice',
  dropdown: 'choice',
  multiple_choice: 'choices',
  yes_no: 'boolean',
  rating: 'number',
  nps: 'number',
  number: 'number',
  short_text: 'text',
  long_text: 'text',
  date: 'date',
  matrix: 'column', // with a row; without one only answered / unanswered
  ranking: 'presence',
};

/** Operators each kind allows besides answered / unanswered. */
export const operatorsFor: Record<ValueKind, readonly ComparisonOperator[]> = {
  choice: ['equals', 'notEquals'],
  choices: ['contains', 'notContains'],
  boolean: ['equals', 'notEquals'],
  number: ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte'],
  text: ['equals', 'notEquals', 'contains', 'notContains'],
  date: ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte'],
  column: ['equals', 'notEquals'],
  presence: [],
};

type Scalar = string | number | boolean;

/** The value a comparison reads from an answer: a scalar, a set of picks, or nothing. */
function comparable(question: Question, value: AnswerValue, row: string | undefined): Scalar | readonly string[] | undefined {
  switch (valueKindOf[question.type]) {
    case 'choice':
      return (value as ChoiceAnswer).choice;
    case 'choices':
      return (value as ChoicesAnswer).choices;
    case 'column':
      return row === undefined ? undefined : (value as MatrixAnswer)[row];
    case 'presence':
      return undefined;
    default:
      return value as Scalar;
  }
}

const fold = (text: string) => text.trim().toLocaleLowerCase();

function compare(actual: Scalar | readonly string[], op: Comparison['op'], expected: ConditionValue): boolean {
  if (Array.isArray(actual)) {
    const has = actual.includes(String(expected));
    if (op === 'contains') return has;
    if (op === 'notContains') return !has;
    return false;
  }
  const scalar = actual as Scalar;
  switch (op) {
    case 'equals':
      return typeof scalar === 'string' && typeof expected === 'string' ? fold(scalar) === fold(expected) : scalar === expected;
    case 'notEquals':
      return typeof scalar === 'string' && typeof expected === 'string' ? fold(scalar) !== fold(expected) : scalar !== expected;
    case 'contains':
      return typeof scalar === 'string' && fold(scalar).includes(fold(String(expected)));
    case 'notContains':
      return typeof scalar === 'string' && !fold(scalar).includes(fold(String(expected)));
    case 'gt':
      return typeof scalar === typeof expected && scalar > expected;
    case 'gte':
      return typeof scalar === typeof expected && scalar >= expected;
    case 'lt':
      return typeof scalar === typeof expected && scalar < expected;
    case 'lte':
      return typeof scalar === typeof expected && scalar <= expected;
    default:
      return false;
  }
}

/**
 * Evaluates a condition. An unanswered (or hidden) question and a missing attribute
 * are "unanswered": every comparison on them is false, so `notEquals` needs an answer
 * too (wrap in `not` to mean "anything but"). `{ all: [] }` holds, `{ any: [] }` does not.
 */
export function evaluateCondition(condition: Condition, context: LogicContext, questions: ReadonlyMap<string, Question>): boolean {
  if ('all' in condition) return condition.all.every((part) => evaluateCondition(part, context, questions));
  if ('any' in condition) return condition.any.some((part) => evaluateCondition(part, context, questions));
  if ('not' in condition) return !evaluateCondition(condition.not, context, questions);
  let actual: Scalar | readonly string[] | undefined;
  let answered: boolean;
  if ('attribute' in condition) {
    actual = context.attributes[condition.attribute];
    answered = actual !== undefined;
  } else {
    const question = questions.get(condition.question);
    const value = context.answers[condition.question];
    // A matrix row counts as answered on its own; ranking is only ever answered or not.
    actual = question && value !== undefined ? comparable(question, value, condition.row) : undefined;
    answered = question !== undefined && value !== undefined && (condition.row === undefined || actual !== undefined);
  }
  if (condition.op === 'answered') return answered;
  if (condition.op === 'unanswered') return !answered;
  return actual !== undefined && 'value' in condition && compare(actual, condition.op, condition.value);
}

// ---------------------------------------------------------------- the path through a survey

export interface SurveyPath {
  /** Pages the respondent sees, in order (hidden and skipped pages left out). */
  pages: Page[];
  /** Questions shown on those pages, in order. */
  questions: Question[];
  /** The end screen the answers lead to (`null`: the default thanks). */
  ending: Ending | null;
}

/** Questions by id, for condition evaluation. */
export function questionsById(definition: SurveyDefinition): Map<string, Question> {
  return new Map(definition.pages.flatMap((page) => page.questions.map((question) => [question.id, question] as const)));
}

/** The questions of a page shown with these answers (display conditions evaluated in order). */
export function visibleQuestionsOf(page: Page, context: LogicContext, questions: ReadonlyMap<string, Question>): Question[] {
  return page.questions.filter((question) => !question.visibleIf || evaluateCondition(question.visibleIf, context, questions));
}

/**
 * Where page `index` leads: the first skip rule that holds, else the next page.
 * Returns a page index, an ending, or `pages.length` (past the last page).
 */
export function nextStep(definition: SurveyDefinition, index: number, context: LogicContext, questions: ReadonlyMap<string, Question>): { page: number } | { ending: Ending | null } {
  const page = definition.pages[index]!;
  for (const rule of page.skip) {
    if (rule.if && !evaluateCondition(rule.if, context, questions)) continue;
    if ('ending' in rule.to) {
      const id = rule.to.ending;
      return { ending: definition.endings.find((ending) => ending.id === id) ?? null };
    }
    const target = rule.to.page;
    return { page: definition.pages.findIndex((candidate) => candidate.id === target) };
  }
  return { page: index + 1 };
}

/** Whether a page is shown at all with these answers (its condition, and at least one shown question). */
export function isPageVisible(page: Page, context: LogicContext, questions: ReadonlyMap<string, Question>): boolean {
  return (!page.visibleIf || evaluateCondition(page.visibleIf, context, questions)) && visibleQuestionsOf(page, context, questions).length > 0;
}

/** The first page shown at or after `index`. A hidden page's skip rules do not apply: nobody answered it. */
export function firstVisibleFrom(definition: SurveyDefinition, index: number, context: LogicContext, questions: ReadonlyMap<string, Question>): number {
  let at = index;
  while (at < definition.pages.length && !isPageVisible(definition.pages[at]!, context, questions)) at += 1;
  return at;
}

/** The end screen chosen by its conditions once the last page is done. */
export function chooseEnding(definition: SurveyDefinition, context: LogicContext, questions: ReadonlyMap<string, Question>): Ending | null {
  return definition.endings.find((ending) => !ending.showIf || evaluateCondition(ending.showIf, context, questions)) ?? null;
}

/**
 * The whole path the answers lead along, from the first page to an end screen. Only
 * answers to questions on this path count (as for the respondent): an answer to a
 * question the path does not show is ignored. Pass checked values (`canonicalAnswers`):
 * an invalid value would otherwise steer the path.
 */
export function surveyPath(definition: SurveyDefinition, context: LogicContext): SurveyPath {
  const questions = questionsById(definition);
  // Conditions may only look back, so evaluating with answers limited to what was shown
  // so far equals evaluating with all answers limited to the path.
  const shown: Answers = {};
  const scoped: LogicContext = { answers: shown, attributes: context.attributes };
  const pages: Page[] = [];
  const visible: Question[] = [];
  let index = firstVisibleFrom(definition, 0, scoped, questions);
  while (index < definition.pages.length) {
    const page = definition.pages[index]!;
    pages.push(page);
    for (const question of page.questions) {
      if (question.visibleIf && !evaluateCondition(question.visibleIf, scoped, questions)) continue;
      visible.push(question);
      const value = context.answers[question.id];
      if (value !== undefined) shown[question.id] = value;
    }
    const step = nextStep(definition, index, scoped, questions);
    if ('ending' in step) return { pages, questions: visible, ending: step.ending };
    index = firstVisibleFrom(definition, step.page, scoped, questions);
  }
  return { pages, questions: visible, ending: chooseEnding(definition, scoped, questions) };
}

// ---------------------------------------------------------------- piping

/** `{{answer:question_id}}` and `{{attribute:key}}` in texts are replaced by values. */
export const PIPE_PATTERN = /\{\{\s*(answer|attribute):([a-z][a-z0-9_]{0,47})\s*\}\}/g;

export interface PipeReference {
  kind: 'answer' | 'attribute';
  key: string;
}

/** The references in a text, each once (a text usually names the same ones in every language). */
export function pipeReferences(text: LocalizedText | undefined): PipeReference[] {
  if (!text) return [];
  const found = new Map<string, PipeReference>();
  for (const value of Object.values(text)) {
    for (const match of (value ?? '').matchAll(PIPE_PATTERN)) found.set(`${match[1]}:${match[2]}`, { kind: match[1] as PipeReference['kind'], key: match[2]! });
  }
  return [...found.values()];
}

const yesNo: Record<Locale, [string, string]> = { de: ['Ja', 'Nein'], en: ['Yes', 'No'] };

export interface TextContext extends LogicContext {
  locale: Locale;
  /** The community's language: used when a text lacks the respondent's. */
  fallback: Locale;
}

/** An answer as words: option labels, "Ja"/"Yes", numbers in the locale's format. */
export function describeAnswer(question: Question, value: AnswerValue, context: Pick<TextContext, 'locale' | 'fallback'>): string {
  const label = (options: readonly Option[], chosen: string, other?: string) =>
    chosen === OTHER ? (other ?? '') : localize(options.find((option) => option.value === chosen)?.label, context.locale, context.fallback);
  switch (question.type) {
    case 'single_choice':
    case 'dropdown': {
      const answer = value as ChoiceAnswer;
      return label(question.options, answer.choice, answer.other);
    }
    case 'multiple_choice': {
      const answer = value as ChoicesAnswer;
      return answer.choices.map((choice) => label(question.options, choice, answer.other)).join(', ');
    }
    case 'yes_no':
      return yesNo[context.locale][value ? 0 : 1];
    case 'rating':
    case 'nps':
    case 'number':
      return (value as number).toLocaleString(context.locale === 'de' ? 'de-DE' : 'en-GB');
    case 'matrix':
      return question.rows
        .filter((row) => (value as MatrixAnswer)[row.value] !== undefined)
        .map((row) => `${localize(row.label, context.locale, context.fallback)}: ${label(question.columns, (value as MatrixAnswer)[row.value]!)}`)
        .join('; ');
    case 'ranking':
      return (value as string[]).map((choice) => label(question.options, choice)).join(', ');
    default:
      return value as string;
  }
}

/**
 * A text in the respondent's language with earlier answers and attributes piped in.
 * The result is plain text (never HTML): the page renders it as text. An unanswered
 * reference becomes empty.
 */
export function renderText(text: LocalizedText | undefined, context: TextContext, questions: ReadonlyMap<string, Question>): string {
  return localize(text, context.locale, context.fallback).replace(PIPE_PATTERN, (_match, kind: string, key: string) => {
    if (kind === 'attribute') {
      const value = context.attributes[key];
      return value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
    }
    const question = questions.get(key);
    const value = context.answers[key];
    return question && value !== undefined ? describeAnswer(question, value, context) : '';
  });
}

// ---------------------------------------------------------------- randomized order

/** FNV-1a (32 bit): a seed from a string, the same in every engine. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** mulberry32: a small pure PRNG; enough to shuffle options, not for secrets. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stable shuffle for one respondent: the same key and question id always give the
 * same order, in the browser and on the server. Exclusive options ("none of these")
 * keep their place at the end, as respondents expect.
 */
export function shuffledOptions<T extends { value: string; exclusive?: boolean | undefined }>(options: readonly T[], respondentKey: string, questionId: string): T[] {
  const random = prng(hash(`${respondentKey}\u0000${questionId}`));
  const moving = options.filter((option) => !option.exclusive);
  for (let i = moving.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [moving[i], moving[j]] = [moving[j]!, moving[i]!];
  }
  return [...moving, ...options.filter((option) => option.exclusive)];
}

/** The options (matrix: rows) of a question in the order this respondent sees them. */
export function displayOrder(question: Question, respondentKey: string): Option[] {
  const items = question.type === 'matrix' ? question.rows : 'options' in question ? question.options : [];
  return 'randomize' in question && question.randomize ? shuffledOptions(items, respondentKey, question.id) : [...items];
}
