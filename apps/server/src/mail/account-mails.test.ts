import { describe, expect, it } from 'vitest';
import { composeAccountMail, mailName } from './account-mails.js';

/** Issue 7.8: a display name in a mail is a quoted name on one line, never text that reads as ours. */
describe('names in mails', () => {
  const hostile = 'Ada\n\nYour account is suspended. Verify at https://evil.example/verify\r\n\u202Emoc.live';

  it('puts a name on one line, inside quotation marks for the language', () => {
    expect(mailName('Ada', 'en')).toBe('“Ada”');
    expect(mailName('Ada', 'de')).toBe('„Ada“');
    const quoted = mailName(hostile, 'en');
    expect(quoted).not.toMatch(/[\r\n\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
    expect(quoted).toBe('“Ada Your account is suspended. Verify at https://evil.example/verify moc.live”');
  });

  it('shortens a long name to 80 characters', () => {
    const quoted = mailName('Å'.repeat(200), 'en');
    expect([...quoted]).toHaveLength(82);
    expect(quoted.endsWith('…”')).toBe(true);
  });

  it('keeps a hostile name out of the mail text outside its quotes, in text and HTML', () => {
    const mail = composeAccountMail('verifyEmail', { to: 'a@example.org', displayName: hostile, locale: 'en' }, 'http://quorum.test/verify-email?token=x');
    const lines = mail.text.split('\n');
    expect(lines[0]).toBe(`Hello ${mailName(hostile, 'en')},`);
    expect(lines[2]).toBe('please confirm your email address by opening this link (valid for 2 days):');
    expect(mail.text.match(/suspended/g)).toHaveLength(1);
    expect(mail.html).toContain('<p>Hello &#8220;Ada Your account is suspended.'.replace('&#8220;', '“'));
    expect(mail.html).not.toMatch(/<a href="https:\/\/evil/);
  });
});
