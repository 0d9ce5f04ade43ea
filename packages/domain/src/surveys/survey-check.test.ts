import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/domain-error.js';
import { z } from 'zod';
import { answersSchema } from './survey-answer-schema.js';
import {
  assertSurveyDefinition,
  issuesFromZod,
  MAX_DEFINITION_NESTING,
  parseSurveyDefinition,
  parseSurveyDefinitionText,
  type AttributeCatalogEntry,
} from './survey-check.js';
import { MAX_CONDITION_DEPTH, questionTypes } from './survey-definition-helpers.js';
import { questionSchema } from './survey-definition.js';
import { definitionIssueCodes, schemaIssueCodes, type SurveyIssue } from './survey-issues.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the cases edit raw JSON, as a file upload would be */
const t = (en: string) => ({ en, de: `${en} (de)` });
const opt = (value: string, extra: object = {}) => ({ value, label: t(value), ...extra });

/** A small valid survey the cases below break one rule at a time. */
const valid = (): any => ({
  schemaVersion: 1,
  title: t('Survey'),
  pages: [
    {
      id: 'p1',
      questions: [
        { id: 'product', type: 'single_choice', text: t('Which product?'), options: [opt('a'), opt('b')], other: true },
        { id: 'likes', type: 'multiple_choice', text: t('What do you like?'), options: [opt('a'), opt('b'), opt('none', { exclusive: true })] },
        { id: 'grid', type: 'matrix', text: t('Rate'), rows: [opt('speed'), opt('price')], columns: [opt('bad'), opt('good')] },
        { id: 'score', type: 'rating', text: t('Score'), min: 1, max: 5 },
      ],
    },
    { id: 'p2', questions: [{ id: 'comment', type: 'long_text', text: t('Why?') }] },
    { id: 'p3', questions: [{ id: 'when', type: 'date', text: t('Since when?') }] },
  ],
  endings: [{ id: 'thanks', title: t('Thanks') }],
});

const attributes: AttributeCatalogEntry[] = [
  { key: 'region', type: 'single_choice', options: [{ value: 'north' }, { value: 'south' }] },
  { key: 'visits', type: 'number', options: [] },
];
const at = (page: number, question: number) => ['pages', page, 'questions', question];
const q = (definition: any, page: number, question: number) => definition.pages[page].questions[question];

