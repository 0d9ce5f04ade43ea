import type { Account } from '@quorum/domain/accounts/account';
import type { Session } from '@quorum/domain/accounts/account.port';
import type { Viewer } from '@quorum/domain/communities/permissions';
import type { Clock } from '@quorum/domain/shared/clock';
import type { FileStorage } from '@quorum/domain/shared/file-storage.port';
import type { IdGenerator } from '@quorum/domain/shared/ids';
import type { QuorumDatabase } from '@quorum/db/connect';
import { resolveSession } from './auth/sessions.js';
import type { PasswordHasher } from './auth/passwords.js';
import { rateLimitAddress, type RateLimiter } from './auth/rate-limit.js';
import type { Env } from './env.js';
import type { BatchedReadMarks } from './discussions/batched-read-marks.js';
import type { Logger } from './logger.js';
import type { Mailer } from './mail/mailer.js';

/** What lives as long as the process: built once in main.ts (or per test). */
export interface AppServices {
  db: QuorumDatabase;
  clock: Clock;
  newId: IdGenerator;
  mailer: Mailer;
  env: Env;
  rateLimiter: RateLimiter;
  passwords: PasswordHasher;
  logger: Logger;
  /** Files beside the database: member exports (DATA_DIR/files). */
  files: FileStorage;
  /** What members read, written in batches (see batched-read-marks.ts). */
  readMarks: BatchedReadMarks;
}

/** What one request brings; tests calling `createCaller` pass what they need. */
export interface RequestInfo {
  sessionToken?: string | null;
  /** The device cookie's token: this browser signed in before (sign-in limits trust it). */
  deviceToken?: string | null;
  ip?: string;
  /** The x-quorum-csrf header's value. */
  csrfHeader?: string | null;
  origin?: string | null;
  /** The Host header (where the browser sent the request). */
  host?: string | null;
  /** The Sec-Fetch-Site header: whether the browser sends this from another site. */
  fetchSite?: string | null;
  /** Adds a Set-Cookie header to the response. */
  setCookie?: (cookie: string) => void;
}

export interface Context extends AppServices {
  /** Names this request in the consent ledger (part of the proof) and in logs. */
  requestId: string;
  /** The client's address as limits per address count it: IPv6 by its /64 (rateLimitAddress). */
  ip: string;
  deviceToken: string | null;
  csrfHeader: string | null;
  origin: string | null;
  host: string | null;
  fetchSite: string | null;
  setCookie: (cookie: string) => void;
  session: Session | null;
  account: Account | null;
  viewer: Viewer;
}

export async function createContextInner(services: AppServices, request: RequestInfo = {}): Promise<Context> {
  const signedIn = await resolveSession(services.db.repositories, services.clock, request.sessionToken ?? null);
  return {
    ...services,
    requestId: services.newId(),
    ip: rateLimitAddress(request.ip ?? 'unknown'),
    deviceToken: request.deviceToken ?? null,
    csrfHeader: request.csrfHeader ?? null,
    origin: request.origin ?? null,
    host: request.host ?? null,
    fetchSite: request.fetchSite ?? null,
    setCookie: request.setCookie ?? (() => undefined),
    session: signedIn?.session ?? null,
    account: signedIn?.account ?? null,
    viewer: signedIn ? { accountId: signedIn.account.id, isInstanceAdmin: signedIn.account.isInstanceAdmin } : null,
  };
}
