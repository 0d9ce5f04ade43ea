import { z } from 'zod';
import { commonPasswords } from './common-passwords.js';
import { localeSchema } from '../shared/locale-schema.js';
import type { Locale } from '../shared/locale.js';
import type { Id } from '../shared/ids.js';

export interface Account {
  id: Id;
  /** Stored normalized (trimmed, lower case): one address, one account. */
  email: string;
  emailVerifiedAt: Date | null;
  displayName: string;
  locale: Locale;
  isInstanceAdmin: boolean;
  createdAt: Date;
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Trims and lower-cases, so "Ada@Example.org " and "ada@example.org" are one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string({ error: 'email_invalid' })
  .trim()
  .max(254, { error: 'email_too_long' })
  .pipe(z.email({ error: 'email_invalid' }))
  .transform(normalizeEmail);

/**
 * Control characters, line and paragraph separators and bidirectional overrides: a name
 * shows on one line, in the order typed, wherever it is quoted (pages, mails, exports).
 */
const nameBreakingCharacters = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

export const displayNameSchema = z
  .string({ error: 'display_name_required' })
  .trim()
  .min(1, { error: 'display_name_required' })
  .max(80, { error: 'display_name_too_long' })
  .refine((name) => !nameBreakingCharacters.test(name), { error: 'display_name_invalid' });

/** Length counts characters as people see them (code points), not UTF-16 units. */
export const passwordSchema = z
  .string({ error: 'password_too_short' })
  .refine((value) => [...value].length >= PASSWORD_MIN_LENGTH, { error: 'password_too_short' })
  .refine((value) => [...value].length <= PASSWORD_MAX_LENGTH, { error: 'password_too_long' })
  .refine((value) => !isCommonPassword(value), { error: 'password_too_common' });

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/** Sign-in only checks presence: the policy may have changed since the password was set. */
const anyPasswordSchema = z
  .string({ error: 'password_required' })
  .min(1, { error: 'password_required' })
  .max(1024, { error: 'password_too_long' });

/** One-time tokens travel in links; they are long random base64url strings. */
export const tokenSchema = z
  .string({ error: 'token_invalid' })
  .regex(/^[A-Za-z0-9_-]{20,200}$/, { error: 'token_invalid' });

/** Who someone is and how they sign in: shared by sign-up and the first admin's setup. */
export const accountBasicsSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  locale: localeSchema,
});

/** "I agree to this exact text": the text's id and the SHA-256 the browser computed of what it showed. */
export const shownTextSchema = z.object({
  policyTextId: z.uuid({ error: 'invalid_id' }),
  textHash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'hash_invalid' }),
});

/**
 * Sign-up accepts the terms explicitly, confirms the minimum age, and gives only the
 * optional consents ticked (none by default) — declining them all works fully.
 */
export const signUpInputSchema = accountBasicsSchema.extend({
  minimumAgeConfirmed: z.literal(true, { error: 'minimum_age_required' }),
  termsAccepted: shownTextSchema,
  consents: z.array(shownTextSchema.extend({ purposeId: z.string().regex(/^[a-z][a-z0-9_]{2,47}$/, { error: 'purpose_invalid' }) })).max(20).default([]),
});
export type SignUpInput = z.infer<typeof signUpInputSchema>;

export const signInInputSchema = z.object({
  email: emailSchema,
  password: anyPasswordSchema,
});

export const updateAccountInputSchema = z.object({
  displayName: displayNameSchema,
  locale: localeSchema,
});

export const changePasswordInputSchema = z.object({
  currentPassword: anyPasswordSchema,
  newPassword: passwordSchema,
});

export const changeEmailInputSchema = z.object({
  currentPassword: anyPasswordSchema,
  newEmail: emailSchema,
});

export const requestPasswordResetInputSchema = z.object({ email: emailSchema });

export const resetPasswordInputSchema = z.object({
  token: tokenSchema,
  newPassword: passwordSchema,
});

export const tokenInputSchema = z.object({ token: tokenSchema });

/** The first admin opens the one-time setup link and creates their account with it. */
export const completeSetupInputSchema = accountBasicsSchema.extend({ token: tokenSchema });
