import type { z } from 'zod';
import type { AttributeType } from '../communities/profile-attribute.js';
import { DomainError } from '../shared/domain-error.js';
import {
  isCalendarDate,
  isChoice,
  MAX_CONDITION_DEPTH,
  MAX_RATING_POINTS,
  OTHER,
  presenceOperators,
  questionIndex,
  type Condition,
  type LocalizedText,
  type QuestionPlace,
} from './survey-definition-helpers.js';
import { surveyDefinitionSchema, type Option, type Question, type SurveyDefinition } from './survey-definition.js';
import type { SurveyIssue } from './survey-issues.js';
import { operatorsFor, pipeReferences, valueKindOf, type ValueKind } from './survey-logic.js';

/** A community's profile attribute as the checker needs it. */
export interface AttributeCatalogEntry {
  key: string;
  type: AttributeType;
  options: readonly { value: string }[];
}

export interface CheckOptions {
  /** The community's profile attributes; without them attribute references are not checked. */
  attributes?: readonly AttributeCatalogEntry[];
}

type Path = SurveyIssue['path'];
type Params = SurveyIssue['params'];

const attributeKind: Record<AttributeType, ValueKind> = {
  single_choice: 'choice',
  multiple_choice: 'choices',
  number: 'number',
  date: 'date',
  text: 'text',
};

/** Where a reference is made from: which questions count as "earlier" there. */
interface Scope {
  /**
   * A referenced question must stand before this position in the survey: a question's
   * own position, a page's first question, past a page's last one for its skip rules.
   */
  beforeOrder: number;
  /** What refers (`question`, `page`, `rule`, `ending`), for the message. */
  label: string;
}

class Checker {
  readonly issues: SurveyIssue[] = [];
  private readonly index: Map<string, QuestionPlace>;

  constructor(
    private readonly definition: SurveyDefinition,
    private readonly options: CheckOptions,
  ) {
    this.index = questionIndex(definition);
  }

  add(code: string, path: Path, params?: Params) {
    this.issues.push(params ? { code, path, params } : { code, path });
  }

  run(): SurveyIssue[] {
    this.checkIds();
    const total = this.index.size;
    this.definition.pages.forEach((page, pageIndex) => {
      const path: Path = ['pages', pageIndex];
      const firstOnPage = this.index.get(page.questions[0]!.id)?.order ?? 0;
      const lastOnPage = firstOnPage + page.questions.length;
      if (page.visibleIf) this.checkCondition(page.visibleIf, [...path, 'visibleIf'], { beforeOrder: firstOnPage, label: 'page' }, 0);
      this.checkPipes(page.title, [...path, 'title'], { beforeOrder: firstOnPage, label: 'page' });
      this.checkPipes(page.description, [...path, 'description'], { beforeOrder: firstOnPage, label: 'page' });
      page.questions.forEach((question, questionIndex) => {
        const questionPath: Path = [...path, 'questions', questionIndex];
        const scope = { beforeOrder: firstOnPage + questionIndex, label: 'question' };
        this.checkQuestion(question, questionPath);
        if (question.visibleIf) this.checkCondition(question.visibleIf, [...questionPath, 'visibleIf'], scope, 0);
        this.checkPipes(question.text, [...questionPath, 'text'], scope);
        this.checkPipes(question.help, [...questionPath, 'help'], scope);
      });
      this.checkSkipRules(pageIndex, { beforeOrder: lastOnPage, label: 'rule' });
    });
    this.definition.endings.forEach((ending, endingIndex) => {
      const path: Path = ['endings', endingIndex];
      const scope = { beforeOrder: total, label: 'ending' };
      if (ending.showIf) this.checkCondition(ending.showIf, [...path, 'showIf'], scope, 0);
      this.checkPipes(ending.title, [...path, 'title'], scope);
      this.checkPipes(ending.text, [...path, 'text'], scope);
    });
    this.checkReachability();
    return this.issues;
  }

  private checkIds() {
    const seen = (values: readonly string[], code: string, path: (at: number) => Path, param: string) => {
      const first = new Set<string>();
      values.forEach((value, at) => {
        if (first.has(value)) this.add(code, path(at), { [param]: value });
        first.add(value);
      });
    };
    seen(this.definition.pages.map((page) => page.id), 'page_id_duplicate', (at) => ['pages', at, 'id'], 'page');
    seen(this.definition.endings.map((ending) => ending.id), 'ending_id_duplicate', (at) => ['endings', at, 'id'], 'ending');
    const questionPaths = this.definition.pages.flatMap((page, pageIndex) => page.questions.map((question, at) => ({ id: question.id, path: ['pages', pageIndex, 'questions', at, 'id'] as Path })));
    seen(questionPaths.map((entry) => entry.id), 'question_id_duplicate', (at) => questionPaths[at]!.path, 'question');
  }

