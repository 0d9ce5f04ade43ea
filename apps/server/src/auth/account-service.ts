import type { Account } from '@quorum/domain/accounts/account';
import type { z } from 'zod';
import type {
  changeEmailInputSchema,
  changePasswordInputSchema,
  completeSetupInputSchema,
  requestPasswordResetInputSchema,
  resetPasswordInputSchema,
  signInInputSchema,
  SignUpInput,
  updateAccountInputSchema,
} from '@quorum/domain/accounts/account';
import { canCreateCommunity } from '@quorum/domain/communities/permissions';
import { recordSignUpConsents } from '@quorum/domain/consent/consent-use-cases';
import { eraseAccount as eraseAccountData } from '@quorum/domain/privacy/privacy-use-cases';
import { DomainError } from '@quorum/domain/shared/domain-error';
import { appPaths } from '@quorum/domain/shared/links';
import type { Repositories } from '@quorum/db/connect';
import type { Context } from '../context.js';
import { useCaseContext } from '../routers/use-case-context.js';
import { composeAccountMail, type AccountMailKind } from '../mail/account-mails.js';
import { finishErasure } from '../privacy/finish-erasure.js';
import { consumeOneTimeToken, issueOneTimeToken } from './one-time-tokens.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { enforceRateLimit, rateLimits } from './rate-limit.js';
import { clearedSessionCookie, sessionCookie, startSession } from './sessions.js';

/**
 * The account flows behind the auth and account routers. Every mutating step runs in
 * one transaction; mails go out after it committed, so a rolled-back step sends none.
 * Slow argon2 hashing happens before a transaction opens, never inside one.
 */

export interface MeAccount {
  id: string;
  email: string;
  displayName: string;
  locale: Account['locale'];
  emailVerified: boolean;
  isInstanceAdmin: boolean;
}

export interface Me {
  account: MeAccount | null;
  setupRequired: boolean;
  canCreateCommunities: boolean;
}

type SignedInContext = Context & { account: Account; session: NonNullable<Context['session']> };
type Ok = { ok: true };
const ok: Ok = { ok: true };

export function toMeAccount(account: Account): MeAccount {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    locale: account.locale,
    emailVerified: account.emailVerifiedAt !== null,
    isInstanceAdmin: account.isInstanceAdmin,
  };
}

export async function me(ctx: Context): Promise<Me> {
  const adminCount = await ctx.db.repositories.accounts.countInstanceAdmins();
  return {
    account: ctx.account ? toMeAccount(ctx.account) : null,
    setupRequired: adminCount === 0,
    canCreateCommunities: canCreateCommunity(ctx.viewer, ctx.env.communityCreation),
  };
}

/** Replaces the request's session (if any) by a fresh one: a new token at every sign-in. */
async function replaceSession(repos: Repositories, ctx: Context, accountId: string): Promise<string> {
  if (ctx.session) await repos.sessions.delete(ctx.session.id);
  const { token } = await startSession(repos.sessions, ctx, accountId);
  return token;
}

async function sendAccountMail(
  ctx: Context,
  kind: AccountMailKind,
  recipient: Pick<Account, 'displayName' | 'locale'> & { to: string },
  path: string,
): Promise<void> {
  try {
    await ctx.mailer.send(composeAccountMail(kind, recipient, `${ctx.env.publicUrl}${path}`));
  } catch (error) {
    // The step itself succeeded; the member can ask for the mail again.
    ctx.logger.error({ err: error, kind }, 'sending a mail failed');
  }
}

type AccountBasics = z.infer<typeof completeSetupInputSchema>;

/**
 * Creates an account and signs it in. Sign-up passes what the person agreed to: the terms
 * and their optional consents go into the ledger in the same transaction as the account.
 */
async function createAccount(
  ctx: Context,
  input: Omit<AccountBasics, 'token'> & { agreements?: Pick<SignUpInput, 'termsAccepted' | 'consents'> },
  options: { isInstanceAdmin: boolean; setupToken?: string },
): Promise<MeAccount> {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const { account, sessionToken, verifyToken } = await ctx.db.unitOfWork.transaction(async (repos) => {
    if (options.setupToken) await consumeOneTimeToken(repos.tokens, options.setupToken, 'setup', now);
    if (await repos.accounts.findByEmail(input.email)) throw new DomainError('EMAIL_TAKEN');
    const account: Account = {
      id: ctx.newId(),
      email: input.email,
      emailVerifiedAt: null,
      displayName: input.displayName,
      locale: input.locale,
      isInstanceAdmin: options.isInstanceAdmin,
      createdAt: now,
    };
    await repos.accounts.create(account, passwordHash);
    if (input.agreements) {
      await recordSignUpConsents(
        repos,
        { ...useCaseContext(ctx), viewer: null },
        { accountId: account.id, locale: account.locale, ...input.agreements },
      );
    }
    const verifyToken = await issueOneTimeToken(repos.tokens, now, 'verifyEmail', account.id, account.email);
    const sessionToken = await replaceSession(repos, ctx, account.id);
    return { account, sessionToken, verifyToken };
  });
  ctx.setCookie(sessionCookie(ctx.env, sessionToken));
  await sendAccountMail(ctx, 'verifyEmail', { ...account, to: account.email }, appPaths.verifyEmail(verifyToken));
  return toMeAccount(account);
}

