import { describe, expect, it } from 'vitest';
import { attributeDefinitionInputSchema, missingRequired, parseAttributeValue, type ProfileAttribute } from './profile-attribute.js';

const label = { de: 'Region', en: 'Region' };
const attribute = (type: ProfileAttribute['type'], options: string[] = []) => ({
  key: 'region',
  type,
  options: options.map((value) => ({ value, label })),
});

describe('attribute values', () => {
  it('accepts only offered choices', () => {
    expect(parseAttributeValue(attribute('single_choice', ['nord', 'sued']), 'nord')).toBe('nord');
    expect(() => parseAttributeValue(attribute('single_choice', ['nord']), 'west')).toThrowError(
      expect.objectContaining({ code: 'ATTRIBUTE_VALUE_INVALID', details: { attribute: 'region', reason: 'not_an_option' } }),
    );
    expect(parseAttributeValue(attribute('multiple_choice', ['a', 'b']), ['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(() => parseAttributeValue(attribute('multiple_choice', ['a']), 'a')).toThrow();
  });
  it('refuses a value of the wrong type', () => {
    expect(() => parseAttributeValue(attribute('number'), '42')).toThrowError(expect.objectContaining({ code: 'ATTRIBUTE_VALUE_INVALID' }));
    expect(() => parseAttributeValue(attribute('number'), Number.NaN)).toThrow();
    expect(parseAttributeValue(attribute('number'), 42.5)).toBe(42.5);
    expect(() => parseAttributeValue(attribute('text'), 7)).toThrow();
  });
  it('accepts only real calendar dates', () => {
    expect(parseAttributeValue(attribute('date'), '2024-02-29')).toBe('2024-02-29');
    expect(() => parseAttributeValue(attribute('date'), '2023-02-29')).toThrow();
    expect(() => parseAttributeValue(attribute('date'), '29.02.2024')).toThrow();
  });
  it('trims text and refuses empty or over-long answers', () => {
    expect(parseAttributeValue(attribute('text'), '  Hamburg ')).toBe('Hamburg');
    expect(() => parseAttributeValue(attribute('text'), '   ')).toThrow();
    expect(() => parseAttributeValue(attribute('text'), 'x'.repeat(501))).toThrow();
  });
});

describe('attribute definitions', () => {
  const communityId = '0190f5f0-0000-7000-8000-000000000002';
  it('need at least two options for choices, none otherwise, no duplicates', () => {
    const base = { communityId, key: 'region', label };
    const messages = (input: object) => attributeDefinitionInputSchema.safeParse(input).error?.issues.map((issue) => issue.message);
    expect(messages({ ...base, type: 'single_choice', options: [{ value: 'a', label }] })).toEqual(['options_required']);
    expect(messages({ ...base, type: 'number', options: [{ value: 'a', label }] })).toEqual(['options_not_allowed']);
    expect(messages({ ...base, type: 'single_choice', options: [{ value: 'a', label }, { value: 'a', label }] })).toEqual(['options_duplicate']);
    expect(attributeDefinitionInputSchema.parse({ ...base, type: 'text' }).required).toBe(false);
  });
  it('lists which required attributes are still unanswered', () => {
    const make = (id: string, required: boolean): ProfileAttribute => ({
      id, communityId, key: id, type: 'text', label, options: [], required, position: 0, createdAt: new Date(0),
    });
    const attributes = [make('a', true), make('b', false), make('c', true)];
    expect(missingRequired(attributes, new Set(['a'])).map((a) => a.id)).toEqual(['c']);
  });
});
