import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResponse } from './response-validation.js';
import { answerFromRows, answerRows, type Answers, type AnswerValue } from './survey-answer.js';
import { checkDefinition, parseSurveyDefinition, parseSurveyDefinitionText } from './survey-check.js';
import { structuralChanges } from './survey-version.js';
import { OTHER, questionTypes, type Condition, type QuestionType } from './survey-definition-helpers.js';
import type { Question, SurveyDefinitionInput } from './survey-definition.js';
import { operatorsFor, surveyPath, valueKindOf, type Attributes } from './survey-logic.js';
import { canGoBack, goBack, goNext, setAnswer, startRun, submission, type RunContext, type RunState } from './survey-runner.js';

/**
 * The engine's promise: whatever valid survey staff write and whatever way a respondent
 * walks through it (changing their mind on the way back), the server accepts what the
 * respondent side produced — and refuses it once a value is out of range or a required
 * answer is missing.
 */
type Gen = fc.GeneratorValue;
const int = (g: Gen, min: number, max: number) => g(fc.integer, { min, max });
const bool = (g: Gen) => g(fc.boolean);
const pick = <T,>(g: Gen, items: readonly T[]): T => items[int(g, 0, items.length - 1)]!;
const text = (value: string) => ({ de: `${value} (de)`, en: `${value} (en)` });
const options = (count: number, prefix = 'o'): { value: string; label: ReturnType<typeof text>; exclusive?: boolean }[] =>
  Array.from({ length: count }, (_, at) => ({ value: `${prefix}${at}`, label: text(`${prefix}${at}`) }));

const attributes: Attributes = { region: 'north', products: ['a', 'b'], since: '2020-05-01', visits: 7 };
const attributeConditions: Condition[] = [
  { attribute: 'region', op: 'equals', value: 'north' },
  { attribute: 'products', op: 'contains', value: 'b' },
  { attribute: 'visits', op: 'gt', value: 10 },
  { attribute: 'since', op: 'lt', value: '2021-01-01' },
  { attribute: 'missing_one', op: 'answered' },
];

function question(g: Gen, id: string, type: QuestionType): Record<string, unknown> {
  const base = { id, type, text: text(`Question ${id}`), required: bool(g) };
  switch (type) {
    case 'single_choice':
    case 'dropdown':
      return { ...base, options: options(int(g, 2, 4)), other: bool(g), randomize: bool(g) };
    case 'multiple_choice': {
      const all = options(int(g, 2, 5)).map((option, at, list) => (at === list.length - 1 && bool(g) ? { ...option, exclusive: true } : option));
      const other = bool(g);
      const combinable = all.filter((option) => !option.exclusive).length + (other ? 1 : 0);
      const min = int(g, 0, Math.min(2, combinable));
      return { ...base, options: all, other, randomize: bool(g), minPicks: min, maxPicks: int(g, Math.max(1, min), combinable) };
    }
    case 'rating': {
      const min = int(g, -2, 2);
      const step = pick(g, [0.5, 1, 2]);
      return { ...base, min, max: min + step * 2 * int(g, 1, 4), step, minLabel: text('low'), maxLabel: text('high') };
    }
    case 'number': {
      const min = int(g, -100, 100);
      return { ...base, min, max: min + int(g, 0, 1000), decimals: int(g, 0, 2) };
    }
    case 'date':
      return { ...base, min: '2020-01-01', max: '2030-12-31' };
    case 'short_text':
      return { ...base, maxLength: int(g, 5, 500) };
    case 'matrix':
      return { ...base, rows: options(int(g, 1, 3), 'r'), columns: options(int(g, 2, 5), 'c'), randomize: bool(g) };
    case 'ranking':
      return { ...base, options: options(int(g, 2, 4)), randomize: bool(g) };
    default:
      return base;
  }
}

