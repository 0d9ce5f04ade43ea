import { describe, expect, it } from 'vitest';
import { defaultInstanceSettings, openSetupSteps } from './instance-settings.js';

describe('openSetupSteps', () => {
  it('lists every step of a fresh install without SMTP, in the order the checklist shows them', () => {
    expect(openSetupSteps(defaultInstanceSettings, 'log')).toEqual(['imprint', 'privacyContact', 'mail', 'legalTexts']);
  });

  it('is empty once Impressum, privacy contact, mail and the texts are done', () => {
    const done = {
      ...defaultInstanceSettings,
      imprintUrl: 'https://example.org/impressum',
      privacyContact: 'mailto:privacy@example.org',
      legalTextsReviewed: true,
    };
    expect(openSetupSteps(done, 'smtp')).toEqual([]);
    expect(openSetupSteps({ ...done, privacyContact: null }, 'smtp')).toEqual(['privacyContact']);
  });
});
