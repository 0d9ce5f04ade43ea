import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountBasicsSchema,
  changePasswordInputSchema,
  emailSchema,
  isCommonPassword,
  normalizeEmail,
  passwordSchema,
  signInInputSchema,
  signUpInputSchema,
  tokenSchema,
} from './account.js';

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe('email', () => {
  it('normalizes case and surrounding space, so one address is one account', () => {
    expect(emailSchema.parse('  Ada.Lovelace@Example.ORG ')).toBe('ada.lovelace@example.org');
    expect(normalizeEmail('A@B.DE')).toBe('a@b.de');
  });
  it('refuses what is not an address, with a key the UI translates', () => {
    expect(firstMessage(emailSchema.safeParse('not-an-email'))).toBe('email_invalid');
    expect(firstMessage(emailSchema.safeParse(42))).toBe('email_invalid');
  });
  it('refuses addresses longer than 254 characters', () => {
    const long = `${'a'.repeat(250)}@example.org`;
    expect(firstMessage(emailSchema.safeParse(long))).toBe('email_too_long');
  });
});

describe('password policy', () => {
  it('needs 8 to 128 characters', () => {
    expect(firstMessage(passwordSchema.safeParse('kurz7ab'))).toBe('password_too_short');
    expect(passwordSchema.safeParse('lang-genug-1').success).toBe(true);
    expect(firstMessage(passwordSchema.safeParse('x'.repeat(129)))).toBe('password_too_long');
    expect(passwordSchema.safeParse('x1'.repeat(64)).success).toBe(true);
  });
  it('counts characters as people see them, not UTF-16 units', () => {
    // Seven emoji are 14 UTF-16 units but only 7 characters.
    expect(firstMessage(passwordSchema.safeParse('😀'.repeat(7)))).toBe('password_too_short');
    expect(passwordSchema.safeParse('😀'.repeat(8)).success).toBe(true);
  });
  it('refuses common passwords in any letter case', () => {
    expect(isCommonPassword('PassWort123')).toBe(true);
    expect(firstMessage(passwordSchema.safeParse('Password1'))).toBe('password_too_common');
    expect(isCommonPassword('correct horse battery staple')).toBe(false);
  });
  it('accepts any long enough, uncommon password (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 128, unit: 'grapheme-ascii' }), (candidate) => {
        fc.pre(!isCommonPassword(candidate));
        expect(passwordSchema.safeParse(candidate).success).toBe(true);
      }),
    );
  });
  it('sign-in does not apply the policy (it may have changed since)', () => {
    expect(signInInputSchema.safeParse({ email: 'a@b.de', password: 'short' }).success).toBe(true);
    expect(signInInputSchema.safeParse({ email: 'a@b.de', password: '' }).success).toBe(false);
  });
  it('a password change applies the policy to the new password only', () => {
    const result = changePasswordInputSchema.safeParse({ currentPassword: 'old', newPassword: '12345678' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['newPassword']);
  });
});

describe('sign-up input', () => {
  const basics = { email: 'x@y.de', password: 'a-good-one!', displayName: 'Ada', locale: 'de' };
  const termsAccepted = { policyTextId: '0190f5f0-0000-7000-8000-000000000001', textHash: 'a'.repeat(64) };
  it('trims the display name and requires one', () => {
    expect(accountBasicsSchema.parse({ ...basics, displayName: '  Ada ' }).displayName).toBe('Ada');
    expect(firstMessage(accountBasicsSchema.safeParse({ ...basics, displayName: '   ' }))).toBe('display_name_required');
  });
  it('keeps a display name on one line, in the order typed', () => {
    for (const name of ['Ada\nYour account is suspended', 'Ada\r\nVerify at https://evil.example', 'Ada\u2028x', 'Tab\tbed', 'A\u202Eeci', 'Bell\u0007']) {
      expect(firstMessage(accountBasicsSchema.safeParse({ ...basics, displayName: name })), JSON.stringify(name)).toBe('display_name_invalid');
    }
    // Names from everywhere stay welcome, emoji sequences (zero-width joiners) too.
    for (const name of ['Zoë Müller-Lüdenscheidt', 'José María', '李小龍', 'Ada 👩\u200D💻', "O'Brien"]) {
      expect(accountBasicsSchema.parse({ ...basics, displayName: name }).displayName).toBe(name);
    }
  });
  it('accepts only supported locales', () => {
    expect(firstMessage(accountBasicsSchema.safeParse({ ...basics, locale: 'fr' }))).toBe('invalid_locale');
  });
  it('needs the minimum age confirmed and the terms accepted, but no optional consent', () => {
    const ok = signUpInputSchema.parse({ ...basics, minimumAgeConfirmed: true, termsAccepted });
    expect(ok.consents).toEqual([]);
    expect(firstMessage(signUpInputSchema.safeParse({ ...basics, minimumAgeConfirmed: false, termsAccepted }))).toBe('minimum_age_required');
    const noTerms = signUpInputSchema.safeParse({ ...basics, minimumAgeConfirmed: true });
    expect(noTerms.error?.issues[0]?.path).toEqual(['termsAccepted']);
  });
});

describe('one-time tokens', () => {
  it('are long base64url strings', () => {
    expect(tokenSchema.safeParse('abcDEF123_-abcDEF123_-').success).toBe(true);
    expect(tokenSchema.safeParse('short').success).toBe(false);
    expect(tokenSchema.safeParse('has spaces in it and is long').success).toBe(false);
    expect(tokenSchema.safeParse("' OR 1=1 --aaaaaaaaaaaaaa").success).toBe(false);
  });
});