/** A comparison on `target` whose operator and value fit its type (or a presence test). */
function conditionOn(g: Gen, target: Question): Condition {
  const kind = valueKindOf[target.type];
  const ops = operatorsFor[kind];
  if (ops.length === 0 || bool(g)) return { question: target.id, op: pick(g, ['answered', 'unanswered'] as const) };
  const op = pick(g, ops);
  const choices = 'options' in target ? target.options.map((option) => option.value) : [];
  switch (kind) {
    case 'choice':
    case 'choices':
      return { question: target.id, op, value: pick(g, choices) };
    case 'column': {
      const matrix = target as Extract<Question, { type: 'matrix' }>;
      return { question: target.id, row: pick(g, matrix.rows).value, op, value: pick(g, matrix.columns).value };
    }
    case 'boolean':
      return { question: target.id, op, value: bool(g) };
    case 'number':
      return { question: target.id, op, value: int(g, -5, 10) };
    case 'date':
      return { question: target.id, op, value: pick(g, ['2022-06-01', '2025-01-01']) };
    default:
      return { question: target.id, op, value: pick(g, ['a', 'yes', 'x']) };
  }
}

function conditionFrom(g: Gen, earlier: readonly Question[], depth = 0): Condition {
  const roll = int(g, 0, 9);
  if (earlier.length === 0 || roll === 0) return pick(g, attributeConditions);
  if (depth < 2 && roll === 1) return { all: [conditionFrom(g, earlier, depth + 1), conditionFrom(g, earlier, depth + 1)] };
  if (depth < 2 && roll === 2) return { any: [conditionFrom(g, earlier, depth + 1), conditionFrom(g, earlier, depth + 1)] };
  if (depth < 2 && roll === 3) return { not: conditionFrom(g, earlier, depth + 1) };
  return conditionOn(g, pick(g, earlier));
}

/** A random valid definition: every rule looks back, every jump goes forward. */
function definition(g: Gen): SurveyDefinitionInput {
  const pageCount = int(g, 1, 4);
  const endingCount = int(g, 0, 3);
  const endings = Array.from({ length: endingCount }, (_, at) => ({ id: `end${at}`, title: text(`End ${at} for {{answer:q0}}`) }));
  const seen: Question[] = [];
  const pages = [];
  let n = 0;
  for (let at = 0; at < pageCount; at += 1) {
    const questions: Question[] = [];
    for (let count = int(g, 1, 3); count > 0; count -= 1) {
      const id = `q${n++}`;
      const parsed = parseSurveyDefinition({ schemaVersion: 1, title: text('t'), pages: [{ id: 'x', questions: [question(g, id, pick(g, questionTypes))] }] });
      if (!parsed.ok) throw new Error(`generator made an invalid question: ${JSON.stringify(parsed.issues)}`);
      const made = parsed.definition.pages[0]!.questions[0]!;
      questions.push(int(g, 0, 3) === 0 ? { ...made, visibleIf: conditionFrom(g, [...seen, ...questions]) } : made);
    }
    const later = Array.from({ length: pageCount - at - 1 }, (_, offset) => ({ page: `p${at + offset + 1}` }));
    const targets = [...later, ...endings.map((ending) => ({ ending: ending.id }))];
    const skip = targets.length === 0 ? [] : Array.from({ length: int(g, 0, 2) }, () => ({ if: conditionFrom(g, [...seen, ...questions]), to: pick(g, targets) }));
    const page = {
      id: `p${at}`,
      title: text(at > 0 && seen.length > 0 ? `Page ${at} after {{answer:${seen[0]!.id}}}` : `Page ${at}`),
      ...(at > 0 && int(g, 0, 4) === 0 ? { visibleIf: conditionFrom(g, seen) } : {}),
      questions,
      skip,
    };
    pages.push(page);
    seen.push(...questions);
  }
  const withConditions = endings.map((ending, at) => (at < endings.length - 1 || bool(g) ? { ...ending, showIf: conditionFrom(g, seen) } : ending));
  return { schemaVersion: 1, title: text('Survey'), settings: { allowBack: bool(g), showProgress: true }, pages, endings: withConditions } as SurveyDefinitionInput;
}

