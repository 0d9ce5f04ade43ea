import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DomainError, type DomainErrorCode } from '@quorum/domain/shared/domain-error';
import type { Account } from '@quorum/domain/accounts/account';
import type { Community } from '@quorum/domain/communities/community';
import type { Invitation } from '@quorum/domain/communities/invitation';
import type { ProfileAttribute } from '@quorum/domain/communities/profile-attribute';
import type { ConsentEvent } from '@quorum/domain/consent/consent-ledger';
import { policyTextHash, type PolicyText } from '@quorum/domain/consent/policy-text';
import type { Job } from '@quorum/domain/jobs/job';
import type { AuditEntry } from '@quorum/domain/privacy/audit';
import type { DataExport } from '@quorum/domain/privacy/data-export';
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
    timeZone: 'Europe/Berlin',
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

export const DAY_MS = 86_400_000;
export const at = (days: number, from: Date = T0): Date => new Date(from.getTime() + days * DAY_MS);

/** A published text of `document` (instance scope unless communityId is given), hashed like the domain does. */
export function aPolicyText(overrides: Partial<PolicyText> = {}): PolicyText {
  const body = overrides.body ?? `Text ${randomUUID()} — with enough words to be a policy.`;
  return {
    id: randomUUID(),
    communityId: null,
    document: 'terms',
    version: 1,
    locale: 'de',
    body,
    bodyHash: policyTextHash(body),
    publishedAt: T0,
    publishedBy: null,
    ...overrides,
  };
}

export async function publishedText(repos: Repositories, overrides: Partial<PolicyText> = {}): Promise<PolicyText> {
  const text = aPolicyText(overrides);
  await repos.policyTexts.publish([text]);
  return text;
}

export function aConsentEvent(accountId: string, text: PolicyText, overrides: Partial<ConsentEvent> = {}): ConsentEvent {
  return {
    id: randomUUID(),
    accountId,
    communityId: text.communityId,
    purposeId: 'research_surveys',
    policyTextId: text.id,
    policyVersion: text.version,
    textHash: text.bodyHash,
    locale: text.locale,
    action: 'grant',
    channel: 'privacy_center',
    occurredAt: T0,
    requestId: `req-${randomUUID()}`,
    ...overrides,
  };
}

export function aJob(overrides: Partial<Job> = {}): Job {
  return {
    id: randomUUID(),
    kind: 'test',
    payload: {},
    status: 'queued',
    runAt: T0,
    attempts: 0,
    maxAttempts: 3,
    leaseOwner: null,
    leaseExpiresAt: null,
    progress: 0,
    lastError: null,
    subjectAccountId: null,
    createdAt: T0,
    finishedAt: null,
    ...overrides,
  };
}

export function anAttribute(communityId: string, overrides: Partial<ProfileAttribute> = {}): ProfileAttribute {
  const id = randomUUID();
  return {
    id,
    communityId,
    key: `k_${id.slice(0, 8)}`,
    type: 'single_choice',
    label: { de: 'Region', en: 'Region' },
    options: [
      { value: 'north', label: { de: 'Nord', en: 'North' } },
      { value: 'south', label: { de: 'Süd', en: 'South' } },
    ],
    required: false,
    position: 0,
    createdAt: T0,
    ...overrides,
  };
}

export function anAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: randomUUID(),
    actorId: null,
    subjectId: null,
    communityId: null,
    action: 'member.details_viewed',
    reason: 'Support request by phone',
    occurredAt: T0,
    ...overrides,
  };
}

export function aDataExport(accountId: string, overrides: Partial<DataExport> = {}): DataExport {
  return {
    id: randomUUID(),
    accountId,
    requestedBy: accountId,
    jobId: randomUUID(),
    status: 'pending',
    createdAt: T0,
    readyAt: null,
    sizeBytes: null,
    ...overrides,
  };
}

/** The first page of a list, large enough for any test's rows. */
export const firstPage = { position: null, limit: 100 } as const;
