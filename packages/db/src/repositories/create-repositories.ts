import type { Kysely } from 'kysely';
import type {
  AccountRepository,
  KnownDeviceRepository,
  OneTimeTokenRepository,
  SessionRepository,
} from '@quorum/domain/accounts/account.port';
import type {
  CommunityRepository,
  InvitationRepository,
  JoinRequestRepository,
  MembershipRepository,
} from '@quorum/domain/communities/community.port';
import type { ProfileAttributeRepository, ProfileValueRepository } from '@quorum/domain/communities/profile-attribute.port';
import type { ConsentLedgerRepository, PolicyTextRepository, PurposeRepository } from '@quorum/domain/consent/consent.port';
import type { JobRepository } from '@quorum/domain/jobs/job.port';
import type {
  AuditLogRepository,
  DataExportRepository,
  PersonalDataRepository,
  RetentionRepository,
} from '@quorum/domain/privacy/privacy.port';
import type { InstanceSettingsRepository } from '@quorum/domain/shared/instance-settings';
import type { CategoryRepository, PostRepository, ReadMarkRepository, ThreadRepository } from '@quorum/domain/threads/thread.port';
import type { SurveyRepository, SurveyResponseRepository } from '@quorum/domain/surveys/survey.port';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database } from '../schema/database.js';
import { KyselyAccountRepository } from './kysely-account-repository.js';
import { KyselyAuditLogRepository } from './kysely-audit-log-repository.js';
import { KyselyCategoryRepository } from './kysely-category-repository.js';
import { KyselyCommunityRepository } from './kysely-community-repository.js';
import { KyselyConsentLedgerRepository } from './kysely-consent-ledger-repository.js';
import { KyselyDataExportRepository } from './kysely-data-export-repository.js';
import { KyselyInstanceSettingsRepository } from './kysely-instance-settings-repository.js';
import { KyselyInvitationRepository } from './kysely-invitation-repository.js';
import { KyselyJobRepository } from './kysely-job-repository.js';
import { KyselyJoinRequestRepository } from './kysely-join-request-repository.js';
import { KyselyKnownDeviceRepository } from './kysely-known-device-repository.js';
import { KyselyMembershipRepository } from './kysely-membership-repository.js';
import { KyselyOneTimeTokenRepository } from './kysely-one-time-token-repository.js';
import { KyselyPersonalDataRepository } from './kysely-personal-data-repository.js';
import { KyselyPolicyTextRepository } from './kysely-policy-text-repository.js';
import { KyselyPostRepository } from './kysely-post-repository.js';
import { KyselyProfileAttributeRepository, KyselyProfileValueRepository } from './kysely-profile-attribute-repository.js';
import { KyselyPurposeRepository } from './kysely-purpose-repository.js';
import { KyselyReadMarkRepository } from './kysely-read-mark-repository.js';
import { KyselyRetentionRepository } from './kysely-retention-repository.js';
import { KyselySessionRepository } from './kysely-session-repository.js';
import { KyselyThreadRepository } from './kysely-thread-repository.js';
import { KyselySurveyRepository } from './kysely-survey-repository.js';
import { KyselySurveyResponseRepository } from './kysely-survey-response-repository.js';

export interface Repositories {
  accounts: AccountRepository;
  sessions: SessionRepository;
  tokens: OneTimeTokenRepository;
  communities: CommunityRepository;
  memberships: MembershipRepository;
  joinRequests: JoinRequestRepository;
  invitations: InvitationRepository;
  policyTexts: PolicyTextRepository;
  consentLedger: ConsentLedgerRepository;
  purposes: PurposeRepository;
  profileAttributes: ProfileAttributeRepository;
  profileValues: ProfileValueRepository;
  settings: InstanceSettingsRepository;
  jobs: JobRepository;
  auditLog: AuditLogRepository;
  dataExports: DataExportRepository;
  personalData: PersonalDataRepository;
  retention: RetentionRepository;
  knownDevices: KnownDeviceRepository;
  categories: CategoryRepository;
  threads: ThreadRepository;
  posts: PostRepository;
  readMarks: ReadMarkRepository;
  surveys: SurveyRepository;
  surveyResponses: SurveyResponseRepository;
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
    policyTexts: new KyselyPolicyTextRepository(db, capabilities),
    consentLedger: new KyselyConsentLedgerRepository(db, capabilities),
    purposes: new KyselyPurposeRepository(db, capabilities),
    profileAttributes: new KyselyProfileAttributeRepository(db, capabilities),
    profileValues: new KyselyProfileValueRepository(db, capabilities),
    settings: new KyselyInstanceSettingsRepository(db, capabilities),
    jobs: new KyselyJobRepository(db, capabilities),
    auditLog: new KyselyAuditLogRepository(db, capabilities),
    dataExports: new KyselyDataExportRepository(db, capabilities),
    personalData: new KyselyPersonalDataRepository(db, capabilities),
    retention: new KyselyRetentionRepository(db, capabilities),
    knownDevices: new KyselyKnownDeviceRepository(db, capabilities),
    categories: new KyselyCategoryRepository(db, capabilities),
    threads: new KyselyThreadRepository(db, capabilities),
    posts: new KyselyPostRepository(db, capabilities),
    readMarks: new KyselyReadMarkRepository(db, capabilities),
    surveys: new KyselySurveyRepository(db, capabilities),
    surveyResponses: new KyselySurveyResponseRepository(db, capabilities),
  };
}
