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
import type { RateLimitRule } from './rate-limit.js';
import type { Context } from '../context.js';
import { useCaseContext } from '../routers/use-case-context.js';
import { composeAccountMail, type AccountMailKind } from '../mail/account-mails.js';
import { finishErasure } from '../privacy/finish-erasure.js';
import { consumeOneTimeToken, issueOneTimeToken, findOneTimeToken } from './one-time-tokens.js';
import { enforceRateLimit, rateLimits, takeAll } from './rate-limit.js';
import { clearedSessionCookie, deviceCookie, sessionCookie, startSession } from './sessions.js';
import { setupLinkKindOf } from './setup-link.js';
import { hashToken, newSecretToken } from './tokens.js';

/**
 * The account flows behind the auth and account routers. Every mutating step runs in
 * one transaction; mails go out after it committed, so a rolled-back step sends none.
 * Slow argon2 hashing happens before a transaction opens, never inside one, and only
 * after the cheap checks (rate limits, tokens) passed: a flood of bogus calls costs no
 * hashing (and the hashing queue answers BUSY when full).
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

/** The device cookie's token of this browser, as stored (null: the browser brought none). */
const deviceHashOf = (ctx: Context) => (ctx.deviceToken ? hashToken(ctx.deviceToken) : null);

/**
 * Remembers this browser for the account, which signed in (or proved its mailbox) here:
 * from now on failures from elsewhere do not hold it back. Sets the cookie after the
 * transaction committed (`setDeviceCookie`).
 */
async function rememberDevice(repos: Repositories, ctx: Context, accountId: string): Promise<string> {
  const token = ctx.deviceToken ?? newSecretToken();
  await repos.knownDevices.remember(hashToken(token), accountId, ctx.clock.now());
  return token;
}

const setDeviceCookie = (ctx: Context, token: string) => ctx.setCookie(deviceCookie(ctx.env, token));

async function sendAccountMail(
  ctx: Context,
  kind: AccountMailKind,
  recipient: Pick<Account, 'displayName' | 'locale'> & { to: string },
  path: string,
  detail?: string,
): Promise<void> {
  try {
    await ctx.mailer.send(composeAccountMail(kind, recipient, `${ctx.env.publicUrl}${path}`, detail));
  } catch (error) {
    // The step itself succeeded; the member can ask for the mail again.
    ctx.logger.error({ err: error, kind }, 'sending a mail failed');
  }
}

type AccountBasics = z.infer<typeof completeSetupInputSchema>;

/**
 * Creates an account and signs it in. Sign-up passes what the person agreed to: the terms
 * and their optional consents go into the ledger in the same transaction as the account.
 * A setup link is checked before the password is hashed and used up in the transaction.
 */
async function createAccount(
  ctx: Context,
  input: Omit<AccountBasics, 'token'> & { agreements?: Pick<SignUpInput, 'termsAccepted' | 'consents'> },
  options: { isInstanceAdmin: boolean; setupToken?: string },
): Promise<MeAccount> {
  const { setupToken } = options;
  const now = ctx.clock.now();
  if (setupToken) await assertSetupAllowed(ctx.db.repositories, await findOneTimeToken(ctx.db.repositories.tokens, setupToken, 'setup', now));
  const passwordHash = await ctx.passwords.hash(input.password);
  const { account, sessionToken, deviceToken, verifyToken } = await ctx.db.unitOfWork.transaction(async (repos) => {
    if (setupToken) await assertSetupAllowed(repos, await consumeOneTimeToken(repos.tokens, setupToken, 'setup', now));
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
    const deviceToken = await rememberDevice(repos, ctx, account.id);
    return { account, sessionToken, deviceToken, verifyToken };
  });
  ctx.setCookie(sessionCookie(ctx.env, sessionToken));
  setDeviceCookie(ctx, deviceToken);
  await sendAccountMail(ctx, 'verifyEmail', { ...account, to: account.email }, appPaths.verifyEmail(verifyToken));
  return toMeAccount(account);
}

