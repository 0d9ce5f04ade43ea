import { DAY, MINUTE } from '../shared/clock.js';

/**
 * How long a sign-in lasts. A session ends after 14 days without use (idle) and in
 * any case 60 days after sign-in (absolute); the member then signs in again.
 * Activity is written back at most every 5 minutes, to spare the database.
 */
export const sessionPolicy = {
  idleTimeoutMs: 14 * DAY,
  absoluteTimeoutMs: 60 * DAY,
  touchIntervalMs: 5 * MINUTE,
} as const;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export function sessionExpiresAt(session: SessionTimes): Date {
  const idleEnd = session.lastSeenAt.getTime() + sessionPolicy.idleTimeoutMs;
  const absoluteEnd = session.createdAt.getTime() + sessionPolicy.absoluteTimeoutMs;
  return new Date(Math.min(idleEnd, absoluteEnd));
}

export function isSessionActive(session: SessionTimes, now: Date): boolean {
  return now.getTime() < sessionExpiresAt(session).getTime();
}

export function sessionNeedsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= sessionPolicy.touchIntervalMs;
}

/** How long the one-time links in emails stay valid. */
export const tokenLifetimes = {
  verifyEmail: 2 * DAY,
  changeEmail: 2 * DAY,
  resetPassword: 60 * MINUTE,
  setup: 7 * DAY,
} as const;
export type OneTimeTokenPurpose = keyof typeof tokenLifetimes;