/** A value the question accepts. */
function validValue(g: Gen, q: Question): AnswerValue {
  switch (q.type) {
    case 'single_choice':
    case 'dropdown':
      return q.other && int(g, 0, 3) === 0 ? { choice: OTHER, other: 'something else' } : { choice: pick(g, q.options).value };
    case 'multiple_choice': {
      const exclusive = q.options.find((option) => option.exclusive);
      if (exclusive && (q.minPicks ?? 0) <= 1 && int(g, 0, 3) === 0) return { choices: [exclusive.value] };
      const plain = [...q.options.filter((option) => !option.exclusive).map((option) => option.value), ...(q.other ? [OTHER] : [])];
      const upper = Math.min(q.maxPicks ?? plain.length, plain.length);
      const lower = Math.min(Math.max(q.minPicks ?? 0, 1), upper);
      const count = int(g, lower, upper);
      const shuffled = g(fc.shuffledSubarray, plain, { minLength: count, maxLength: count });
      return shuffled.includes(OTHER) ? { choices: shuffled, other: 'mine' } : { choices: shuffled };
    }
    case 'yes_no':
      return bool(g);
    case 'rating':
      return q.min + q.step * int(g, 0, Math.round((q.max - q.min) / q.step));
    case 'nps':
      return int(g, 0, 10);
    case 'number': {
      const scale = 10 ** q.decimals;
      return Math.round(int(g, Math.ceil((q.min ?? -1000) * scale), Math.floor((q.max ?? 1000) * scale))) / scale;
    }
    case 'short_text':
      return pick(g, ['a', 'yes', 'Hallo', 'x y']).slice(0, q.maxLength);
    case 'long_text':
      return pick(g, ['a longer text\nover lines', 'yes', 'B']);
    case 'date':
      return pick(g, ['2020-01-01', '2022-06-01', '2024-02-29', '2030-12-31']);
    case 'matrix':
      return Object.fromEntries(q.rows.filter(() => q.required || bool(g)).map((row) => [row.value, pick(g, q.columns).value]));
    case 'ranking':
      return g(fc.shuffledSubarray, q.options.map((option) => option.value), { minLength: q.options.length, maxLength: q.options.length });
  }
}

/** A value the question refuses: out of range, unknown, or of the wrong type. */
function invalidValue(g: Gen, q: Question): unknown {
  switch (q.type) {
    case 'single_choice':
    case 'dropdown':
      return { choice: 'not-an-option' };
    case 'multiple_choice':
      return q.maxPicks !== undefined && q.maxPicks < q.options.length && !q.options.some((option) => option.exclusive)
        ? { choices: q.options.map((option) => option.value) }
        : { choices: ['not-an-option'] };
    case 'yes_no':
      return 'yes';
    case 'rating':
      return pick(g, [q.max + q.step, q.min - q.step, q.min + q.step / 3]);
    case 'nps':
      return pick(g, [11, -1, 5.5]);
    case 'number':
      return pick(g, [(q.max ?? 0) + 1, (q.min ?? 0) - 1, (q.min ?? 0) + 10 ** -(q.decimals + 1)]);
    case 'short_text':
      return 'x'.repeat(q.maxLength + 1);
    case 'long_text':
      return 'x'.repeat(1_000_000);
    case 'date':
      return pick(g, ['2019-12-31', '2031-01-01', '2026-02-30', 'tomorrow']);
    case 'matrix':
      return { [q.rows[0]!.value]: 'not-a-column' };
    case 'ranking':
      return q.options.slice(1).map((option) => option.value);
  }
}

/** A respondent: answers each shown question (required ones always), sometimes goes back and changes their mind. */
function walk(g: Gen, ctx: RunContext): RunState {
  let state = startRun(ctx);
  for (let steps = 0; !state.finished && steps < 40; steps += 1) {
    const page = ctx.definition.pages.find((candidate) => candidate.id === state.page)!;
    for (const q of page.questions) {
      if (q.required || bool(g)) state = setAnswer(state, q.id, validValue(g, q));
      else state = setAnswer(state, q.id, undefined);
    }
    if (canGoBack(ctx, state) && int(g, 0, 4) === 0) {
      state = goBack(ctx, state);
      continue;
    }
    const next = goNext(ctx, state);
    if (!next.ok) throw new Error(`the runner refused its own page: ${JSON.stringify(next.issues)}`);
    state = next.state;
  }
  return state;
}

const validDefinition = (g: Gen) => {
  const parsed = parseSurveyDefinition(definition(g));
  if (!parsed.ok) throw new Error(`generator made an invalid definition: ${JSON.stringify(parsed.issues)}`);
  return parsed.definition;
};
const context = (g: Gen): RunContext => ({ definition: validDefinition(g), attributes, respondentKey: `r${int(g, 0, 1000)}`, locale: pick(g, ['de', 'en'] as const), fallback: 'de' });