/**
 * A link for the first admin stops working once any admin exists (a link printed by an
 * earlier start, or by a second process, makes no second admin); `quorum admin create`
 * prints links for another admin.
 */
async function assertSetupAllowed(repos: Repositories, token: { payload: string | null }): Promise<void> {
  if (setupLinkKindOf(token.payload) === 'first-admin' && (await repos.accounts.countInstanceAdmins()) > 0) {
    throw new DomainError('SETUP_ALREADY_DONE');
  }
}

export async function signUp(ctx: Context, input: SignUpInput): Promise<MeAccount> {
  const perAddress = { ...rateLimits.signUpPerIp, limit: ctx.env.signUpsPerAddressPerHour };
  await enforceRateLimit(ctx.rateLimiter, perAddress, ctx.ip, ctx.clock.now());
  const { termsAccepted, consents, minimumAgeConfirmed: _confirmed, ...basics } = input;
  return createAccount(ctx, { ...basics, agreements: { termsAccepted, consents } }, { isInstanceAdmin: false });
}

export async function completeSetup(ctx: Context, input: z.infer<typeof completeSetupInputSchema>): Promise<MeAccount> {
  await enforceRateLimit(ctx.rateLimiter, rateLimits.passwordLinkPerIp, ctx.ip, ctx.clock.now());
  const { token, ...signUpInput } = input;
  return createAccount(ctx, signUpInput, { isInstanceAdmin: true, setupToken: token });
}

/**
 * Checks a password against an account (or against nobody, at the same cost), after the
 * attempt was counted under every rule given: counting first and atomically means that of
 * many guesses at once no more than the limits get through. A correct password (or a
 * server too busy to check) gives the attempts back: only failures count.
 */
async function checkPassword(
  ctx: Context,
  account: Account | null,
  password: string,
  limits: readonly (readonly [RateLimitRule, string])[],
): Promise<string> {
  const giveBack = await takeAll(ctx.rateLimiter, limits, ctx.clock.now());
  let passwordHash: string | null;
  let matches: boolean;
  try {
    passwordHash = account ? await ctx.db.repositories.accounts.findPasswordHash(account.id) : null;
    matches = passwordHash ? await ctx.passwords.verify(passwordHash, password) : await ctx.passwords.verifyNobody(password);
  } catch (error) {
    await giveBack();
    throw error;
  }
  if (!matches || !passwordHash) throw new DomainError('INVALID_CREDENTIALS');
  await giveBack();
  return passwordHash;
}

/**
 * Throws unless the account's password is still the one just checked: a change, reset or
 * erasure that committed while it was being checked ended what the old password had opened,
 * and nothing may come of it now (a session, an email-change link, a new password, an
 * erasure). Holds the account until commit, so such a change that comes later sees this write.
 */
async function assertPasswordUnchanged(repos: Repositories, accountId: string, checked: string): Promise<void> {
  if ((await repos.accounts.holdPasswordHash(accountId)) !== checked) throw new DomainError('INVALID_CREDENTIALS');
}

/** Re-entering the password while signed in: limited per account, which only its sessions reach. */
const reauthenticate = (ctx: SignedInContext, password: string) =>
  checkPassword(ctx, ctx.account, password, [[rateLimits.reauthPerAccount, ctx.account.id]]);

/**
 * The limits of one sign-in attempt (decision 010). Every attempt counts against its
 * address. Failures count against the address at this account, and against the account
 * from anywhere — that one slows guessing down but never shuts the account. A browser
 * that signed in to the account before is held back by its own failures only (not even
 * by others sharing its address, as behind a company's or carrier's NAT).
 */
async function signInLimits(ctx: Context, email: string, account: Account | null) {
  const device = deviceHashOf(ctx);
  const known = account && device ? await ctx.db.repositories.knownDevices.find(device, account.id) : null;
  if (known) return [[rateLimits.signInPerKnownDevice, `${known.tokenHash}:${known.accountId}`] as const];
  // Keyed by the address, whether or not it has an account: the limits reveal nothing.
  return [
    [rateLimits.signInPerIp, ctx.ip] as const,
    [rateLimits.signInPerIpAndAccount, `${ctx.ip}:${email}`] as const,
    [rateLimits.signInPerAccount, email] as const,
  ];
}

