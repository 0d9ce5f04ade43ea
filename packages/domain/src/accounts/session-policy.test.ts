import { describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../shared/clock.js';
import { isSessionActive, sessionExpiresAt, sessionNeedsTouch, sessionPolicy } from './session-policy.js';

const signedInAt = new Date('2026-03-01T08:00:00Z');
const at = (ms: number) => new Date(signedInAt.getTime() + ms);

describe('session timeouts', () => {
  it('ends a session after the idle timeout without use', () => {
    const session = { createdAt: signedInAt, lastSeenAt: signedInAt };
    expect(isSessionActive(session, at(sessionPolicy.idleTimeoutMs - 1))).toBe(true);
    expect(isSessionActive(session, at(sessionPolicy.idleTimeoutMs))).toBe(false);
  });
  it('ends a session at the absolute timeout however active it is', () => {
    const session = { createdAt: signedInAt, lastSeenAt: at(sessionPolicy.absoluteTimeoutMs - DAY) };
    expect(sessionExpiresAt(session)).toEqual(at(sessionPolicy.absoluteTimeoutMs));
    expect(isSessionActive(session, at(sessionPolicy.absoluteTimeoutMs))).toBe(false);
  });
  it('writes activity back only every few minutes', () => {
    const session = { createdAt: signedInAt, lastSeenAt: signedInAt };
    expect(sessionNeedsTouch(session, at(MINUTE))).toBe(false);
    expect(sessionNeedsTouch(session, at(sessionPolicy.touchIntervalMs))).toBe(true);
  });
});