// Generous timeouts: the machine running the suite may be busy; the run counts stay fixed.
describe('the survey engine (properties)', { timeout: 60_000 }, () => {
  it('generates only definitions the checker accepts', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        expect(checkDefinition(validDefinition(g))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('accepts every response the respondent side produces, with the ending the respondent saw', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const ctx = context(g);
        const state = walk(g, ctx);
        expect(state.finished).toBe(true);
        const result = checkResponse({ definition: ctx.definition, answers: submission(ctx, state), attributes, complete: true });
        expect(result.ok ? [] : result.issues).toEqual([]);
        if (result.ok) expect(result.ending?.id ?? null).toBe(state.ending);
      }),
      { numRuns: 100 },
    );
  });

  it('drops, never refuses, answers a changed path hides', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const ctx = context(g);
        const state = walk(g, ctx);
        // Everything typed, including answers on pages the final path skips.
        const result = checkResponse({ definition: ctx.definition, answers: state.answers, attributes, complete: true });
        expect(result.ok ? [] : result.issues).toEqual([]);
        const submitted = checkResponse({ definition: ctx.definition, answers: submission(ctx, state), attributes, complete: true });
        if (result.ok && submitted.ok) expect(result.answers).toEqual(submitted.answers);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a response once a shown answer is out of range or of the wrong type', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const ctx = context(g);
        const answers: Record<string, unknown> = { ...submission(ctx, walk(g, ctx)) };
        const shown = surveyPath(ctx.definition, { answers: answers as Answers, attributes }).questions;
        fc.pre(shown.length > 0);
        const target = pick(g, shown);
        answers[target.id] = invalidValue(g, target);
        const result = checkResponse({ definition: ctx.definition, answers, attributes, complete: bool(g) });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues.map((issue) => issue.params?.question)).toContain(target.id);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a finished response that lacks a shown required answer', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const ctx = context(g);
        const answers = { ...submission(ctx, walk(g, ctx)) };
        const required = surveyPath(ctx.definition, { answers, attributes }).questions.filter((q) => q.required);
        fc.pre(required.length > 0);
        const target = pick(g, required);
        delete answers[target.id];
        const result = checkResponse({ definition: ctx.definition, answers, attributes, complete: true });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues).toContainEqual({ code: 'answer_required', path: ['answers', target.id], params: { question: target.id } });
        // A draft may still lack it.
        expect(checkResponse({ definition: ctx.definition, answers, attributes, complete: false }).ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('stores every accepted answer as rows that give the same answer back', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const ctx = context(g);
        const result = checkResponse({ definition: ctx.definition, answers: submission(ctx, walk(g, ctx)), attributes, complete: true });
        if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issues)}`);
        const byId = new Map(ctx.definition.pages.flatMap((page) => page.questions.map((q) => [q.id, q] as const)));
        for (const [id, value] of Object.entries(result.answers)) {
          const q = byId.get(id)!;
          const rows = answerRows(q, value);
          expect(new Set(rows.map((row) => row.item)).size).toBe(rows.length);
          expect(answerFromRows(q, rows)).toEqual(value);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('exports and re-imports a definition exactly, and sees no structural change in the copy', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const original = validDefinition(g);
        const again = parseSurveyDefinitionText(JSON.stringify(original));
        expect(again).toEqual({ ok: true, definition: original });
        if (again.ok) expect(structuralChanges(original, again.definition)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on any JSON, nor on a valid survey with its strings scrambled', () => {
    const scramble = (value: unknown, g: Gen): unknown => {
      if (typeof value === 'string') return int(g, 0, 5) === 0 ? pick(g, ['q0', 'p1', 'end0', 'o1', '_other', '', 'x'.repeat(600), 'equals', 'matrix']) : value;
      if (Array.isArray(value)) return value.map((item) => scramble(item, g));
      if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scramble(item, g)]));
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.gen(), (json, g) => {
        const parsed = parseSurveyDefinition(json);
        expect(parsed.ok).toBe(false);
        const scrambled = parseSurveyDefinition(scramble(definition(g), g));
        if (!scrambled.ok) expect(scrambled.issues.length).toBeGreaterThan(0);
        const ctx = context(g);
        expect(typeof checkResponse({ definition: ctx.definition, answers: json, attributes, complete: bool(g) }).ok).toBe('boolean');
      }),
      { numRuns: 100 },
    );
  });
});
