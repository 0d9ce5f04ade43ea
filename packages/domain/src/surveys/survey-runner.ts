import type { Locale } from '../shared/locale.js';
import { canonicalAnswers, checkAnswer, missingRows, type Answers, type AnswerValue, type ChoicesAnswer } from './survey-answer.js';
import type { SurveyIssue } from './survey-issues.js';
import type { AnonymityMode } from './survey-lifecycle.js';
import { localize, OTHER } from './survey-definition-helpers.js';
import type { Ending, Option, Page, Question, QuestionOf, SurveyDefinition } from './survey-definition.js';
import {
  chooseEnding,
  displayOrder,
  evaluateCondition,
  firstVisibleFrom,
  nextStep,
  questionsById,
  renderText,
  surveyPath,
  visibleQuestionsOf,
  type Attributes,
  type LogicContext,
} from './survey-logic.js';

/**
 * The respondent's side: which page is shown, what it says, where "next" and "back"
 * lead. Pure state in, state out — the page keeps the state, saves answers as the
 * member goes, and the server checks the same answers again with `checkResponse`.
 */
export interface RunContext {
  definition: SurveyDefinition;
  attributes: Attributes;
  /**
   * Seeds randomized option order; must not change for a respondent: survey id + account id
   * (identified, pseudonymous — the same on every device and before the first save), or a
   * random key kept on the device (anonymous, whose progress lives there).
   */
  respondentKey: string;
  locale: Locale;
  /** The community's language, used where a text lacks the respondent's. */
  fallback: Locale;
}

/** Where the seed of a respondent's option order comes from. */
export interface RespondentKeySource {
  surveyId: string;
  anonymity: AnonymityMode;
  /** The member answering (identified and pseudonymous surveys seed with it). */
  accountId: string;
  /** A random key kept on this device with the anonymous progress (see the web's device-progress). */
  deviceKey: string;
}

/**
 * The seed of randomized option order, stable for one respondent. Identified and
 * pseudonymous: survey id + account id, so the order is the same after a reload, before and
 * after the first save, and on another device. Anonymous: the device's random key, since
 * progress lives only on the device and nothing about the person should shape what the
 * answers look like; starting again elsewhere may show another order, like the fresh start
 * it is. Never the response id: it does not exist before the first save.
 */
export function respondentKey(source: RespondentKeySource): string {
  return source.anonymity === 'anonymous' ? `device:${source.deviceKey}` : `${source.surveyId}:${source.accountId}`;
}

export interface RunState {
  /** The page shown, by id; null once an end screen is reached. */
  page: string | null;
  /** Pages shown before this one, for "back". */
  history: string[];
  /** Everything entered, including answers a changed path now hides (they are not submitted). */
  answers: Answers;
  /** The end screen reached (null before, or the default thanks when `finished`). */
  ending: string | null;
  finished: boolean;
}

export interface RenderedOption {
  value: string;
  label: string;
  exclusive: boolean;
}

export interface RenderedQuestion {
  question: Question;
  text: string;
  help: string;
  /** Options (matrix: rows) in this respondent's order, labels in their language. */
  options: RenderedOption[];
  /** Matrix columns (the scale), in definition order. */
  columns: RenderedOption[];
  minLabel: string;
  maxLabel: string;
  value: AnswerValue | undefined;
}

export interface RenderedPage {
  page: Page;
  title: string;
  description: string;
  questions: RenderedQuestion[];
}

export interface RenderedEnding {
  ending: Ending | null;
  title: string;
  text: string;
}

/**
 * Logic sees answers as the server will: canonical, with empty and invalid values as
 * unanswered, and only those on the path the respondent is on.
 */
function pathContext(ctx: RunContext, answers: Answers): LogicContext & { pages: Page[]; ending: Ending | null } {
  const path = surveyPath(ctx.definition, { answers: canonicalAnswers(ctx.definition, answers), attributes: ctx.attributes });
  const shown: Answers = {};
  for (const question of path.questions) {
    const checked = checkAnswer(question, answers[question.id]);
    if (answers[question.id] !== undefined && checked.ok && checked.value !== undefined) shown[question.id] = checked.value;
  }
  return { answers: shown, attributes: ctx.attributes, pages: path.pages, ending: path.ending };
}

/**
 * Conditions on the current page see earlier answers on it as they are typed — but
 * only those of questions shown (a hidden question's answer counts for nothing).
 */
