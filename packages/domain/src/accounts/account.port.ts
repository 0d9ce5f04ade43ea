import type { Account } from './account.js';
import type { OneTimeTokenPurpose } from './session-policy.js';
import type { Id } from '../shared/ids.js';

export type AccountPatch = Partial<
  Pick<Account, 'email' | 'emailVerifiedAt' | 'displayName' | 'locale' | 'isInstanceAdmin'>
>;

export interface AccountRepository {
  create(account: Account, passwordHash: string): Promise<void>;
  findById(id: Id): Promise<Account | null>;
  /** Expects a normalized address. */
  findByEmail(email: string): Promise<Account | null>;
  findPasswordHash(id: Id): Promise<string | null>;
  /**
   * The hash, with the account held until the transaction ends: a password change or an
   * erasure waits for it, and then sees (and ends) what the transaction wrote, e.g. a session.
   */
  holdPasswordHash(id: Id): Promise<string | null>;
  /**
   * Whether the account exists, held until the transaction ends (FOR NO KEY UPDATE on
   * PostgreSQL, as the consent ledger does; SQLite serialises write transactions): the member's
   * writes that hold it take turns (two tabs), an erasure or a consent change waits for the
   * holder, and a holder that comes after an erasure finds no account.
   */
  hold(id: Id): Promise<boolean>;
  /**
   * Locks the account row for its erasure (FOR UPDATE on PostgreSQL): every request still
   * writing for the member (holding the row, or a foreign key to it) finishes first. Take it
   * after the counted sets (`lockInstanceAdmins`, `lockOwners`; decision 034).
   */
  lockForErasure(id: Id): Promise<void>;
  update(id: Id, patch: AccountPatch): Promise<void>;
  setPasswordHash(id: Id, passwordHash: string): Promise<void>;
  countInstanceAdmins(): Promise<number>;
  /**
   * The instance admins' ids, their rows locked until the transaction ends: two admins
   * deleting their accounts at once cannot both see the other one stay.
   */
  lockInstanceAdmins(): Promise<Id[]>;
}

export interface Session {
  id: Id;
  accountId: Id;
  /** SHA-256 of the cookie's token: a database leak yields no usable session. */
  tokenHash: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface SessionRepository {
  create(session: Session): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<Session | null>;
  /** The session with its account in one query: every request with a cookie asks this. */
  findWithAccount(tokenHash: string): Promise<{ session: Session; account: Account } | null>;
  touch(id: Id, at: Date): Promise<void>;
  delete(id: Id): Promise<void>;
  /** Ends every session of an account, but the one kept (if any). Returns how many ended. */
  deleteForAccount(accountId: Id, keepSessionId?: Id): Promise<number>;
  deleteExpired(idleBefore: Date, createdBefore: Date): Promise<number>;
}

export interface OneTimeToken {
  tokenHash: string;
  purpose: OneTimeTokenPurpose;
  accountId: Id | null;
  /** Purpose-specific data, e.g. the new address of an email change. */
  payload: string | null;
  expiresAt: Date;
  createdAt: Date;
}

export interface OneTimeTokenRepository {
  create(token: OneTimeToken): Promise<void>;
  /** Deletes and returns the token if it exists for the purpose (single use). */
  consume(tokenHash: string, purpose: OneTimeTokenPurpose): Promise<OneTimeToken | null>;
  /** Reads the token without using it up (checked before slow work, consumed after). */
  find(tokenHash: string, purpose: OneTimeTokenPurpose): Promise<OneTimeToken | null>;
  findValid(purpose: OneTimeTokenPurpose, now: Date): Promise<OneTimeToken[]>;
  deleteForAccount(accountId: Id, purpose: OneTimeTokenPurpose): Promise<void>;
  /** Revokes every token of a purpose, whoever it belongs to (older setup links). */
  deleteAll(purpose: OneTimeTokenPurpose): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

/**
 * A browser that signed in to the account before, known by its device cookie's token
 * (stored as a hash). Sign-in limits trust it: failures from elsewhere do not hold it back.
 */
export interface KnownDevice {
  tokenHash: string;
  accountId: Id;
  createdAt: Date;
  lastUsedAt: Date;
}

export interface KnownDeviceRepository {
  /** Remembers the browser for the account, or refreshes when it was last used. */
  remember(tokenHash: string, accountId: Id, at: Date): Promise<void>;
  find(tokenHash: string, accountId: Id): Promise<KnownDevice | null>;
  /** Forgets every browser of an account but the one kept (if any). Returns how many. */
  forgetForAccount(accountId: Id, keepTokenHash?: string): Promise<number>;
}
