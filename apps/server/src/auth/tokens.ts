import { hash, randomBytes } from 'node:crypto';

/** A secret for a link or cookie: 32 random bytes, base64url (43 characters). */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of the secret: a leaked table yields no usable token. */
export function hashToken(token: string): string {
  // The one-shot hash: every signed-in request hashes its cookie, without a Hash object.
  return hash('sha256', token, 'hex');
}
