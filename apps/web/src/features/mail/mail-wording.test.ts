// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n/i18n';
import i18n from 'i18next';
import catalogDe from '../../i18n/catalog-de';
import catalogEn from '../../i18n/catalog-en';
import { mailKey, mailWording } from './mail-wording';

// The app loads one language; this test reads both.
await initI18n();
i18n.addResourceBundle('de', 'translation', catalogDe, true, false);
i18n.addResourceBundle('en', 'translation', catalogEn, true, false);

describe('mail wording', () => {
  it('says "sent" only when mail leaves the machine (or before the server answered)', () => {
    expect(mailWording('smtp', false)).toBe('sent');
    expect(mailWording('smtp', true)).toBe('sent');
    expect(mailWording(undefined, false)).toBe('sent');
    expect(mailWording('log', false)).toBe('notSent');
    expect(mailWording('log', true)).toBe('notSentAdmin');
  });

  it('has all three texts for every message about a mail, none claiming a sent mail without SMTP', () => {
    for (const key of [
      'banner.text',
      'banner.sent',
      'forgot.sent',
      'forgot.sentTitle',
      'account.emailChangeSent',
    ])
      for (const language of ['de', 'en'])
        for (const wording of ['sent', 'notSent', 'notSentAdmin'] as const) {
          const text = i18n.getFixedT(language)(mailKey(key, wording), { email: 'a@example.org' });
          expect(text, `${language} ${mailKey(key, wording)}`).not.toBe(mailKey(key, wording));
          if (wording !== 'sent')
            expect(text).not.toMatch(
              /we sent|wir haben .* geschickt|gesendet|check your inbox|postfach/i,
            );
          if (wording === 'notSentAdmin') expect(text).toMatch(/SMTP/);
        }
  });
});
