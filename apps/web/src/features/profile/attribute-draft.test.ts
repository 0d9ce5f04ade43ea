import { describe, expect, it } from 'vitest';
import { checkDraft, draftOf, identifierFrom, newDraft } from './attribute-draft';

const communityId = '01900000-0000-7000-8000-000000000001';
const english = { language: 'en' as const, existingKeys: [] };
const german = { language: 'de' as const, existingKeys: ['region'] };

describe('checkDraft', () => {
  it('passes a complete choice attribute to the server input', () => {
    const draft = {
      ...newDraft(),
      key: 'region',
      label: { de: 'Region', en: 'Region' },
      options: [
        { value: 'north', label: { de: 'Nord', en: 'North' } },
        { value: 'south', label: { de: 'Süd', en: 'South' } },
      ],
    };
    expect(checkDraft(communityId, draft, english)).toEqual({
      input: { communityId, ...draft },
      problems: {},
    });
  });

  it('keys problems by path with the domain validation keys', () => {
    const { input, problems } = checkDraft(
      communityId,
      { ...newDraft(), key: 'Bad Key', label: { de: 'Region', en: '' } },
      german,
    );
    expect(input).toBeNull();
    expect(problems).toEqual({
      key: 'attribute_key_invalid',
      // The empty options' texts are missing in the community's language only.
      'options.0.label.de': 'label_required',
      'options.1.label.de': 'label_required',
    });
  });

  it('drops options when the type is not a choice', () => {
    const { input } = checkDraft(
      communityId,
      {
        ...newDraft(),
        key: 'customer_since',
        type: 'date',
        label: { de: 'Kunde seit', en: 'Customer since' },
      },
      english,
    );
    expect(input?.options).toEqual([]);
  });
});

describe('a German-only community', () => {
  it('needs only German texts: key, option values and the English texts are derived', () => {
    const { input, problems } = checkDraft(
      communityId,
      {
        ...newDraft(),
        label: { de: 'Region', en: '' },
        options: [
          { value: '', label: { de: 'Süddeutschland', en: '' } },
          { value: '', label: { de: 'Nord & Ost', en: 'North and east' } },
        ],
      },
      german,
    );
    expect(problems).toEqual({});
    expect(input).toMatchObject({
      // "region" is taken in this community.
      key: 'region_2',
      label: { de: 'Region', en: 'Region' },
      options: [
        { value: 'sueddeutschland', label: { de: 'Süddeutschland', en: 'Süddeutschland' } },
        { value: 'nord_ost', label: { de: 'Nord & Ost', en: 'North and east' } },
      ],
    });
  });

  it('asks for the German question only, not the English one', () => {
    const { problems } = checkDraft(
      communityId,
      { ...newDraft(), type: 'text', label: { de: '', en: '' } },
      german,
    );
    expect(problems).toEqual({ 'label.de': 'label_required' });
  });

  it('keeps what the owner set under "advanced", and shows derived English texts as empty', () => {
    const { input } = checkDraft(
      communityId,
      { ...newDraft(), key: 'plz', type: 'text', label: { de: 'Postleitzahl', en: '' } },
      german,
    );
    expect(input?.key).toBe('plz');
    const attribute = {
      id: communityId,
      communityId,
      key: 'plz',
      type: 'text' as const,
      label: { de: 'Postleitzahl', en: 'Postleitzahl' },
      options: [],
      required: false,
      position: 0,
      createdAt: new Date('2026-03-02T09:00:00Z'),
    };
    expect(draftOf(attribute, 'de').label).toEqual({ de: 'Postleitzahl', en: '' });
  });
});

describe('identifierFrom', () => {
  it('writes German letters out, joins words with underscores and starts with a letter', () => {
    expect(identifierFrom('Größe des Haushalts', [], 'field')).toBe('groesse_des_haushalts');
    expect(identifierFrom('Kunde seit', [], 'field')).toBe('kunde_seit');
    expect(identifierFrom('2. Wohnsitz', [], 'field')).toBe('field_2_wohnsitz');
    expect(identifierFrom('年齢', [], 'field')).toBe('field');
    expect(identifierFrom('年齢', ['field', 'field_2'], 'field')).toBe('field_3');
    expect(identifierFrom('x'.repeat(80), [], 'field')).toHaveLength(40);
  });
});
