import type { Id } from '../shared/ids.js';
import type { Locale } from '../shared/locale.js';
import type { ConsentEvent, ConsentState } from './consent-ledger.js';
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

/** Whose consent to ask about: these accounts, or every member of a community. */
export type ConsentAudience = { accountIds: readonly Id[] } | { membersOf: Id };

export interface ConsentLedgerRepository {
  /**
   * Insert-only: the database refuses UPDATE and DELETE outside the erasure path, and
   * assigns the event its place in the ledger. Fails with NOT_FOUND when the account no
   * longer exists (erased while the request ran): checked inside the transaction.
   */
  append(event: ConsentEvent): Promise<void>;
  /** The member's events in ledger order (the database's sequence). */
  listForAccount(accountId: Id): Promise<ConsentEvent[]>;
  /**
   * The member's current state per purpose, as the current-consent table holds it (kept in
   * the transaction of every append): always equal to folding listForAccount.
   */
  currentForAccount(accountId: Id): Promise<ConsentState[]>;
  /**
   * Of the audience, the accounts whose current decision on the purpose is a grant of
   * `version`: the consent gate for many members in one query.
   */
  grantedOn(query: { communityId: Id | null; purposeId: string; version: number; audience: ConsentAudience }): Promise<Set<Id>>;
}

export interface PurposeRepository {
  /** Purposes a community added to the core register. */
  listForCommunity(communityId: Id): Promise<Purpose[]>;
  add(purpose: Purpose, createdAt: Date): Promise<void>;
}