  private checkOptions(options: readonly Option[], path: Path, question: Question, exclusiveAllowed: boolean) {
    const values = new Set<string>();
    options.forEach((option, at) => {
      if (values.has(option.value)) this.add('option_value_duplicate', [...path, at, 'value'], { question: question.id, option: option.value });
      values.add(option.value);
      if (option.exclusive && !exclusiveAllowed) this.add('exclusive_not_allowed', [...path, at, 'exclusive'], { question: question.id, option: option.value });
    });
  }

  private checkQuestion(question: Question, path: Path) {
    const q = { question: question.id };
    switch (question.type) {
      case 'single_choice':
      case 'dropdown':
      case 'ranking':
        this.checkOptions(question.options, [...path, 'options'], question, false);
        return;
      case 'multiple_choice': {
        this.checkOptions(question.options, [...path, 'options'], question, true);
        // Exclusive options are picked alone, so they do not add to what can be combined.
        const available = question.options.filter((option) => !option.exclusive).length + (question.other ? 1 : 0);
        if (question.minPicks !== undefined && question.maxPicks !== undefined && question.minPicks > question.maxPicks) {
          this.add('picks_range_invalid', [...path, 'minPicks'], { ...q, min: question.minPicks, max: question.maxPicks });
        }
        if (question.minPicks !== undefined && question.minPicks > available) this.add('picks_exceed_options', [...path, 'minPicks'], { ...q, count: available });
        if (question.maxPicks !== undefined && question.maxPicks > available) this.add('picks_exceed_options', [...path, 'maxPicks'], { ...q, count: available });
        return;
      }
      case 'matrix':
        this.checkOptions(question.rows, [...path, 'rows'], question, false);
        this.checkOptions(question.columns, [...path, 'columns'], question, false);
        return;
      case 'rating': {
        if (question.min >= question.max) {
          this.add('rating_range_invalid', [...path, 'max'], { ...q, min: question.min, max: question.max });
          return;
        }
        const steps = (question.max - question.min) / question.step;
        if (Math.abs(steps - Math.round(steps)) > 1e-9) this.add('rating_step_invalid', [...path, 'step'], { ...q, step: question.step });
        else if (Math.round(steps) + 1 > MAX_RATING_POINTS) this.add('rating_too_many_points', [...path, 'step'], { ...q, max: MAX_RATING_POINTS });
        return;
      }
      case 'number':
        if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
          this.add('number_range_invalid', [...path, 'max'], { ...q, min: question.min, max: question.max });
        }
        return;
      case 'date':
        if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
          this.add('date_range_invalid', [...path, 'max'], { ...q, min: question.min, max: question.max });
        }
        return;
      default:
        return;
    }
  }

  /** A referenced question must exist and stand earlier than the place that refers to it. */
  private referenced(id: string, path: Path, scope: Scope): Question | undefined {
    const place = this.index.get(id);
    if (!place) {
      this.add('question_missing', path, { question: id });
      return undefined;
    }
    if (place.order >= scope.beforeOrder) {
      this.add('question_not_earlier', path, { question: id, place: scope.label });
      return undefined;
    }
    return place.question;
  }

  private checkCondition(condition: Condition, path: Path, scope: Scope, depth: number): void {
    if (depth > MAX_CONDITION_DEPTH) {
      this.add('condition_too_deep', path, { max: MAX_CONDITION_DEPTH });
      return;
    }
    if ('all' in condition) return condition.all.forEach((part, at) => this.checkCondition(part, [...path, 'all', at], scope, depth + 1));
    if ('any' in condition) return condition.any.forEach((part, at) => this.checkCondition(part, [...path, 'any', at], scope, depth + 1));
    if ('not' in condition) return this.checkCondition(condition.not, [...path, 'not'], scope, depth + 1);
    const presence = (presenceOperators as readonly string[]).includes(condition.op);
    let kind: ValueKind;
    let choices: readonly string[] = [];
    let subject: Params;
    if ('attribute' in condition) {
      subject = { attribute: condition.attribute };
      if (!this.options.attributes) return;
      const attribute = this.options.attributes.find((candidate) => candidate.key === condition.attribute);
      if (!attribute) return this.add('attribute_missing', [...path, 'attribute'], subject);
      kind = attributeKind[attribute.type];
      choices = attribute.options.map((option) => option.value);
    } else {
      subject = { question: condition.question };
      const question = this.referenced(condition.question, [...path, 'question'], scope);
      if (!question) return;
      kind = valueKindOf[question.type];
      if (question.type === 'matrix') {
        if (condition.row !== undefined && !question.rows.some((row) => row.value === condition.row)) {
          return this.add('row_unknown', [...path, 'row'], { ...subject, row: condition.row });
        }
        if (condition.row === undefined && !presence) return this.add('row_required', [...path, 'row'], subject);
        choices = question.columns.map((column) => column.value);
      } else {
        if (condition.row !== undefined) return this.add('row_not_allowed', [...path, 'row'], subject);
        if (isChoice(question)) {
          choices = [...question.options.map((option) => option.value), ...(question.other ? [OTHER] : [])];
        }
      }
      subject = { ...subject, type: question.type };
    }
    if (presence || !('value' in condition)) return;
    if (!operatorsFor[kind].includes(condition.op)) return this.add('operator_not_allowed', [...path, 'op'], { ...subject, operator: condition.op });
    const value = condition.value;
    const expected: Record<ValueKind, string> = { choice: 'option', choices: 'option', column: 'option', boolean: 'boolean', number: 'number', text: 'text', date: 'date', presence: 'none' };
    const fits =
      kind === 'boolean' ? typeof value === 'boolean'
      : kind === 'number' ? typeof value === 'number'
      : kind === 'date' ? typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value)
      : typeof value === 'string';
    if (!fits) return this.add('value_type_mismatch', [...path, 'value'], { ...subject, expected: expected[kind] });
    if ((kind === 'choice' || kind === 'choices' || kind === 'column') && !choices.includes(value as string)) {
      this.add('option_unknown', [...path, 'value'], { ...subject, option: String(value) });
    }
  }

  private checkPipes(text: LocalizedText | undefined, path: Path, scope: Scope) {
    for (const reference of pipeReferences(text)) {
      if (reference.kind === 'answer') this.referenced(reference.key, path, scope);
      else if (this.options.attributes && !this.options.attributes.some((attribute) => attribute.key === reference.key)) {
        this.add('attribute_missing', path, { attribute: reference.key });
      }
    }
  }

  private checkSkipRules(pageIndex: number, scope: Scope) {
    const page = this.definition.pages[pageIndex]!;
    let always = false;
    page.skip.forEach((rule, at) => {
      const path: Path = ['pages', pageIndex, 'skip', at];
      if (always) this.add('rule_unreachable', path, { page: page.id });
      if (!rule.if) always = true;
      else this.checkCondition(rule.if, [...path, 'if'], scope, 0);
      if ('page' in rule.to) {
        const target = rule.to.page;
        const targetIndex = this.definition.pages.findIndex((candidate) => candidate.id === target);
        if (targetIndex < 0) this.add('page_missing', [...path, 'to', 'page'], { page: target });
        // Jumps only go forward, so no answer path can loop.
        else if (targetIndex <= pageIndex) this.add('jump_not_forward', [...path, 'to', 'page'], { page: target, from: page.id });
      } else {
        const target = rule.to.ending;
        if (!this.definition.endings.some((ending) => ending.id === target)) this.add('ending_missing', [...path, 'to', 'ending'], { ending: target });
      }
    });
  }

  /**
   * A page is reachable when some path of rules leads to it from the first page. A page
   * that may be hidden (a display condition, or only conditional questions) lets the
   * respondent fall through to the next page whatever its rules say.
   */
  private checkReachability() {
    const { pages, endings } = this.definition;
    const reached = new Set<number>([0]);
    const jumpedEndings = new Set<string>();
    for (let at = 0; at < pages.length; at += 1) {
      if (!reached.has(at)) {
        this.add('page_unreachable', ['pages', at], { page: pages[at]!.id });
        continue;
      }
      const page = pages[at]!;
      const mayHide = page.visibleIf !== undefined || page.questions.every((question) => question.visibleIf !== undefined);
      let fallsThrough = true;
      for (const rule of page.skip) {
        if ('page' in rule.to) {
          const target = rule.to.page;
          const targetIndex = pages.findIndex((candidate) => candidate.id === target);
          if (targetIndex > at) reached.add(targetIndex);
        } else jumpedEndings.add(rule.to.ending);
        if (!rule.if) {
          fallsThrough = false;
          break;
        }
      }
      if (fallsThrough || mayHide) reached.add(at + 1);
    }
    // Endings chosen by condition after the last page: none after one that always holds.
    const lastReached = reached.has(pages.length);
    let always = !lastReached;
    endings.forEach((ending, at) => {
      if (always && !jumpedEndings.has(ending.id)) this.add('ending_unreachable', ['endings', at], { ending: ending.id });
      if (!ending.showIf && lastReached) always = true;
    });
  }
}