function pageContext(ctx: RunContext, state: RunState): LogicContext {
  const scoped = pathContext(ctx, state.answers);
  const page = ctx.definition.pages.find((candidate) => candidate.id === state.page);
  const questions = questionsById(ctx.definition);
  const answers: Answers = { ...scoped.answers };
  const logic = { answers, attributes: ctx.attributes };
  for (const question of page?.questions ?? []) {
    delete answers[question.id];
    if (question.visibleIf && !evaluateCondition(question.visibleIf, logic, questions)) continue;
    Object.assign(answers, canonicalAnswers({ pages: [{ ...page!, questions: [question] }] }, state.answers));
  }
  return logic;
}

export function startRun(ctx: RunContext): RunState {
  const questions = questionsById(ctx.definition);
  const first = firstVisibleFrom(ctx.definition, 0, { answers: {}, attributes: ctx.attributes }, questions);
  const page = ctx.definition.pages[first];
  if (page) return { page: page.id, history: [], answers: {}, ending: null, finished: false };
  // Every page hidden for this respondent: straight to the end screen.
  const ending = surveyPath(ctx.definition, { answers: {}, attributes: ctx.attributes }).ending;
  return { page: null, history: [], answers: {}, ending: ending?.id ?? null, finished: true };
}

/**
 * Continues a saved response: the path the saved answers lead along is replayed and the
 * respondent lands on its first page that still lacks a required or valid answer, or
 * on the page after the last one answered.
 */
export function resumeRun(ctx: RunContext, saved: Answers): RunState {
  const scoped = pathContext(ctx, saved);
  const questions = questionsById(ctx.definition);
  let lastAnswered = -1;
  scoped.pages.forEach((page, at) => {
    if (page.questions.some((question) => scoped.answers[question.id] !== undefined)) lastAnswered = at;
  });
  for (let at = 0; at < scoped.pages.length; at += 1) {
    const page = scoped.pages[at]!;
    const incomplete = pageIssues(visibleQuestionsOf(page, scoped, questions), scoped.answers).length > 0;
    if (incomplete || at > lastAnswered) return { page: page.id, history: scoped.pages.slice(0, at).map((p) => p.id), answers: { ...scoped.answers }, ending: null, finished: false };
  }
  // Every page answered: show the last one again; "next" finishes.
  const last = scoped.pages[scoped.pages.length - 1];
  if (!last) return startRun(ctx);
  return { page: last.id, history: scoped.pages.slice(0, -1).map((p) => p.id), answers: { ...scoped.answers }, ending: null, finished: false };
}

/**
 * A multiple-choice pick toggled on or off, keeping "none of these" alone: picking an
 * exclusive option clears the rest, picking another clears the exclusive one. The result
 * is `undefined` when nothing is left picked.
 */
export function togglePick(question: QuestionOf<'multiple_choice'>, current: ChoicesAnswer | undefined, value: string, picked: boolean): ChoicesAnswer | undefined {
  const exclusive = new Set(question.options.filter((option) => option.exclusive).map((option) => option.value));
  const before = current?.choices ?? [];
  const choices = !picked ? before.filter((choice) => choice !== value) : exclusive.has(value) ? [value] : [...before.filter((choice) => !exclusive.has(choice) && choice !== value), value];
  if (choices.length === 0) return undefined;
  const other = choices.includes(OTHER) ? current?.other : undefined;
  return other === undefined ? { choices } : { choices, other };
}

/** Records (or with `undefined` clears) one answer; nothing is checked until "next". */
export function setAnswer(state: RunState, questionId: string, value: AnswerValue | undefined): RunState {
  const answers = { ...state.answers };
  if (value === undefined) delete answers[questionId];
  else answers[questionId] = value;
  return { ...state, answers };
}

function renderOptions(options: readonly Option[], ctx: RunContext): RenderedOption[] {
  return options.map((option) => ({ value: option.value, label: localize(option.label, ctx.locale, ctx.fallback), exclusive: option.exclusive === true }));
}

/** The page shown now, with texts localized and piped and options in this respondent's order. */
export function currentPage(ctx: RunContext, state: RunState): RenderedPage | null {
  const page = ctx.definition.pages.find((candidate) => candidate.id === state.page);
  if (!page || state.finished) return null;
  const questions = questionsById(ctx.definition);
  const logic = pageContext(ctx, state);
  const text = { ...logic, locale: ctx.locale, fallback: ctx.fallback };
  return {
    page,
    title: renderText(page.title, text, questions),
    description: renderText(page.description, text, questions),
    questions: visibleQuestionsOf(page, logic, questions).map((question) => ({
      question,
      text: renderText(question.text, text, questions),
      help: renderText(question.help, text, questions),
      options: renderOptions(displayOrder(question, ctx.respondentKey), ctx),
      columns: question.type === 'matrix' ? renderOptions(question.columns, ctx) : [],
      minLabel: 'minLabel' in question ? localize(question.minLabel, ctx.locale, ctx.fallback) : '',
      maxLabel: 'maxLabel' in question ? localize(question.maxLabel, ctx.locale, ctx.fallback) : '',
      value: state.answers[question.id],
    })),
  };
}

