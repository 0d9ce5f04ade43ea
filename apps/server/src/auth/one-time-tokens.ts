import type { OneTimeTokenRepository, OneTimeToken } from '@quorum/domain/accounts/account.port';
import { tokenLifetimes, type OneTimeTokenPurpose } from '@quorum/domain/accounts/session-policy';
import { DomainError } from '@quorum/domain/shared/domain-error';
import { hashToken, newSecretToken } from './tokens.js';

/** Stores a new single-use token (its hash) and returns the secret for the link. */
export async function issueOneTimeToken(
  tokens: OneTimeTokenRepository,
  now: Date,
  purpose: OneTimeTokenPurpose,
  accountId: string | null,
  payload: string | null = null,
): Promise<string> {
  const secret = newSecretToken();
  await tokens.create({
    tokenHash: hashToken(secret),
    purpose,
    accountId,
    payload,
    createdAt: now,
    expiresAt: new Date(now.getTime() + tokenLifetimes[purpose]),
  });
  return secret;
}

const usable = (token: OneTimeToken | null, now: Date): OneTimeToken => {
  if (!token || token.expiresAt.getTime() <= now.getTime()) throw new DomainError('TOKEN_INVALID');
  return token;
};

/** Uses up a token: unknown, already used and expired tokens all give TOKEN_INVALID. */
export async function consumeOneTimeToken(
  tokens: OneTimeTokenRepository,
  secret: string,
  purpose: OneTimeTokenPurpose,
  now: Date,
): Promise<OneTimeToken> {
  return usable(await tokens.consume(hashToken(secret), purpose), now);
}

/** Checks a token without using it up, before slow work; consume it afterwards. */
export async function findOneTimeToken(
  tokens: OneTimeTokenRepository,
  secret: string,
  purpose: OneTimeTokenPurpose,
  now: Date,
): Promise<OneTimeToken> {
  return usable(await tokens.find(hashToken(secret), purpose), now);
}
