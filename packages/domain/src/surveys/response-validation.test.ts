import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/domain-error.js';
import { assertResponse, checkResponse } from './response-validation.js';
import { surveyDefinitionSchema, type SurveyDefinitionInput } from './survey-definition.js';
import { responseIssueCodes } from './survey-issues.js';

const t = (en: string) => ({ en, de: `${en} (de)` });
const opt = (value: string) => ({ value, label: t(value) });

/** Owners of a product get asked about it; everybody else skips to the general page. */
const definition = surveyDefinitionSchema.parse({
  schemaVersion: 1,
  title: t('Product survey'),
  pages: [
    {
      id: 'start',
      questions: [
        { id: 'owns', type: 'yes_no', text: t('Do you own one?'), required: true },
        { id: 'since', type: 'date', text: t('Since when?'), visibleIf: { question: 'owns', op: 'equals', value: true } },
      ],
      skip: [{ if: { question: 'owns', op: 'equals', value: false }, to: { page: 'general' } }],
    },
    {
      id: 'product',
      questions: [
        { id: 'grid', type: 'matrix', text: t('Rate it'), required: true, rows: [opt('speed'), opt('price')], columns: [opt('bad'), opt('good')] },
        { id: 'score', type: 'nps', text: t('Recommend?'), required: true },
      ],
    },
    { id: 'general', questions: [{ id: 'comment', type: 'long_text', text: t('Anything else?') }] },
  ],
  endings: [
    { id: 'fans', title: t('Thanks, fan'), showIf: { question: 'score', op: 'gte', value: 9 } },
    { id: 'thanks', title: t('Thanks') },
  ],
} satisfies SurveyDefinitionInput);

const check = (answers: unknown, complete = true) => checkResponse({ definition, answers, attributes: {}, complete });

describe('checkResponse', () => {
  it('accepts a complete response and names the ending it leads to', () => {
    const result = check({ owns: true, grid: { speed: 'good', price: 'bad' }, score: 10, comment: '  fine  ' });
    expect(result).toEqual({ ok: true, answers: { owns: true, grid: { speed: 'good', price: 'bad' }, score: 10, comment: 'fine' }, dropped: [], ending: definition.endings[0] });
  });

  it('drops answers a changed earlier answer hides, instead of refusing them', () => {
    // The member first said yes and rated the product, then went back and said no.
    const result = check({ owns: false, since: '2020-01-01', grid: { speed: 'good' }, score: 99 });
    expect(result).toEqual({ ok: true, answers: { owns: false }, dropped: ['since', 'grid', 'score'], ending: definition.endings[1] });
  });

  it('refuses an unknown question id', () => {
    expect(check({ owns: false, colour: 'red' })).toEqual({ ok: false, issues: [{ code: 'question_unknown', path: ['answers', 'colour'], params: { question: 'colour' } }] });
  });

  it('refuses a value out of range or of the wrong type, naming the question', () => {
    expect(check({ owns: true, grid: { speed: 'good', price: 'good' }, score: 11 })).toEqual({
      ok: false,
      issues: [{ code: 'value_too_large', path: ['answers', 'score'], params: { question: 'score', max: 10 } }],
    });
    expect(check({ owns: 'yes' }, false)).toMatchObject({ ok: false, issues: [{ code: 'answer_type_invalid', params: { question: 'owns' } }] });
  });

  it('refuses a 1 MB text with a clear code', () => {
    expect(check({ owns: false, comment: 'x'.repeat(1024 * 1024) })).toEqual({
      ok: false,
      issues: [{ code: 'answer_too_long', path: ['answers', 'comment'], params: { question: 'comment', max: 10_000 } }],
    });
  });

  it('refuses a finished response without a shown required answer, or with a required matrix half done', () => {
    expect(check({ owns: true, grid: { speed: 'good' } })).toEqual({
      ok: false,
      issues: [
        { code: 'matrix_incomplete', path: ['answers', 'grid'], params: { question: 'grid', rows: 'price' } },
        { code: 'answer_required', path: ['answers', 'score'], params: { question: 'score' } },
      ],
    });
    // Without an answer to the first question the path runs through the product page.
    const empty = check({});
    expect(empty.ok ? [] : empty.issues.map((issue) => [issue.code, issue.params?.question])).toEqual([
      ['answer_required', 'owns'],
      ['answer_required', 'grid'],
      ['answer_required', 'score'],
    ]);
  });

  it('lets a draft lack required answers but not carry wrong ones', () => {
    expect(check({ owns: true }, false)).toMatchObject({ ok: true, answers: { owns: true } });
    expect(check({ owns: true, score: -1 }, false)).toMatchObject({ ok: false, issues: [{ code: 'value_too_small' }] });
  });

  it('refuses answers that are not an object', () => {
    expect(check([1, 2])).toEqual({ ok: false, issues: [{ code: 'answers_invalid', path: ['answers'] }] });
  });

  it('covers every response code (answers_too_many is the transport schema’s)', () => {
    expect(responseIssueCodes).toEqual(['answers_invalid', 'answers_too_many', 'question_unknown', 'answer_required', 'matrix_incomplete']);
  });

  it('throws SURVEY_ANSWER_INVALID with the issues', () => {
    try {
      assertResponse({ definition, answers: { owns: 3 }, attributes: {}, complete: true });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('SURVEY_ANSWER_INVALID');
      expect(isDomainError(error) && (error.details?.issues as { code: string }[]).map((issue) => issue.code)).toEqual(['answer_type_invalid', 'answer_required', 'answer_required']);
    }
  });
});
