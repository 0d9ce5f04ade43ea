import type { Id } from '../shared/ids.js';
import type { Locale } from '../shared/locale.js';
import type { ConsentEvent } from './consent-ledger.js';
import type { PolicyDocument, PolicyText } from './policy-text.js';
import type { Purpose } from './purpose-register.js';

export interface PolicyTextRepository {
  /** Inserts one version's texts (all locales) — published together. */
  publish(texts: PolicyText[]): Promise<void>;
  /** The current (highest) version in a locale: the community's own if it has one, else null. */
  findCurrent(communityId: Id | null, document: PolicyDocument, locale: Locale): Promise<PolicyText | null>;
  findVersion(communityId: Id | null, document: PolicyDocument, version: number, locale: Locale): Promise<PolicyText | null>;
  findById(id: Id): Promise<PolicyText | null>;
  /** Every version of a document (all locales), newest first. */
  listVersions(communityId: Id | null, document: PolicyDocument): Promise<PolicyText[]>;
  latestVersion(communityId: Id | null, document: PolicyDocument): Promise<number>;
}

export interface ConsentLedgerRepository {
  /** Insert-only: the database refuses UPDATE and DELETE outside the erasure path. */
  append(event: ConsentEvent): Promise<void>;
  listForAccount(accountId: Id): Promise<ConsentEvent[]>;
}

export interface PurposeRepository {
  /** Purposes a community added to the core register. */
  listForCommunity(communityId: Id): Promise<Purpose[]>;
  add(purpose: Purpose, createdAt: Date): Promise<void>;
}
