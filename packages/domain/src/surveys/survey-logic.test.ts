import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers } from './survey-answer.js';
import { OTHER, type Condition } from './survey-definition-helpers.js';
import { surveyDefinitionSchema } from './survey-definition.js';
import { assertSurveyDefinition } from './survey-check.js';
import { displayOrder, evaluateCondition, questionsById, renderText, shuffledOptions, surveyPath, type Attributes } from './survey-logic.js';

const t = (en: string, de = `${en} (de)`) => ({ en, de });
const opt = (value: string, extra: object = {}) => ({ value, label: t(value.toUpperCase(), `${value.toUpperCase()}-de`), ...extra });

const definition = surveyDefinitionSchema.parse({
  schemaVersion: 1,
  title: t('Survey'),
  pages: [
    {
      id: 'p1',
      questions: [
        { id: 'product', type: 'single_choice', text: t('Which?'), options: [opt('phone'), opt('tablet')], other: true },
        { id: 'features', type: 'multiple_choice', text: t('Features?'), options: [opt('camera'), opt('battery'), opt('none', { exclusive: true })], randomize: true },
        { id: 'happy', type: 'yes_no', text: t('Happy?') },
        { id: 'score', type: 'rating', text: t('Score'), min: 1, max: 5 },
        { id: 'name', type: 'short_text', text: t('Nickname') },
        { id: 'bought', type: 'date', text: t('Bought on') },
        { id: 'grid', type: 'matrix', text: t('Rate'), rows: [opt('speed'), opt('price')], columns: [opt('bad'), opt('good')] },
        { id: 'order', type: 'ranking', text: t('Rank'), options: [opt('x'), opt('y')] },
      ],
    },
    {
      id: 'p2',
      title: t('About your {{answer:product}}, {{attribute:region}}', 'Zu deinem {{answer:product}}'),
      questions: [{ id: 'why', type: 'long_text', text: t('Why {{answer:score}} for {{answer:features}}? {{answer:happy}} {{answer:grid}} {{answer:nothing}}') }],
    },
  ],
});
const questions = questionsById(definition);
const answers: Answers = {
  product: { choice: OTHER, other: 'Watch' },
  features: { choices: ['camera', 'battery'] },
  happy: true,
  score: 4,
  name: 'Kim',
  bought: '2024-03-01',
  grid: { speed: 'good' },
  order: ['y', 'x'],
};
const attributes: Attributes = { region: 'north', products: ['phone'], visits: 3, since: '2021-05-01' };
const holds = (condition: Condition, given: Answers = answers) => evaluateCondition(condition, { answers: given, attributes }, questions);

describe('evaluateCondition', () => {
  it.each([
    [{ question: 'product', op: 'equals', value: OTHER }, true],
    [{ question: 'product', op: 'notEquals', value: 'phone' }, true],
    [{ question: 'features', op: 'contains', value: 'camera' }, true],
    [{ question: 'features', op: 'notContains', value: 'none' }, true],
    [{ question: 'happy', op: 'equals', value: false }, false],
    [{ question: 'score', op: 'gt', value: 4 }, false],
    [{ question: 'score', op: 'gte', value: 4 }, true],
    [{ question: 'score', op: 'lt', value: 5 }, true],
    [{ question: 'score', op: 'lte', value: 3 }, false],
    [{ question: 'name', op: 'equals', value: ' KIM ' }, true],
    [{ question: 'name', op: 'contains', value: 'i' }, true],
    [{ question: 'name', op: 'notContains', value: 'z' }, true],
    [{ question: 'bought', op: 'lt', value: '2024-12-31' }, true],
    [{ question: 'bought', op: 'gt', value: '2024-12-31' }, false],
    [{ question: 'grid', row: 'speed', op: 'equals', value: 'good' }, true],
    [{ question: 'grid', row: 'price', op: 'notEquals', value: 'good' }, false],
    [{ question: 'grid', op: 'answered' }, true],
    [{ question: 'grid', row: 'price', op: 'unanswered' }, true],
    [{ question: 'order', op: 'answered' }, true],
    [{ question: 'why', op: 'unanswered' }, true],
    [{ question: 'why', op: 'notEquals', value: 'x' }, false],
    [{ attribute: 'region', op: 'equals', value: 'north' }, true],
    [{ attribute: 'products', op: 'contains', value: 'tablet' }, false],
    [{ attribute: 'visits', op: 'lte', value: 3 }, true],
    [{ attribute: 'since', op: 'gte', value: '2022-01-01' }, false],
    [{ attribute: 'shoe', op: 'unanswered' }, true],
    [{ all: [{ question: 'happy', op: 'equals', value: true }, { attribute: 'region', op: 'equals', value: 'north' }] }, true],
    [{ any: [{ question: 'happy', op: 'equals', value: false }, { question: 'score', op: 'equals', value: 1 }] }, false],
    [{ not: { question: 'why', op: 'equals', value: 'x' } }, true],
    [{ all: [] }, true],
    [{ any: [] }, false],
  ] as [Condition, boolean][])('%j → %s', (condition, expected) => {
    expect(holds(condition)).toBe(expected);
  });

  it('never compares across types: a number against text, text against a number', () => {
    expect(holds({ question: 'score', op: 'gt', value: '3' })).toBe(false);
    expect(holds({ question: 'name', op: 'lt', value: 5 })).toBe(false);
  });
});

