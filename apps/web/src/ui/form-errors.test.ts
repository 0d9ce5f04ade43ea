import { describe, expect, it } from 'vitest';
import { signUpInputSchema } from '@quorum/domain/accounts/account';
import { errorKey, errorsFromIssues, errorsFromServer, liftMissingFields } from './form-errors';

describe('errorsFromServer', () => {
  it('names both origins of a refused Origin, so the page says what to open or set', () => {
    const error = {
      data: {
        domainCode: 'CSRF_FAILED',
        details: { origin: 'http://203.0.113.5:3000', expectedOrigin: 'http://localhost:3000' },
      },
    };
    expect(errorsFromServer(error)).toEqual({
      fields: {},
      form: 'errors.originRefused',
      formValues: { origin: 'http://203.0.113.5:3000', expected: 'http://localhost:3000' },
    });
    // Without details (a missing header) it stays the plain message.
    expect(errorsFromServer({ data: { domainCode: 'CSRF_FAILED', details: null } }).form).toBe(
      'errors.CSRF_FAILED',
    );
  });

  it('maps the server issues to their fields, first issue per field wins', () => {
    const error = {
      data: {
        domainCode: 'VALIDATION',
        issues: [
          { path: ['email'], message: 'email_invalid' },
          { path: ['password'], message: 'password_too_short' },
          { path: ['password'], message: 'password_too_common' },
        ],
      },
    };
    expect(errorsFromServer(error)).toEqual({
      fields: { email: 'validation.email_invalid', password: 'validation.password_too_short' },
      form: null,
    });
  });

  it('puts issues without a path, or for fields the form does not show, on the form', () => {
    const error = {
      data: {
        issues: [
          { path: [], message: 'token_invalid' },
          { path: ['token'], message: 'token_invalid' },
        ],
      },
    };
    expect(errorsFromServer(error, { knownFields: ['newPassword'] })).toEqual({
      fields: {},
      form: 'validation.token_invalid',
    });
  });

  it('maps zod default texts to a generic key instead of showing English to Germans', () => {
    expect(
      errorsFromIssues([{ path: ['approve'], message: 'Invalid input: expected boolean' }]).fields,
    ).toEqual({
      approve: 'validation.invalid',
    });
  });

  it('puts a domain code on the field the form names, else on the form', () => {
    const taken = { data: { domainCode: 'EMAIL_TAKEN' } };
    expect(errorsFromServer(taken, { fieldsByCode: { EMAIL_TAKEN: 'email' } })).toEqual({
      fields: { email: 'errors.EMAIL_TAKEN' },
      form: null,
    });
    expect(errorsFromServer({ data: { domainCode: 'INVALID_CREDENTIALS' } })).toEqual({
      fields: {},
      form: 'errors.INVALID_CREDENTIALS',
    });
  });

  it('says how long to wait when the server names it', () => {
    const limited = (retryAfterSeconds?: unknown) => ({
      data: { domainCode: 'RATE_LIMITED', details: retryAfterSeconds === undefined ? null : { retryAfterSeconds } },
    });
    expect(errorsFromServer(limited(1))).toEqual({ fields: {}, form: 'errors.retryInSeconds', formValues: { count: 1 } });
    expect(errorsFromServer(limited(119))).toMatchObject({ formValues: { count: 119 } });
    expect(errorsFromServer(limited(900))).toEqual({ fields: {}, form: 'errors.retryInMinutes', formValues: { count: 15 } });
    expect(errorsFromServer(limited(121))).toMatchObject({ form: 'errors.retryInMinutes', formValues: { count: 3 } });
    expect(errorsFromServer(limited())).toEqual({ fields: {}, form: 'errors.RATE_LIMITED' });
    expect(errorsFromServer(limited('soon'))).toEqual({ fields: {}, form: 'errors.RATE_LIMITED' });
  });

  it('tells a network failure from an unknown server answer', () => {
    expect(errorsFromServer(new TypeError('Failed to fetch')).form).toBe('errors.NETWORK');
    expect(errorsFromServer({ data: { domainCode: 'SOMETHING_NEW' } }).form).toBe('errors.UNKNOWN');
    expect(errorKey({ data: { domainCode: 'LAST_OWNER' } })).toBe('errors.LAST_OWNER');
  });
});

describe('errorsFromIssues with the domain schema', () => {
  it('maps a client-side parse of the sign-up schema to fields', () => {
    const result = signUpInputSchema.safeParse({
      email: 'nope',
      password: 'password',
      displayName: ' ',
      locale: 'de',
      minimumAgeConfirmed: false,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(errorsFromIssues(result.error.issues)).toEqual({
      fields: {
        email: 'validation.email_invalid',
        password: 'validation.password_too_common',
        displayName: 'validation.display_name_required',
        minimumAgeConfirmed: 'validation.minimum_age_required',
        termsAccepted: 'validation.invalid',
      },
      form: null,
    });
  });
});

describe('liftMissingFields', () => {
  it('moves errors of fields the form does not render to the form', () => {
    const errors = {
      fields: { token: 'validation.token_invalid', newPassword: 'validation.password_too_short' },
      form: null,
    };
    expect(liftMissingFields(errors, (name) => name === 'newPassword')).toEqual({
      fields: { newPassword: 'validation.password_too_short' },
      form: 'validation.token_invalid',
    });
  });
});
