import type { Account } from '@quorum/domain/accounts/account';
import type { AccountRepository, Session, SessionRepository } from '@quorum/domain/accounts/account.port';
import { isSessionActive, sessionNeedsTouch, sessionPolicy } from '@quorum/domain/accounts/session-policy';
import { DAY, type Clock } from '@quorum/domain/shared/clock';
import type { IdGenerator } from '@quorum/domain/shared/ids';
import type { Env } from '../env.js';
import { hashToken, newSecretToken } from './tokens.js';

/**
 * The session cookie holds a random token; the database holds only its hash. Over https
 * the name carries the __Host- prefix, which browsers accept only with Secure, Path=/
 * and no Domain, so a sibling subdomain cannot plant or overwrite it.
 */
export function sessionCookieName(env: Pick<Env, 'secureCookies'>): string {
  return env.secureCookies ? '__Host-quorum_session' : 'quorum_session';
}

/** The device cookie: which browser this is, so sign-in limits can trust one that signed in before. */
export function deviceCookieName(env: Pick<Env, 'secureCookies'>): string {
  return env.secureCookies ? '__Host-quorum_device' : 'quorum_device';
}

/** A browser stays known this long after its last sign-in (the retention rule matches). */
export const deviceCookieLifetimeMs = 180 * DAY;

function cookieAttributes(env: Pick<Env, 'secureCookies'>, maxAgeSeconds: number): string {
  return ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(env.secureCookies ? ['Secure'] : [])].join('; ');
}

export function sessionCookie(env: Pick<Env, 'secureCookies'>, token: string): string {
  const maxAge = Math.floor(sessionPolicy.absoluteTimeoutMs / 1000);
  return `${sessionCookieName(env)}=${token}; ${cookieAttributes(env, maxAge)}`;
}

export function clearedSessionCookie(env: Pick<Env, 'secureCookies'>): string {
  return `${sessionCookieName(env)}=; ${cookieAttributes(env, 0)}`;
}

export function deviceCookie(env: Pick<Env, 'secureCookies'>, token: string): string {
  return `${deviceCookieName(env)}=${token}; ${cookieAttributes(env, Math.floor(deviceCookieLifetimeMs / 1000))}`;
}

function readCookieToken(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      const value = part.slice(separator + 1).trim();
      return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : null;
    }
  }
  return null;
}

export function readSessionToken(cookieHeader: string | undefined, env: Pick<Env, 'secureCookies'>): string | null {
  return readCookieToken(cookieHeader, sessionCookieName(env));
}

export function readDeviceToken(cookieHeader: string | undefined, env: Pick<Env, 'secureCookies'>): string | null {
  return readCookieToken(cookieHeader, deviceCookieName(env));
}

/** A new session with a fresh token: called at every sign-in, never reusing a token. */
export async function startSession(
  sessions: SessionRepository,
  deps: { clock: Clock; newId: IdGenerator },
  accountId: string,
): Promise<{ session: Session; token: string }> {
  const token = newSecretToken();
  const now = deps.clock.now();
  const session: Session = { id: deps.newId(), accountId, tokenHash: hashToken(token), createdAt: now, lastSeenAt: now };
  await sessions.create(session);
  return { session, token };
}

/**
 * The session a cookie token belongs to, if it is still within the idle and absolute
 * timeouts; an expired one is deleted on sight. Activity is written back only every
 * few minutes (sessionPolicy.touchIntervalMs).
 */
export async function resolveSession(
  repos: { sessions: SessionRepository; accounts: AccountRepository },
  clock: Clock,
  token: string | null,
): Promise<{ session: Session; account: Account } | null> {
  if (!token) return null;
  const found = await repos.sessions.findWithAccount(hashToken(token));
  if (!found) return null;
  const { session, account } = found;
  const now = clock.now();
  if (!isSessionActive(session, now)) {
    await repos.sessions.delete(session.id);
    return null;
  }
  if (sessionNeedsTouch(session, now)) {
    await repos.sessions.touch(session.id, now);
    return { session: { ...session, lastSeenAt: now }, account };
  }
  return { session, account };
}