export async function signIn(ctx: Context, input: z.infer<typeof signInInputSchema>): Promise<MeAccount> {
  const account = await ctx.db.repositories.accounts.findByEmail(input.email);
  const checked = await checkPassword(ctx, account, input.password, await signInLimits(ctx, input.email, account));
  const signedIn = account!; // checkPassword throws when there is no account
  const { sessionToken, deviceToken } = await ctx.db.unitOfWork.transaction(async (repos) => {
    await assertPasswordUnchanged(repos, signedIn.id, checked);
    return {
      sessionToken: await replaceSession(repos, ctx, signedIn.id),
      deviceToken: await rememberDevice(repos, ctx, signedIn.id),
    };
  });
  ctx.setCookie(sessionCookie(ctx.env, sessionToken));
  setDeviceCookie(ctx, deviceToken);
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
  const now = ctx.clock.now();
  await enforceRateLimit(ctx.rateLimiter, rateLimits.passwordLinkPerIp, ctx.ip, now);
  // A bogus link costs no hashing: the token is checked first, used up after.
  await findOneTimeToken(ctx.db.repositories.tokens, input.token, 'resetPassword', now);
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  const deviceToken = await ctx.db.unitOfWork.transaction(async (repos) => {
    const token = await consumeOneTimeToken(repos.tokens, input.token, 'resetPassword', now);
    const account = token.accountId ? await repos.accounts.findById(token.accountId) : null;
    if (!account) throw new DomainError('TOKEN_INVALID');
    await repos.accounts.setPasswordHash(account.id, passwordHash);
    await endEverythingTheOldPasswordOpened(repos, account.id);
    // The link arrived in the mailbox: the address is proven, and this browser is the member's.
    if (!account.emailVerifiedAt) await repos.accounts.update(account.id, { emailVerifiedAt: now });
    return rememberDevice(repos, ctx, account.id);
  });
  setDeviceCookie(ctx, deviceToken);
  return ok;
}

/**
 * After a password reset or change, whoever knew the old password (or pre-registered the
 * address) keeps nothing: sessions end (but the one kept), pending email-change and reset
 * links die, and browsers known to the account are forgotten (but the one kept).
 */
async function endEverythingTheOldPasswordOpened(
  repos: Repositories,
  accountId: string,
  keep: { sessionId?: string; deviceHash?: string | null } = {},
): Promise<void> {
  await repos.sessions.deleteForAccount(accountId, keep.sessionId);
  await repos.tokens.deleteForAccount(accountId, 'changeEmail');
  await repos.tokens.deleteForAccount(accountId, 'resetPassword');
  await repos.knownDevices.forgetForAccount(accountId, keep.deviceHash ?? undefined);
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
  const checked = await reauthenticate(ctx, input.currentPassword);
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  await ctx.db.unitOfWork.transaction(async (repos) => {
    await assertPasswordUnchanged(repos, ctx.account.id, checked);
    await repos.accounts.setPasswordHash(ctx.account.id, passwordHash);
    await endEverythingTheOldPasswordOpened(repos, ctx.account.id, { sessionId: ctx.session.id, deviceHash: deviceHashOf(ctx) });
  });
  return ok;
}

/**
 * Asks the new address to confirm. The answer is the same whether the address is free or
 * already has an account (no oracle of who is registered): a taken address gets a mail
 * saying someone tried, and the mail limit counts either way, before anything is looked up.
 */
