import { describe, expect, it } from 'vitest';
import { assertSurveyDefinition } from './survey-check.js';
import type { SurveyDefinition } from './survey-definition.js';
import { isStructuralChange, structuralChanges } from './survey-version.js';

const base = assertSurveyDefinition({
  schemaVersion: 1,
  title: { en: 'Survey' },
  pages: [
    {
      id: 'p1',
      questions: [
        { id: 'q1', type: 'single_choice', text: { en: 'Which?' }, help: { en: 'Pick one' }, options: [{ value: 'a', label: { en: 'A' } }, { value: 'b', label: { en: 'B' } }] },
        { id: 'q2', type: 'matrix', text: { en: 'Rate' }, rows: [{ value: 'r', label: { en: 'R' } }], columns: [{ value: 'bad', label: { en: 'Bad' } }, { value: 'good', label: { en: 'Good' } }] },
      ],
    },
  ],
  endings: [{ id: 'e', title: { en: 'Thanks' } }],
});
const edit = (change: (d: SurveyDefinition) => void) => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe('structural changes', () => {
  it('lets wording and presentation settings change in place', () => {
    const reworded = edit((d) => {
      d.title = { en: 'Our survey', de: 'Unsere Umfrage' };
      d.pages[0]!.questions[0]!.text = { en: 'Which one?' };
      d.pages[0]!.questions[0]!.help = undefined;
      (d.pages[0]!.questions[0]! as { options: { label: object }[] }).options[0]!.label = { en: 'Option A' };
      d.endings[0]!.text = { en: 'See you' };
      d.settings = { allowBack: false, showProgress: false };
    });
    expect(structuralChanges(base, reworded)).toEqual([]);
  });

  it.each([
    ['a new question', (d: SurveyDefinition) => d.pages[0]!.questions.push({ id: 'q3', type: 'yes_no', text: { en: 'Y?' }, required: false }), ['pages', 0, 'questions']],
    ['a required flag', (d: SurveyDefinition) => (d.pages[0]!.questions[0]!.required = true), ['pages', 0, 'questions', 0, 'required']],
    ['an option value', (d: SurveyDefinition) => ((d.pages[0]!.questions[0]! as { options: { value: string }[] }).options[1]!.value = 'c'), ['pages', 0, 'questions', 0, 'options', 1, 'value']],
    ['the order of a scale', (d: SurveyDefinition) => (d.pages[0]!.questions[1]! as { columns: unknown[] }).columns.reverse(), ['pages', 0, 'questions', 1, 'columns', 0, 'value']],
    ['a display condition', (d: SurveyDefinition) => (d.pages[0]!.questions[1]!.visibleIf = { question: 'q1', op: 'answered' }), ['pages', 0, 'questions', 1, 'visibleIf']],
  ])('sees %s', (_name, change, path) => {
    const changed = edit(change);
    expect(isStructuralChange(base, changed)).toBe(true);
    expect(structuralChanges(base, changed)[0]).toEqual({ code: 'structure_changed', path });
  });
});
