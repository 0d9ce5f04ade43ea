import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DomainError, type DomainErrorCode } from '@quorum/domain/shared/domain-error';
import type { Account } from '@quorum/domain/accounts/account';
import type { Community } from '@quorum/domain/communities/community';
import type { Invitation } from '@quorum/domain/communities/invitation';
import type { Repositories } from '../connect.js';

/** Test data with unique ids, emails and slugs, so tests share one database without clashing. */
export const T0 = new Date('2026-03-01T10:00:00.000Z');

export function anAccount(overrides: Partial<Account> = {}): Account {
  const id = randomUUID();
  return {
    id,
    email: `${id}@example.org`,
    emailVerifiedAt: null,
    displayName: `Person ${id.slice(0, 8)}`,
    locale: 'en',
    isInstanceAdmin: false,
    createdAt: T0,
    ...overrides,
  };
}

export function aCommunity(overrides: Partial<Community> = {}): Community {
  const id = randomUUID();
  return {
    id,
    slug: `c-${id.slice(0, 8)}`,
    name: `Community ${id.slice(0, 8)}`,
    description: '',
    visibility: 'public',
    defaultLocale: 'de',
    erasureContentPolicy: 'anonymize',
    createdAt: T0,
    ...overrides,
  };
}

export function anInvitation(communityId: string, overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: randomUUID(),
    communityId,
    tokenHash: randomUUID(),
    role: 'member',
    note: '',
    createdBy: null,
    createdAt: T0,
    expiresAt: new Date(T0.getTime() + 7 * 86_400_000),
    maxUses: 1,
    uses: 0,
    revokedAt: null,
    ...overrides,
  };
}

export async function createdAccount(repos: Repositories, overrides: Partial<Account> = {}): Promise<Account> {
  const account = anAccount(overrides);
  await repos.accounts.create(account, 'hash');
  return account;
}

export async function createdCommunity(repos: Repositories, overrides: Partial<Community> = {}): Promise<Community> {
  const community = aCommunity(overrides);
  await repos.communities.create(community);
  return community;
}

/** The promise rejects with the domain's error of this code (and nothing else). */
export async function expectDomainError(promise: Promise<unknown>, code: DomainErrorCode): Promise<void> {
  await expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === code);
}