/** Checks what the schema cannot: references, order, types, reachability. */
export function checkDefinition(definition: SurveyDefinition, options: CheckOptions = {}): SurveyIssue[] {
  return new Checker(definition, options).run();
}

const zodCodes: Record<string, string> = {
  invalid_type: 'type_invalid',
  too_big: 'too_large',
  too_small: 'too_small',
  unrecognized_keys: 'key_unknown',
  invalid_value: 'value_invalid',
  invalid_union: 'value_invalid',
  invalid_key: 'key_invalid',
  invalid_element: 'value_invalid',
  not_multiple_of: 'value_invalid',
};

/** zod's issues as survey issues: our messages are codes already; zod's own get one. */
export function issuesFromZod(error: z.ZodError): SurveyIssue[] {
  return error.issues.map((issue) => {
    const params: Record<string, string | number> = {};
    if ('maximum' in issue) params.max = Number(issue.maximum);
    if ('minimum' in issue) params.min = Number(issue.minimum);
    if ('keys' in issue) params.keys = issue.keys.join(', ');
    if (issue.code === 'invalid_type') params.expected = issue.expected;
    const code = /^[a-z][a-z_]*$/.test(issue.message) ? issue.message : (zodCodes[issue.code] ?? 'value_invalid');
    const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
    return Object.keys(params).length > 0 ? { code, path, params } : { code, path };
  });
}