/** code → how to break the valid survey → where the issue must point (and its params, if given). */
const cases: [string, (d: any) => void, SurveyIssue['path'], SurveyIssue['params']?][] = [
  // the nesting, bounded before the schema recurses into conditions (a deeper file would exhaust the stack)
  [
    'nesting_too_deep',
    (d) => {
      let condition: any = { question: 'score', op: 'answered' };
      for (let i = 0; i < 100_000; i += 1) condition = { not: condition };
      q(d, 1, 0).visibleIf = condition;
    },
    [...at(1, 0), 'visibleIf', ...Array.from({ length: MAX_DEFINITION_NESTING - at(1, 0).length - 1 }, () => 'not')],
    { max: MAX_DEFINITION_NESTING },
  ],
  // the schema
  ['schema_version_unsupported', (d) => (d.schemaVersion = 2), ['schemaVersion']],
  ['key_unknown', (d) => (q(d, 0, 0).colour = 'red'), at(0, 0), { keys: 'colour' }],
  ['type_invalid', (d) => (q(d, 0, 0).required = 'yes'), [...at(0, 0), 'required'], { expected: 'boolean' }],
  ['too_large', (d) => (q(d, 0, 3).max = 1000), [...at(0, 3), 'max'], { max: 100 }],
  ['too_small', (d) => (q(d, 0, 3).step = 0), [...at(0, 3), 'step'], { min: 0 }],
  ['id_invalid', (d) => (q(d, 0, 0).id = 'Product Name'), [...at(0, 0), 'id']],
  ['option_value_invalid', (d) => (q(d, 0, 0).options[0].value = '_a'), [...at(0, 0), 'options', 0, 'value']],
  ['attribute_key_invalid', (d) => (q(d, 1, 0).visibleIf = { attribute: 'R', op: 'answered' }), [...at(1, 0), 'visibleIf', 'attribute']],
  ['date_invalid', (d) => (q(d, 2, 0).min = '2026-02-30'), [...at(2, 0), 'min']],
  ['text_invalid', (d) => (d.title = 'Survey'), ['title']],
  ['text_missing', (d) => (d.title = {}), ['title']],
  ['text_empty', (d) => (d.title = { en: '  ' }), ['title', 'en']],
  ['text_too_long', (d) => (d.title = { en: 'x'.repeat(301) }), ['title', 'en']],
  ['question_type_invalid', (d) => (q(d, 0, 0).type = 'slider'), [...at(0, 0), 'type']],
  ['options_too_few', (d) => (q(d, 0, 0).options = [opt('a')]), [...at(0, 0), 'options']],
  ['options_too_many', (d) => (q(d, 0, 0).options = Array.from({ length: 101 }, (_, i) => opt(`o${i}`))), [...at(0, 0), 'options']],
  ['rows_too_few', (d) => (q(d, 0, 2).rows = []), [...at(0, 2), 'rows']],
  ['rows_too_many', (d) => (q(d, 0, 2).rows = Array.from({ length: 51 }, (_, i) => opt(`r${i}`))), [...at(0, 2), 'rows']],
  ['page_empty', (d) => (d.pages[1].questions = []), ['pages', 1, 'questions']],
  ['page_too_many_questions', (d) => (d.pages[1].questions = Array.from({ length: 51 }, (_, i) => ({ id: `x${i}`, type: 'yes_no', text: t('x') }))), ['pages', 1, 'questions']],
  [
    'questions_too_many',
    (d) => (d.pages = Array.from({ length: 11 }, (_, p) => ({ id: `p${p}`, questions: Array.from({ length: 46 }, (_, i) => ({ id: `x${p}_${i}`, type: 'yes_no', text: t('x') })) }))),
    ['pages'],
  ],
  ['pages_too_few', (d) => (d.pages = []), ['pages']],
  ['pages_too_many', (d) => (d.pages = Array.from({ length: 51 }, (_, i) => ({ id: `p${i}`, questions: [{ id: `x${i}`, type: 'yes_no', text: t('x') }] }))), ['pages']],
  ['condition_invalid', (d) => (q(d, 1, 0).visibleIf = { when: 'score', is: 3 }), [...at(1, 0), 'visibleIf']],
  ['key_unknown', (d) => (q(d, 1, 0).visibleIf = { question: 'score', op: 'gt', value: 3, is: 3 }), [...at(1, 0), 'visibleIf'], { keys: 'is' }],
  ['condition_value_mismatch', (d) => (q(d, 1, 0).visibleIf = { question: 'score', op: 'gt' }), [...at(1, 0), 'visibleIf']],
  ['condition_value_invalid', (d) => (q(d, 1, 0).visibleIf = { question: 'score', op: 'gt', value: [3] }), [...at(1, 0), 'visibleIf', 'value']],
  ['operator_invalid', (d) => (q(d, 1, 0).visibleIf = { question: 'score', op: 'like', value: 3 }), [...at(1, 0), 'visibleIf', 'op']],
  ['jump_target_invalid', (d) => (d.pages[0].skip = [{ to: 'p3' }]), ['pages', 0, 'skip', 0, 'to']],
  // the checker
  ['page_id_duplicate', (d) => (d.pages[2].id = 'p1'), ['pages', 2, 'id'], { page: 'p1' }],
  ['ending_id_duplicate', (d) => d.endings.push({ id: 'thanks', title: t('Again') }), ['endings', 1, 'id'], { ending: 'thanks' }],
  ['question_id_duplicate', (d) => (q(d, 1, 0).id = 'score'), [...at(1, 0), 'id'], { question: 'score' }],
  ['option_value_duplicate', (d) => (q(d, 0, 0).options[1].value = 'a'), [...at(0, 0), 'options', 1, 'value'], { question: 'product', option: 'a' }],
  ['exclusive_not_allowed', (d) => (q(d, 0, 0).options[1].exclusive = true), [...at(0, 0), 'options', 1, 'exclusive'], { question: 'product', option: 'b' }],
  ['picks_range_invalid', (d) => Object.assign(q(d, 0, 1), { minPicks: 2, maxPicks: 1 }), [...at(0, 1), 'minPicks'], { question: 'likes', min: 2, max: 1 }],
  ['picks_exceed_options', (d) => Object.assign(q(d, 0, 1), { minPicks: 3 }), [...at(0, 1), 'minPicks'], { question: 'likes', count: 2 }],
  ['rating_range_invalid', (d) => Object.assign(q(d, 0, 3), { min: 5, max: 5 }), [...at(0, 3), 'max'], { question: 'score', min: 5, max: 5 }],
  ['rating_step_invalid', (d) => Object.assign(q(d, 0, 3), { step: 3 }), [...at(0, 3), 'step'], { question: 'score', step: 3 }],
  ['rating_too_many_points', (d) => Object.assign(q(d, 0, 3), { min: 0, max: 100, step: 0.5 }), [...at(0, 3), 'step'], { question: 'score', max: 101 }],
  ['number_range_invalid', (d) => (d.pages[1].questions[0] = { id: 'comment', type: 'number', text: t('n'), min: 5, max: 1 }), [...at(1, 0), 'max'], { question: 'comment', min: 5, max: 1 }],
  ['date_range_invalid', (d) => Object.assign(q(d, 2, 0), { min: '2026-01-02', max: '2026-01-01' }), [...at(2, 0), 'max']],
  ['question_missing', (d) => (q(d, 1, 0).visibleIf = { question: 'nope', op: 'answered' }), [...at(1, 0), 'visibleIf', 'question'], { question: 'nope' }],
  ['question_not_earlier', (d) => (q(d, 1, 0).visibleIf = { question: 'when', op: 'answered' }), [...at(1, 0), 'visibleIf', 'question'], { question: 'when', place: 'question' }],
  [
    'condition_too_deep',
    (d) => {
      let condition: any = { question: 'score', op: 'answered' };
      for (let i = 0; i <= MAX_CONDITION_DEPTH; i += 1) condition = { not: condition };
      q(d, 1, 0).visibleIf = condition;
    },
    [...at(1, 0), 'visibleIf', ...Array.from({ length: MAX_CONDITION_DEPTH + 1 }, () => 'not')],
  ],
  ['attribute_missing', (d) => (q(d, 1, 0).visibleIf = { attribute: 'shoe_size', op: 'gt', value: 40 }), [...at(1, 0), 'visibleIf', 'attribute'], { attribute: 'shoe_size' }],
  ['row_unknown', (d) => (q(d, 1, 0).visibleIf = { question: 'grid', row: 'taste', op: 'equals', value: 'good' }), [...at(1, 0), 'visibleIf', 'row']],
  ['row_required', (d) => (q(d, 1, 0).visibleIf = { question: 'grid', op: 'equals', value: 'good' }), [...at(1, 0), 'visibleIf', 'row']],
  ['row_not_allowed', (d) => (q(d, 1, 0).visibleIf = { question: 'score', row: 'speed', op: 'gt', value: 3 }), [...at(1, 0), 'visibleIf', 'row']],
  ['operator_not_allowed', (d) => (q(d, 1, 0).visibleIf = { question: 'product', op: 'gt', value: 'a' }), [...at(1, 0), 'visibleIf', 'op'], { question: 'product', type: 'single_choice', operator: 'gt' }],
  ['value_type_mismatch', (d) => (q(d, 1, 0).visibleIf = { question: 'score', op: 'gte', value: 'four' }), [...at(1, 0), 'visibleIf', 'value'], { question: 'score', type: 'rating', expected: 'number' }],
  ['option_unknown', (d) => (q(d, 1, 0).visibleIf = { question: 'likes', op: 'contains', value: 'c' }), [...at(1, 0), 'visibleIf', 'value'], { question: 'likes', type: 'multiple_choice', option: 'c' }],
  ['rule_unreachable', (d) => (d.pages[0].skip = [{ to: { page: 'p3' } }, { if: { question: 'score', op: 'answered' }, to: { page: 'p2' } }]), ['pages', 0, 'skip', 1]],
  ['page_missing', (d) => (d.pages[0].skip = [{ if: { question: 'score', op: 'lt', value: 3 }, to: { page: 'p9' } }]), ['pages', 0, 'skip', 0, 'to', 'page'], { page: 'p9' }],
  ['jump_not_forward', (d) => (d.pages[1].skip = [{ if: { question: 'comment', op: 'answered' }, to: { page: 'p1' } }]), ['pages', 1, 'skip', 0, 'to', 'page'], { page: 'p1', from: 'p2' }],
  ['ending_missing', (d) => (d.pages[0].skip = [{ if: { question: 'score', op: 'lt', value: 3 }, to: { ending: 'bye' } }]), ['pages', 0, 'skip', 0, 'to', 'ending'], { ending: 'bye' }],
  ['page_unreachable', (d) => (d.pages[0].skip = [{ to: { page: 'p3' } }]), ['pages', 1], { page: 'p2' }],
  ['ending_unreachable', (d) => d.endings.push({ id: 'later', title: t('Never') }), ['endings', 1], { ending: 'later' }],
];

