import { describe, expect, it } from 'vitest';
import { answersSchema } from './survey-answer-schema.js';
import { answerFromRows, answerRows, checkAnswer } from './survey-answer.js';
import { OTHER } from './survey-definition-helpers.js';
import { questionSchema, type Question } from './survey-definition.js';
import { answerProblemCodes } from './survey-issues.js';

const t = (en: string) => ({ en });
const opt = (value: string, extra: object = {}) => ({ value, label: t(value), ...extra });
const question = (raw: Record<string, unknown>): Question => questionSchema.parse({ id: 'q', text: t('Q'), ...raw });

const single = question({ type: 'single_choice', options: [opt('a'), opt('b')], other: true });
const closedSingle = question({ type: 'dropdown', options: [opt('a'), opt('b')] });
const multiple = question({ type: 'multiple_choice', options: [opt('a'), opt('b'), opt('c'), opt('none', { exclusive: true })], other: true, minPicks: 1, maxPicks: 2 });
const rating = question({ type: 'rating', min: 0, max: 10, step: 2.5 });
const nps = question({ type: 'nps' });
const number = question({ type: 'number', min: -5, max: 5, decimals: 1 });
const short = question({ type: 'short_text', maxLength: 10 });
const long = question({ type: 'long_text' });
const date = question({ type: 'date', min: '2020-01-01', max: '2026-12-31' });
const matrix = question({ type: 'matrix', rows: [opt('speed'), opt('price')], columns: [opt('bad'), opt('ok'), opt('good')] });
const ranking = question({ type: 'ranking', options: [opt('x'), opt('y'), opt('z')] });
const yesNo = question({ type: 'yes_no' });

/** code → a question and a raw value it refuses. */
const refusals: [string, Question, unknown, Record<string, string | number>?][] = [
  ['answer_type_invalid', yesNo, 'yes', { expected: 'yes_no' }],
  ['option_unknown', single, { choice: 'zzz' }, { option: 'zzz' }],
  ['other_not_allowed', closedSingle, { choice: OTHER, other: 'mine' }],
  ['other_text_unexpected', single, { choice: 'a', other: 'mine' }],
  ['other_text_missing', single, { choice: OTHER, other: '  ' }],
  ['other_text_too_long', single, { choice: OTHER, other: 'x'.repeat(501) }, { max: 500 }],
  ['choices_duplicate', multiple, { choices: ['a', 'a'] }],
  ['exclusive_combined', multiple, { choices: ['a', 'none'] }, { option: 'none' }],
  ['picks_too_few', question({ type: 'multiple_choice', options: [opt('a'), opt('b'), opt('c')], minPicks: 2 }), { choices: ['a'] }, { min: 2 }],
  ['picks_too_many', multiple, { choices: ['a', 'b', 'c'] }, { max: 2 }],
  ['value_too_small', number, -5.1, { min: -5 }],
  ['value_too_large', nps, 11, { max: 10 }],
  ['value_off_step', rating, 3, { step: 2.5 }],
  ['decimals_too_many', number, 1.25, { decimals: 1 }],
  ['answer_too_long', short, 'x'.repeat(11), { max: 10 }],
  ['answer_one_line', short, 'a\nb'],
  ['date_invalid', date, '2024-02-30'],
  ['date_too_early', date, '2019-12-31', { min: '2020-01-01' }],
  ['date_too_late', date, '2027-01-01', { max: '2026-12-31' }],
  ['row_unknown', matrix, { taste: 'good' }, { row: 'taste' }],
  ['ranking_incomplete', ranking, ['x', 'y'], { count: 3 }],
];

