import { describe, expect, it } from 'vitest';
import { checkDraft, newDraft } from './attribute-draft';

const communityId = '01900000-0000-7000-8000-000000000001';

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
    expect(checkDraft(communityId, draft)).toEqual({
      input: { communityId, ...draft },
      problems: {},
    });
  });

  it('keys problems by path with the domain validation keys', () => {
    const { input, problems } = checkDraft(communityId, {
      ...newDraft(),
      key: 'Bad Key',
      label: { de: '', en: 'Region' },
    });
    expect(input).toBeNull();
    expect(problems).toMatchObject({
      key: 'attribute_key_invalid',
      'label.de': 'label_required',
      'options.0.value': 'option_value_invalid',
    });
  });

  it('drops options when the type is not a choice', () => {
    const { input } = checkDraft(communityId, {
      ...newDraft(),
      key: 'customer_since',
      type: 'date',
      label: { de: 'Kunde seit', en: 'Customer since' },
    });
    expect(input?.options).toEqual([]);
  });
});