/** The end screen reached, localized and piped. */
export function currentEnding(ctx: RunContext, state: RunState): RenderedEnding | null {
  if (!state.finished) return null;
  const ending = ctx.definition.endings.find((candidate) => candidate.id === state.ending) ?? null;
  const text = { ...pathContext(ctx, state.answers), locale: ctx.locale, fallback: ctx.fallback };
  const questions = questionsById(ctx.definition);
  return { ending, title: renderText(ending?.title, text, questions), text: renderText(ending?.text, text, questions) };
}

function pageIssues(questions: readonly Question[], answers: Answers): SurveyIssue[] {
  const issues: SurveyIssue[] = [];
  for (const question of questions) {
    const at = ['answers', question.id];
    const value = answers[question.id];
    if (value !== undefined) {
      const checked = checkAnswer(question, value);
      if (!checked.ok) {
        issues.push({ code: checked.problem.code, path: at, params: { question: question.id, ...checked.problem.params } });
        continue;
      }
      if (checked.value === undefined && question.required) issues.push({ code: 'answer_required', path: at, params: { question: question.id } });
    } else if (question.required) issues.push({ code: 'answer_required', path: at, params: { question: question.id } });
    if (value !== undefined && question.required && missingRows(question, value).length > 0) {
      issues.push({ code: 'matrix_incomplete', path: at, params: { question: question.id, rows: missingRows(question, value).join(', ') } });
    }
  }
  return issues;
}

export type StepResult = { ok: true; state: RunState } | { ok: false; issues: SurveyIssue[] };

/**
 * "Next": checks the shown questions of this page (as the server will), then follows the
 * first skip rule that holds, else the next shown page, else the end screen.
 */
export function goNext(ctx: RunContext, state: RunState): StepResult {
  const index = ctx.definition.pages.findIndex((candidate) => candidate.id === state.page);
  if (index < 0 || state.finished) return { ok: true, state };
  const questions = questionsById(ctx.definition);
  const logic = pageContext(ctx, state);
  const page = ctx.definition.pages[index]!;
  const issues = pageIssues(visibleQuestionsOf(page, logic, questions), state.answers);
  if (issues.length > 0) return { ok: false, issues };
  const history = [...state.history, page.id];
  const step = nextStep(ctx.definition, index, logic, questions);
  if ('ending' in step) return { ok: true, state: { ...state, page: null, history, ending: step.ending?.id ?? null, finished: true } };
  const next = firstVisibleFrom(ctx.definition, step.page, logic, questions);
  const target = ctx.definition.pages[next];
  if (target) return { ok: true, state: { ...state, page: target.id, history } };
  const ending = chooseEnding(ctx.definition, logic, questions);
  return { ok: true, state: { ...state, page: null, history, ending: ending?.id ?? null, finished: true } };
}

/** "Back" is offered when the survey allows it, on every page but the first (never from an end screen). */
export function canGoBack(ctx: RunContext, state: RunState): boolean {
  return ctx.definition.settings.allowBack && !state.finished && state.history.length > 0;
}

export function goBack(ctx: RunContext, state: RunState): RunState {
  if (!canGoBack(ctx, state)) return state;
  return { ...state, page: state.history[state.history.length - 1]!, history: state.history.slice(0, -1) };
}

/**
 * Progress as pages: those done, and the pages the answers so far lead along (which can
 * grow or shrink as skip rules change their minds). An end screen is 100 %.
 */
export function progress(ctx: RunContext, state: RunState): { current: number; total: number; fraction: number } {
  if (state.finished) return { current: state.history.length, total: state.history.length, fraction: 1 };
  const path = pathContext(ctx, state.answers).pages;
  const at = path.findIndex((page) => page.id === state.page);
  const total = at < 0 ? Math.max(path.length, state.history.length + 1) : path.length;
  const current = state.history.length;
  return { current, total, fraction: total === 0 ? 0 : current / total };
}

/** What to send to the server: the answers on the current path (hidden ones left out). */
export function submission(ctx: RunContext, state: RunState): Answers {
  return pathContext(ctx, state.answers).answers;
}
