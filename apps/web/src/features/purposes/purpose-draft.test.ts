import { describe, expect, it } from 'vitest';
import { checkPurposeDraft, newPurposeDraft, type PurposeDraft } from './purpose-draft';

const communityId = '01900000-0000-7000-8000-000000000001';

const complete = (): PurposeDraft => ({
  ...newPurposeDraft(),
  id: ' beta_tests ',
  texts: {
    de: { title: 'Beta-Tests', description: 'Wir laden dich zu Tests neuer Räder ein.' },
    en: { title: 'Beta tests', description: 'We invite you to test new bikes.' },
  },
  consentTexts: {
    de: '# Beta-Tests\n\nWir schicken dir Einladungen.',
    en: '# Beta tests\n\nWe send you invitations.',
  },
  dataCategories: ['contact'],
  retentionDays: '180',
  recipients: { de: 'Das Produktteam\n\n  Der Versanddienst ', en: 'The product team' },
});

describe('checkPurposeDraft', () => {
  it('turns a complete draft into the server input: one recipient per line, days as a number', () => {
    const { input, problems } = checkPurposeDraft(communityId, complete());
    expect(problems).toEqual({});
    expect(input).toMatchObject({
      communityId,
      id: 'beta_tests',
      retentionDays: 180,
      recipients: { de: ['Das Produktteam', 'Der Versanddienst'], en: ['The product team'] },
    });
  });

  it('keys problems by path with the domain validation keys', () => {
    const { input, problems } = checkPurposeDraft(communityId, {
      ...complete(),
      id: 'Beta',
      retentionDays: 'soon',
      dataCategories: [],
      texts: { ...complete().texts, de: { title: 'B', description: 'Kurz' } },
      consentTexts: { ...complete().consentTexts, en: 'short' },
      recipients: { de: 'X', en: '' },
    });
    expect(input).toBeNull();
    expect(problems).toEqual({
      id: 'purpose_invalid',
      retentionDays: 'retention_invalid',
      dataCategories: 'categories_required',
      'texts.de.title': 'title_too_short',
      'texts.de.description': 'description_too_short',
      'consentTexts.en': 'policy_text_too_short',
      'recipients.de.0': 'recipient_invalid',
    });
  });
});