describe('checkAnswer', () => {
  it.each(refusals)('refuses with %s', (code, q, raw, params) => {
    const result = checkAnswer(q, raw);
    expect(result).toEqual({ ok: false, problem: params ? { code, params } : { code } });
  });

  it('has a case for every code', () => {
    expect(answerProblemCodes.filter((code) => !refusals.some(([covered]) => covered === code))).toEqual([]);
  });

  it.each([
    [single, { choice: 'b' }, { choice: 'b' }],
    [single, { choice: OTHER, other: '  my own  ' }, { choice: OTHER, other: 'my own' }],
    [multiple, { choices: [OTHER, 'b'], other: 'x' }, { choices: ['b', OTHER], other: 'x' }],
    [multiple, { choices: ['none'] }, { choices: ['none'] }],
    [multiple, { choices: [] }, undefined],
    [rating, 7.5, 7.5],
    [nps, 0, 0],
    [number, -4.5, -4.5],
    [short, '  hi  ', 'hi'],
    [short, '   ', undefined],
    [long, 'line one\nline two', 'line one\nline two'],
    [date, '2024-02-29', '2024-02-29'],
    [date, '', undefined],
    [matrix, { price: 'ok', speed: 'good' }, { speed: 'good', price: 'ok' }],
    [matrix, {}, undefined],
    [ranking, ['z', 'x', 'y'], ['z', 'x', 'y']],
    [yesNo, false, false],
  ] as [Question, unknown, unknown][])('accepts a %s answer in canonical form', (q, raw, canonical) => {
    expect(checkAnswer(q, raw)).toEqual({ ok: true, value: canonical });
  });

  it('refuses a number that is not finite and steps on a rating counted from its minimum', () => {
    expect(checkAnswer(number, Number.NaN)).toMatchObject({ ok: false, problem: { code: 'answer_type_invalid' } });
    expect(checkAnswer(question({ type: 'rating', min: 1, max: 3, step: 0.1 }), 1.3)).toMatchObject({ ok: true });
    expect(checkAnswer(nps, 5.5)).toMatchObject({ ok: false, problem: { code: 'value_off_step' } });
  });
});

describe('the transport schema', () => {
  it('refuses a 1 MB text before any question sees it', () => {
    const result = answersSchema.safeParse({ comment: 'x'.repeat(1024 * 1024) });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([{ message: 'answer_too_long', path: ['comment'] }]);
  });
  it('refuses a value that is no answer shape at all', () => {
    expect(answersSchema.safeParse({ q: { nested: { deep: 1 } } }).success).toBe(false);
    expect(answersSchema.safeParse({ q: null }).error?.issues).toMatchObject([{ message: 'answer_type_invalid', path: ['q'] }]);
    expect(answersSchema.safeParse({ q: { choice: 'a' }, r: ['x'], s: 3, t: true, u: { speed: 'good' } }).success).toBe(true);
  });
});

describe('storage rows', () => {
  it('stores one row per pick, matrix row and ranked option, with numbers for means', () => {
    expect(answerRows(multiple, { choices: ['a', OTHER], other: 'mine' })).toEqual([
      { questionId: 'q', item: 'a', number: null, text: null },
      { questionId: 'q', item: OTHER, number: null, text: 'mine' },
    ]);
    expect(answerRows(matrix, { speed: 'good', price: 'bad' })).toEqual([
      { questionId: 'q', item: 'speed', number: 3, text: 'good' },
      { questionId: 'q', item: 'price', number: 1, text: 'bad' },
    ]);
    expect(answerRows(ranking, ['y', 'x', 'z']).map((row) => [row.item, row.number])).toEqual([['y', 1], ['x', 2], ['z', 3]]);
    expect(answerRows(yesNo, true)).toEqual([{ questionId: 'q', item: '', number: 1, text: null }]);
    expect(answerRows(date, '2024-01-01')).toEqual([{ questionId: 'q', item: '', number: null, text: '2024-01-01' }]);
  });
  it('reads rows back into the same answer, whatever order they come in', () => {
    const rows = answerRows(multiple, { choices: ['b', OTHER], other: 'x' }).reverse();
    expect(answerFromRows(multiple, rows)).toEqual({ choices: ['b', OTHER], other: 'x' });
    expect(answerFromRows(ranking, answerRows(ranking, ['z', 'y', 'x']).reverse())).toEqual(['z', 'y', 'x']);
    expect(answerFromRows(single, [])).toBeUndefined();
    expect(answerFromRows(yesNo, answerRows(yesNo, false))).toBe(false);
  });
});