describe('the definition checker', () => {
  it('has a schema for every question type, and no other', () => {
    expect(questionSchema.options.map((option) => option.shape.type.value).sort()).toEqual([...questionTypes].sort());
  });

  it('accepts the valid survey', () => {
    expect(parseSurveyDefinition(valid(), { attributes })).toMatchObject({ ok: true });
  });

  it.each(cases)('reports %s at the place it happens', (code, breakIt, path, params) => {
    const definition = valid();
    breakIt(definition);
    const result = parseSurveyDefinition(definition, { attributes });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    const issue = issues.find((candidate) => candidate.code === code);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.path).toEqual(path);
    if (params) expect(issue?.params).toMatchObject(params);
  });

  it('has a case for every code it can give', () => {
    const covered = new Set(cases.map(([code]) => code));
    const untested = [...schemaIssueCodes, ...definitionIssueCodes].filter((code) => !covered.has(code));
    // Covered below: from file text, and zod's own codes.
    expect(untested).toEqual(['json_invalid', 'definition_invalid', 'key_invalid', 'value_invalid']);
  });

  it('refuses a file that is not JSON, or JSON that is not a definition', () => {
    expect(parseSurveyDefinitionText('{ "schemaVersion": 1, ')).toEqual({ ok: false, issues: [{ code: 'json_invalid', path: [] }] });
    expect(parseSurveyDefinitionText('[1, 2, 3]')).toEqual({ ok: false, issues: [{ code: 'definition_invalid', path: [], params: { expected: 'object' } }] });
    expect(parseSurveyDefinitionText(JSON.stringify(valid()))).toMatchObject({ ok: true });
  });

  it('gives zod’s own problems a code of ours', () => {
    const invalid = z.literal('a').safeParse('b');
    expect(invalid.success ? [] : issuesFromZod(invalid.error)).toEqual([{ code: 'value_invalid', path: [] }]);
    const badKey = answersSchema.safeParse({ 'Not An Id': true });
    expect(badKey.success ? [] : issuesFromZod(badKey.error)).toMatchObject([{ code: 'key_invalid' }]);
  });

  it('lets attribute references through unchecked when no catalog is given', () => {
    const definition = valid();
    q(definition, 1, 0).visibleIf = { attribute: 'shoe_size', op: 'gt', value: 40 };
    expect(parseSurveyDefinition(definition)).toMatchObject({ ok: true });
    q(definition, 1, 0).visibleIf = { attribute: 'region', op: 'equals', value: 'west' };
    expect(parseSurveyDefinition(definition, { attributes })).toMatchObject({ ok: false, issues: [{ code: 'option_unknown' }] });
  });

  it('allows references to earlier questions on the same page, and page rules to see their own page', () => {
    const definition = valid();
    q(definition, 0, 1).visibleIf = { question: 'product', op: 'equals', value: '_other' };
    definition.pages[0].skip = [{ if: { question: 'score', op: 'lte', value: 2 }, to: { ending: 'thanks' } }];
    definition.pages[1].visibleIf = { question: 'score', op: 'gt', value: 2 };
    expect(parseSurveyDefinition(definition, { attributes })).toMatchObject({ ok: true });
    definition.pages[0].visibleIf = { question: 'score', op: 'gt', value: 2 };
    expect(parseSurveyDefinition(definition, { attributes })).toMatchObject({ ok: false, issues: [{ code: 'question_not_earlier', params: { place: 'page' } }] });
  });

  it('checks piped references like conditions', () => {
    const definition = valid();
    q(definition, 1, 0).text = { en: 'Why {{answer:score}}?', de: 'Warum {{answer:when}}?' };
    const result = parseSurveyDefinition(definition, { attributes });
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'question_not_earlier', path: [...at(1, 0), 'text'], params: { question: 'when' } }] });
    q(definition, 1, 0).text = { en: 'Hello {{attribute:nickname}}', de: 'Hallo {{attribute:nickname}}' };
    // Named in both languages, reported once.
    expect(parseSurveyDefinition(definition, { attributes })).toEqual({ ok: false, issues: [{ code: 'attribute_missing', path: [...at(1, 0), 'text'], params: { attribute: 'nickname' } }] });
  });

  it('treats a page that may be hidden as a way through, whatever its rules', () => {
    const definition = valid();
    definition.pages[0].skip = [{ to: { page: 'p3' } }];
    definition.pages[0].visibleIf = { attribute: 'region', op: 'equals', value: 'north' };
    expect(parseSurveyDefinition(definition, { attributes })).toMatchObject({ ok: true });
  });

  it('throws SURVEY_DEFINITION_INVALID with the issues', () => {
    const definition = valid();
    definition.schemaVersion = 7;
    try {
      assertSurveyDefinition(definition);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('SURVEY_DEFINITION_INVALID');
      expect(isDomainError(error) && error.details?.issues).toEqual([{ code: 'schema_version_unsupported', path: ['schemaVersion'] }]);
    }
  });
});