describe('surveyPath', () => {
  const branching = assertSurveyDefinition({
    schemaVersion: 1,
    title: t('S'),
    pages: [
      { id: 'a', questions: [{ id: 'go', type: 'yes_no', text: t('Go?') }], skip: [{ if: { question: 'go', op: 'equals', value: false }, to: { ending: 'early' } }] },
      { id: 'b', visibleIf: { attribute: 'region', op: 'equals', value: 'south' }, questions: [{ id: 'south', type: 'yes_no', text: t('South?') }] },
      { id: 'c', questions: [{ id: 'hidden', type: 'yes_no', text: t('Only if go'), visibleIf: { question: 'go', op: 'unanswered' } }] },
      { id: 'd', questions: [{ id: 'last', type: 'nps', text: t('NPS') }] },
    ],
    endings: [
      { id: 'promoter', title: t('Yay'), showIf: { question: 'last', op: 'gte', value: 9 } },
      { id: 'default', title: t('Thanks') },
      // Reached only by the jump: placed after the unconditional one.
      { id: 'early', title: t('Bye') },
    ],
  });
  const walk = (given: Answers, region = 'north') => {
    const path = surveyPath(branching, { answers: given, attributes: { region } });
    return { pages: path.pages.map((page) => page.id), ending: path.ending?.id ?? null };
  };
  it('follows skip rules to an end screen', () => expect(walk({ go: false, last: 10 })).toEqual({ pages: ['a'], ending: 'early' }));
  it('leaves out hidden pages and pages whose every question is hidden', () => expect(walk({ go: true })).toEqual({ pages: ['a', 'd'], ending: 'default' }));
  it('shows pages by profile attribute', () => expect(walk({ go: true }, 'south').pages).toEqual(['a', 'b', 'd']));
  it('chooses the first end screen whose condition holds', () => expect(walk({ go: true, last: 9 }).ending).toBe('promoter'));
});

describe('piping', () => {
  const context = { answers, attributes, locale: 'en' as const, fallback: 'de' as const };
  it('puts earlier answers and attributes into texts, as words', () => {
    expect(renderText(definition.pages[1]!.title, context, questions)).toBe('About your Watch, north');
    expect(renderText(definition.pages[1]!.questions[0]!.text, context, questions)).toBe('Why 4 for CAMERA, BATTERY? Yes SPEED: GOOD ');
  });
  it('uses the respondent’s language, then the community’s', () => {
    expect(renderText(definition.pages[1]!.title, { ...context, locale: 'de' }, questions)).toBe('Zu deinem Watch');
    expect(renderText({ de: 'Nur deutsch' }, context, questions)).toBe('Nur deutsch');
  });
  it('formats numbers for the locale', () => {
    const withDecimals = { ...answers, score: 4.5 };
    expect(renderText({ en: '{{answer:score}}' }, { ...context, answers: withDecimals }, questions)).toBe('4.5');
    expect(renderText({ de: '{{answer:score}}' }, { ...context, answers: withDecimals, locale: 'de' }, questions)).toBe('4,5');
  });
});

describe('randomized order', () => {
  const features = definition.pages[0]!.questions[1]!;
  it('is the same for the same respondent and differs between respondents', () => {
    expect(displayOrder(features, 'resp-1')).toEqual(displayOrder(features, 'resp-1'));
    const orders = new Set(Array.from({ length: 20 }, (_, i) => displayOrder(features, `resp-${i}`).map((option) => option.value).join()));
    expect(orders.size).toBe(2);
  });
  it('keeps exclusive options last and loses or adds nothing (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 30 }), fc.string(), fc.string(), (values, key, id) => {
        const items = values.map((value, at) => ({ value, exclusive: at % 7 === 6 }));
        const shuffled = shuffledOptions(items, key, id);
        expect([...shuffled].sort((a, b) => a.value.localeCompare(b.value))).toEqual([...items].sort((a, b) => a.value.localeCompare(b.value)));
        expect(shuffled.slice(shuffled.length - items.filter((item) => item.exclusive).length).every((item) => item.exclusive)).toBe(true);
        expect(shuffledOptions(items, key, id)).toEqual(shuffled);
      }),
    );
  });
  it('leaves order alone unless asked', () => {
    expect(displayOrder(definition.pages[0]!.questions[0]!, 'anyone').map((option) => option.value)).toEqual(['phone', 'tablet']);
  });
});
