import type { Kysely } from 'kysely';
import type { AccountRepository, OneTimeTokenRepository, SessionRepository } from '@quorum/domain/accounts/account.port';
import type {
  CommunityRepository,
  InvitationRepository,
  JoinRequestRepository,
  MembershipRepository,
} from '@quorum/domain/communities/community.port';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database } from '../schema/database.js';
import { KyselyAccountRepository } from './kysely-account-repository.js';
import { KyselyCommunityRepository } from './kysely-community-repository.js';
import { KyselyInvitationRepository } from './kysely-invitation-repository.js';
import { KyselyJoinRequestRepository } from './kysely-join-request-repository.js';
import { KyselyMembershipRepository } from './kysely-membership-repository.js';
import { KyselyOneTimeTokenRepository } from './kysely-one-time-token-repository.js';
import { KyselySessionRepository } from './kysely-session-repository.js';

export interface Repositories {
  accounts: AccountRepository;
  sessions: SessionRepository;
  tokens: OneTimeTokenRepository;
  communities: CommunityRepository;
  memberships: MembershipRepository;
  joinRequests: JoinRequestRepository;
  invitations: InvitationRepository;
}

/** Every repository, bound to `db`: the database itself or one transaction of it. */
export function createRepositories(db: Kysely<Database>, capabilities: DialectCapabilities): Repositories {
  return {
    accounts: new KyselyAccountRepository(db, capabilities),
    sessions: new KyselySessionRepository(db, capabilities),
    tokens: new KyselyOneTimeTokenRepository(db, capabilities),
    communities: new KyselyCommunityRepository(db, capabilities),
    memberships: new KyselyMembershipRepository(db, capabilities),
    joinRequests: new KyselyJoinRequestRepository(db, capabilities),
    invitations: new KyselyInvitationRepository(db, capabilities),
  };
}