export async function signUp(ctx: Context, input: SignUpInput): Promise<MeAccount> {
  await enforceRateLimit(ctx.rateLimiter, rateLimits.signUpPerIp, ctx.ip, ctx.clock.now());
  const { termsAccepted, consents, minimumAgeConfirmed: _confirmed, ...basics } = input;
  return createAccount(ctx, { ...basics, agreements: { termsAccepted, consents } }, { isInstanceAdmin: false });
}

export async function completeSetup(ctx: Context, input: z.infer<typeof completeSetupInputSchema>): Promise<MeAccount> {
  const { token, ...signUpInput } = input;
  return createAccount(ctx, signUpInput, { isInstanceAdmin: true, setupToken: token });
}

/**
 * Checks a password for an account (or for nobody, at the same cost). Failures count
 * against the address, so guessing is slowed per account as well as per IP.
 */
export async function checkPassword(ctx: Context, email: string, account: Account | null, password: string): Promise<void> {
  const now = ctx.clock.now();
  if (await ctx.rateLimiter.isLimited(rateLimits.signInPerAccount, email, now)) throw new DomainError('RATE_LIMITED');
  const passwordHash = account ? await ctx.db.repositories.accounts.findPasswordHash(account.id) : null;
  const matches = passwordHash ? await verifyPassword(passwordHash, password) : await verifyAgainstDummy(password);
  if (!matches) {
    await ctx.rateLimiter.hit(rateLimits.signInPerAccount, email, now);
    throw new DomainError('INVALID_CREDENTIALS');
  }
}

export async function signIn(ctx: Context, input: z.infer<typeof signInInputSchema>): Promise<MeAccount> {
  await enforceRateLimit(ctx.rateLimiter, rateLimits.signInPerIp, ctx.ip, ctx.clock.now());
  const account = await ctx.db.repositories.accounts.findByEmail(input.email);
  await checkPassword(ctx, input.email, account, input.password);
  const signedIn = account!; // checkPassword throws when there is no account
  const sessionToken = await ctx.db.unitOfWork.transaction((repos) => replaceSession(repos, ctx, signedIn.id));
  ctx.setCookie(sessionCookie(ctx.env, sessionToken));
  return toMeAccount(signedIn);
}

export async function signOut(ctx: Context): Promise<Ok> {
  const session = ctx.session;
  if (session) await ctx.db.unitOfWork.transaction((repos) => repos.sessions.delete(session.id));
  ctx.setCookie(clearedSessionCookie(ctx.env));
  return ok;
}

export async function verifyEmail(ctx: Context, input: { token: string }): Promise<Ok> {
  const now = ctx.clock.now();
  await ctx.db.unitOfWork.transaction(async (repos) => {
    const token = await consumeOneTimeToken(repos.tokens, input.token, 'verifyEmail', now);
    const account = token.accountId ? await repos.accounts.findById(token.accountId) : null;
    // A link for an address the account no longer has verifies nothing.
    if (!account || account.email !== token.payload) throw new DomainError('TOKEN_INVALID');
    if (!account.emailVerifiedAt) await repos.accounts.update(account.id, { emailVerifiedAt: now });
  });
  return ok;
}

export async function resendVerification(ctx: SignedInContext): Promise<Ok> {
  const { account } = ctx;
  if (account.emailVerifiedAt) return ok;
  const now = ctx.clock.now();
  await enforceRateLimit(ctx.rateLimiter, rateLimits.mailPerAccount, account.id, now);
  const token = await ctx.db.unitOfWork.transaction(async (repos) => {
    await repos.tokens.deleteForAccount(account.id, 'verifyEmail');
    return issueOneTimeToken(repos.tokens, now, 'verifyEmail', account.id, account.email);
  });
  await sendAccountMail(ctx, 'verifyEmail', { ...account, to: account.email }, appPaths.verifyEmail(token));
  return ok;
}

export async function requestPasswordReset(
  ctx: Context,
  input: z.infer<typeof requestPasswordResetInputSchema>,
): Promise<Ok> {
  const now = ctx.clock.now();
  await enforceRateLimit(ctx.rateLimiter, rateLimits.passwordResetPerIp, ctx.ip, now);
  // Keyed by the address whether or not it has an account: the limit reveals nothing.
  await enforceRateLimit(ctx.rateLimiter, rateLimits.passwordResetPerAccount, input.email, now);
  const account = await ctx.db.repositories.accounts.findByEmail(input.email);
  if (!account) return ok;
  const token = await ctx.db.unitOfWork.transaction(async (repos) => {
    await repos.tokens.deleteForAccount(account.id, 'resetPassword');
    return issueOneTimeToken(repos.tokens, now, 'resetPassword', account.id);
  });
  // Not awaited: the answer must not take longer when the address has an account.
  void sendAccountMail(ctx, 'resetPassword', { ...account, to: account.email }, appPaths.resetPassword(token));
  return ok;
}