export async function requestEmailChange(
  ctx: SignedInContext,
  input: z.infer<typeof changeEmailInputSchema>,
): Promise<Ok> {
  const { account } = ctx;
  const checked = await reauthenticate(ctx, input.currentPassword);
  if (input.newEmail === account.email) throw new DomainError('CONFLICT', 'This is already your address.');
  const now = ctx.clock.now();
  await enforceRateLimit(ctx.rateLimiter, rateLimits.mailPerAccount, account.id, now);
  const holder = await ctx.db.repositories.accounts.findByEmail(input.newEmail);
  if (holder) {
    await sendAccountMail(ctx, 'emailInUse', { ...holder, to: holder.email }, appPaths.forgotPassword);
    return ok;
  }
  const token = await ctx.db.unitOfWork.transaction(async (repos) => {
    await assertPasswordUnchanged(repos, account.id, checked);
    await repos.tokens.deleteForAccount(account.id, 'changeEmail');
    return issueOneTimeToken(repos.tokens, now, 'changeEmail', account.id, input.newEmail);
  });
  await sendAccountMail(ctx, 'changeEmail', { ...account, to: input.newEmail }, appPaths.confirmEmailChange(token));
  return ok;
}

/**
 * Moves the account to the confirmed address. Whoever held the account under the old
 * address is out: other sessions end, reset links for it die, and the old address is told.
 */
export async function confirmEmailChange(ctx: Context, input: { token: string }): Promise<Ok> {
  const now = ctx.clock.now();
  const { account, newEmail } = await ctx.db.unitOfWork.transaction(async (repos) => {
    const token = await consumeOneTimeToken(repos.tokens, input.token, 'changeEmail', now);
    const account = token.accountId ? await repos.accounts.findById(token.accountId) : null;
    if (!account || !token.payload) throw new DomainError('TOKEN_INVALID');
    const holder = await repos.accounts.findByEmail(token.payload);
    if (holder && holder.id !== account.id) throw new DomainError('EMAIL_TAKEN');
    await repos.accounts.update(account.id, { email: token.payload, emailVerifiedAt: now });
    // A verification link for the old address must not verify the new one.
    await repos.tokens.deleteForAccount(account.id, 'verifyEmail');
    await repos.tokens.deleteForAccount(account.id, 'resetPassword');
    const here = ctx.session?.accountId === account.id ? ctx.session.id : undefined;
    await repos.sessions.deleteForAccount(account.id, here);
    return { account, newEmail: token.payload };
  });
  // To the old address (account is the row before the change).
  await sendAccountMail(ctx, 'emailChanged', { ...account, to: account.email }, appPaths.signIn, newEmail);
  return ok;
}

/**
 * Erases an account (the member's own, or by an instance admin on request). One
 * transaction: the data map's erasure with a new random tombstone, and the audit entry
 * about it. Sessions are rows of the account: they end with it.
 */
export async function eraseAccount(
  ctx: Context,
  input: { accountId: string; actorId: string; reason: string },
  /** The member's own erasure: the password they confirmed it with. */
  checkedPassword?: string,
): Promise<Ok> {
  await ctx.db.unitOfWork.transaction(async (repos) => {
    // Lock order (decision 034): the instance admins' rows before this account's own. Holding
    // the own row first (the password check) while waiting for the others' would deadlock two
    // admins erased at once on PostgreSQL, each holding the row the other's count needs.
    if ((await repos.accounts.findById(input.accountId))?.isInstanceAdmin) await repos.accounts.lockInstanceAdmins();
    // Then the account itself, for its erasure, before the password check: two erasures of one
    // account (two tabs) holding it for share would each wait for the other to lock it.
    await repos.accounts.lockForErasure(input.accountId);
    if (checkedPassword !== undefined) await assertPasswordUnchanged(repos, input.accountId, checkedPassword);
    await eraseAccountData(repos, useCaseContext(ctx), { ...input, tombstoneId: ctx.newId() });
  });
  await finishErasure(ctx);
  return ok;
}

/** The member deletes their own account after re-entering their password. */
export async function deleteOwnAccount(ctx: SignedInContext, input: { password: string }): Promise<Ok> {
  const checked = await reauthenticate(ctx, input.password);
  await eraseAccount(ctx, { accountId: ctx.account.id, actorId: ctx.account.id, reason: 'Deleted by the member' }, checked);
  ctx.setCookie(clearedSessionCookie(ctx.env));
  return ok;
}