export type DefinitionParse = { ok: true; definition: SurveyDefinition } | { ok: false; issues: SurveyIssue[] };

/**
 * Where JSON data first nests deeper than `max` objects and arrays, or null. Iterative: a
 * file of 500 KB can nest 100,000 levels, and the schema's one recursive part (conditions)
 * would exhaust the stack on it before the checker could count levels.
 */
export function nestingDeeperThan(json: unknown, max: number): (string | number)[] | null {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: json, path: [] }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value, path } = visit;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= max) return path;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    for (const [key, item] of entries) pending.push({ value: item, path: [...path, key] });
  }
  return null;
}

/**
 * Far above any definition the checker accepts (conditions nest at most
 * MAX_CONDITION_DEPTH levels, about 25 levels of JSON in all), far below what the stack holds.
 */
export const MAX_DEFINITION_NESTING = 64;

/** Reads a definition from JSON data: the nesting bounded first, then the schema, then the checker. */
export function parseSurveyDefinition(json: unknown, options: CheckOptions = {}): DefinitionParse {
  const deep = nestingDeeperThan(json, MAX_DEFINITION_NESTING);
  if (deep) return { ok: false, issues: [{ code: 'nesting_too_deep', path: deep, params: { max: MAX_DEFINITION_NESTING } }] };
  const parsed = surveyDefinitionSchema.safeParse(json, { error: (issue) => zodCodes[issue.code] ?? 'value_invalid' });
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const issues = checkDefinition(parsed.data, options);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, definition: parsed.data };
}

/** Reads a definition from an uploaded file's text. */
export function parseSurveyDefinitionText(text: string, options: CheckOptions = {}): DefinitionParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ code: 'json_invalid', path: [] }] };
  }
  return parseSurveyDefinition(json, options);
}

/** Like `parseSurveyDefinition`, throwing SURVEY_DEFINITION_INVALID with the issues (at most 50). */
export function assertSurveyDefinition(json: unknown, options: CheckOptions = {}): SurveyDefinition {
  const result = typeof json === 'string' ? parseSurveyDefinitionText(json, options) : parseSurveyDefinition(json, options);
  if (result.ok) return result.definition;
  throw new DomainError('SURVEY_DEFINITION_INVALID', result.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`).join('; '), {
    issues: result.issues.slice(0, 50),
  });
}
