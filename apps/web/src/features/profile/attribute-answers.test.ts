import { describe, expect, it } from 'vitest';
import type { ProfileAttribute } from '@quorum/domain/communities/profile-attribute';
import { collectAnswers, rawFromValue, valueFromRaw } from './attribute-answers';

const label = { de: 'x', en: 'x' };
const attribute = (
  id: string,
  type: ProfileAttribute['type'],
  required = false,
): Pick<ProfileAttribute, 'id' | 'key' | 'type' | 'options' | 'required'> => ({
  id,
  key: id,
  type,
  required,
  options:
    type === 'single_choice' || type === 'multiple_choice'
      ? [
          { value: 'north', label },
          { value: 'south', label },
        ]
      : [],
});

describe('profile answers from form controls', () => {
  it('turns each type into the stored value', () => {
    expect(valueFromRaw(attribute('n', 'number'), ' 3,5 ')).toEqual({ value: 3.5 });
    expect(valueFromRaw(attribute('d', 'date'), '2024-02-29')).toEqual({ value: '2024-02-29' });
    expect(valueFromRaw(attribute('s', 'single_choice'), 'south')).toEqual({ value: 'south' });
    expect(valueFromRaw(attribute('m', 'multiple_choice'), ['north', 'north'])).toEqual({
      value: ['north'],
    });
    expect(valueFromRaw(attribute('t', 'text'), '  Berlin ')).toEqual({ value: 'Berlin' });
  });

  it('names the domain reason for a wrong value', () => {
    expect(valueFromRaw(attribute('n', 'number'), 'many')).toEqual({ problem: 'not_a_number' });
    expect(valueFromRaw(attribute('d', 'date'), '2023-02-29')).toEqual({ problem: 'not_a_date' });
    expect(valueFromRaw(attribute('s', 'single_choice'), 'west')).toEqual({
      problem: 'not_an_option',
    });
    expect(valueFromRaw(attribute('t', 'text'), 'x'.repeat(501))).toEqual({ problem: 'too_long' });
  });

  it('clears an empty optional answer and refuses an empty required one', () => {
    const { answers, problems } = collectAnswers(
      [attribute('a', 'text'), attribute('b', 'multiple_choice', true), attribute('c', 'number')],
      { a: '   ', b: [] },
    );
    expect(answers).toEqual({ a: null, c: null });
    expect(problems).toEqual({ b: 'required' });
  });

  it('shows stored values in the controls', () => {
    expect(rawFromValue(attribute('n', 'number'), 42)).toBe('42');
    expect(rawFromValue(attribute('m', 'multiple_choice'), undefined)).toEqual([]);
  });
});
