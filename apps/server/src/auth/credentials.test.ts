import { describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { createPasswordHasher } from './passwords.js';
import { clearedSessionCookie, deviceCookie, readDeviceToken, readSessionToken, sessionCookie } from './sessions.js';
import { hashToken, newSecretToken } from './tokens.js';

describe('passwords', () => {
  it('hashes with argon2id at the agreed cost and verifies', async () => {
    const passwords = createPasswordHasher();
    const stored = await passwords.hash('löng enough pässword');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await passwords.verify(stored, 'löng enough pässword')).toBe(true);
    expect(await passwords.verify(stored, 'something else')).toBe(false);
    expect(await passwords.verify('not a hash', 'x')).toBe(false);
    expect(await passwords.verifyNobody('anything')).toBe(false);
  });
});

describe('tokens and ids', () => {
  it('makes 32-byte base64url secrets and SHA-256 hex hashes', () => {
    const token = newSecretToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecretToken()).not.toBe(token);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('makes time-ordered UUIDv7 ids', async () => {
    const first = newId();
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = newId();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first < second).toBe(true);
    expect(Math.abs(parseInt(first.replace(/-/g, '').slice(0, 12), 16) - Date.now())).toBeLessThan(1000);
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and, over https, Secure with the __Host- prefix', () => {
    expect(sessionCookie({ secureCookies: false }, 't'.repeat(43))).toBe(
      `quorum_session=${'t'.repeat(43)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=5184000`,
    );
    expect(sessionCookie({ secureCookies: true }, 't'.repeat(43))).toBe(
      `__Host-quorum_session=${'t'.repeat(43)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=5184000; Secure`,
    );
    expect(clearedSessionCookie({ secureCookies: true })).toMatch(/^__Host-quorum_session=; .*Max-Age=0/);
  });

  it('reads only its own, well-formed cookie', () => {
    const token = 'a'.repeat(43);
    expect(readSessionToken(`other=1; quorum_session=${token}`, { secureCookies: false })).toBe(token);
    expect(readSessionToken(`quorum_session=${token}`, { secureCookies: true })).toBeNull();
    expect(readSessionToken('quorum_session=<script>', { secureCookies: false })).toBeNull();
    expect(readSessionToken(undefined, { secureCookies: false })).toBeNull();
  });
});

describe('device cookie', () => {
  it('is HttpOnly, lives 180 days, and is read apart from the session cookie', () => {
    const token = 'd'.repeat(43);
    expect(deviceCookie({ secureCookies: false }, token)).toBe(`quorum_device=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=15552000`);
    expect(deviceCookie({ secureCookies: true }, token)).toMatch(/^__Host-quorum_device=d+; .*; Secure$/);
    const header = `quorum_session=${'s'.repeat(43)}; quorum_device=${token}`;
    expect(readDeviceToken(header, { secureCookies: false })).toBe(token);
    expect(readSessionToken(header, { secureCookies: false })).toBe('s'.repeat(43));
    expect(readDeviceToken('quorum_device=short', { secureCookies: false })).toBeNull();
  });
});
