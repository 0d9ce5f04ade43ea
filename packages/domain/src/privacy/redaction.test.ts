import { describe, expect, it } from 'vitest';
import { ERASED_PERSON, withoutPerson } from './redaction.js';

describe('withoutPerson', () => {
  const person = { email: 'ada.l@example.org', displayName: 'Ada' };
  it('blanks the email and the name in any case, the name only as a whole word', () => {
    expect(withoutPerson('Mail from ADA.L@example.org: ada asks; Adam too', person)).toBe(
      `Mail from ${ERASED_PERSON}: ${ERASED_PERSON} asks; Adam too`,
    );
  });
  it('takes names and addresses literally (no pattern characters) and handles umlauts', () => {
    expect(withoutPerson('Jörg (J.) schrieb: jörg (j.)', { email: 'j+x@example.org', displayName: 'Jörg (J.)' })).toBe(
      `${ERASED_PERSON} schrieb: ${ERASED_PERSON}`,
    );
    expect(withoutPerson('j+x@example.org and jx@example.org', { email: 'j+x@example.org', displayName: ' ' })).toBe(
      `${ERASED_PERSON} and jx@example.org`,
    );
  });
});