export async function resetPassword(ctx: Context, input: z.infer<typeof resetPasswordInputSchema>): Promise<Ok> {
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.unitOfWork.transaction(async (repos) => {
    const token = await consumeOneTimeToken(repos.tokens, input.token, 'resetPassword', now);
    const account = token.accountId ? await repos.accounts.findById(token.accountId) : null;
    if (!account) throw new DomainError('TOKEN_INVALID');
    await repos.accounts.setPasswordHash(account.id, passwordHash);
    // Whoever knew the old password is signed out everywhere.
    await repos.sessions.deleteForAccount(account.id);
    // The link arrived in the mailbox: the address is proven.
    if (!account.emailVerifiedAt) await repos.accounts.update(account.id, { emailVerifiedAt: now });
  });
  return ok;
}

export async function updateAccount(
  ctx: SignedInContext,
  input: z.infer<typeof updateAccountInputSchema>,
): Promise<MeAccount> {
  const updated = await ctx.db.unitOfWork.transaction(async (repos) => {
    await repos.accounts.update(ctx.account.id, { displayName: input.displayName, locale: input.locale });
    return repos.accounts.findById(ctx.account.id);
  });
  if (!updated) throw new DomainError('NOT_FOUND');
  return toMeAccount(updated);
}

export async function changePassword(
  ctx: SignedInContext,
  input: z.infer<typeof changePasswordInputSchema>,
): Promise<Ok> {
  await checkPassword(ctx, ctx.account.email, ctx.account, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.unitOfWork.transaction(async (repos) => {
    await repos.accounts.setPasswordHash(ctx.account.id, passwordHash);
    await repos.sessions.deleteForAccount(ctx.account.id, ctx.session.id);
    await repos.tokens.deleteForAccount(ctx.account.id, 'resetPassword');
  });
  return ok;
}

export async function requestEmailChange(
  ctx: SignedInContext,
  input: z.infer<typeof changeEmailInputSchema>,
): Promise<Ok> {
  const { account } = ctx;
  await checkPassword(ctx, account.email, account, input.currentPassword);
  if (input.newEmail === account.email) throw new DomainError('CONFLICT', 'This is already your address.');
  if (await ctx.db.repositories.accounts.findByEmail(input.newEmail)) throw new DomainError('EMAIL_TAKEN');
  const now = ctx.clock.now();
  await enforceRateLimit(ctx.rateLimiter, rateLimits.mailPerAccount, account.id, now);
  const token = await ctx.db.unitOfWork.transaction(async (repos) => {
    await repos.tokens.deleteForAccount(account.id, 'changeEmail');
    return issueOneTimeToken(repos.tokens, now, 'changeEmail', account.id, input.newEmail);
  });
  await sendAccountMail(ctx, 'changeEmail', { ...account, to: input.newEmail }, appPaths.confirmEmailChange(token));
  return ok;
}

export async function confirmEmailChange(ctx: Context, input: { token: string }): Promise<Ok> {
  const now = ctx.clock.now();
  await ctx.db.unitOfWork.transaction(async (repos) => {
    const token = await consumeOneTimeToken(repos.tokens, input.token, 'changeEmail', now);
    const account = token.accountId ? await repos.accounts.findById(token.accountId) : null;
    if (!account || !token.payload) throw new DomainError('TOKEN_INVALID');
    const holder = await repos.accounts.findByEmail(token.payload);
    if (holder && holder.id !== account.id) throw new DomainError('EMAIL_TAKEN');
    await repos.accounts.update(account.id, { email: token.payload, emailVerifiedAt: now });
    // A verification link for the old address must not verify the new one.
    await repos.tokens.deleteForAccount(account.id, 'verifyEmail');
  });
  return ok;
}

/**
 * Erases an account (the member's own, or by an instance admin on request). One
 * transaction: the data map's erasure with a new random tombstone, and the audit entry
 * about it. Sessions are rows of the account: they end with it.
 */
export async function eraseAccount(ctx: Context, input: { accountId: string; actorId: string; reason: string }): Promise<Ok> {
  await ctx.db.unitOfWork.transaction((repos) =>
    eraseAccountData(repos, useCaseContext(ctx), { ...input, tombstoneId: ctx.newId() }),
  );
  await finishErasure(ctx);
  return ok;
}

/** The member deletes their own account after re-entering their password. */
export async function deleteOwnAccount(ctx: SignedInContext, input: { password: string }): Promise<Ok> {
  await checkPassword(ctx, ctx.account.email, ctx.account, input.password);
  await eraseAccount(ctx, { accountId: ctx.account.id, actorId: ctx.account.id, reason: 'Deleted by the member' });
  ctx.setCookie(clearedSessionCookie(ctx.env));
  return ok;
}
