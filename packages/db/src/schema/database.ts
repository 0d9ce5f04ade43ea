import type { AccountsTable } from './accounts.table.js';
import type { AuditLogTable } from './audit-log.table.js';
import type { CommunitiesTable } from './communities.table.js';
import type { CommunityPurposesTable } from './community-purposes.table.js';
import type { ConsentCurrentTable } from './consent-current.table.js';
import type { ConsentEventsTable } from './consent-events.table.js';
import type { DataExportsTable } from './data-exports.table.js';
import type { CategoriesTable, PostRevisionsTable, PostsTable, ThreadReadsTable, ThreadsTable } from './discussions.table.js';
import type { ErasureMarkersTable } from './erasure-markers.table.js';
import type { ErasureTombstonesTable } from './erasure-tombstones.table.js';
import type { InstanceSettingsTable } from './instance-settings.table.js';
import type { InvitationsTable } from './invitations.table.js';
import type { JobEventsTable } from './job-events.table.js';
import type { JobsTable } from './jobs.table.js';
import type { JoinRequestsTable } from './join-requests.table.js';
import type { KnownDevicesTable } from './known-devices.table.js';
import type { MembershipsTable } from './memberships.table.js';
import type { OneTimeTokensTable } from './one-time-tokens.table.js';
import type { PolicyTextsTable } from './policy-texts.table.js';
import type { ProfileAttributesTable } from './profile-attributes.table.js';
import type { ProfileValuesTable } from './profile-values.table.js';
import type { SessionsTable } from './sessions.table.js';
import type {
  SurveyAnswersTable,
  SurveyParticipationsTable,
  SurveyPseudonymsTable,
  SurveyResponsesTable,
  SurveysTable,
  SurveyVersionsTable,
} from './surveys.table.js';

/** Every table Quorum owns, as Kysely sees them (snake_case, as stored). */
export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  communities: CommunitiesTable;
  memberships: MembershipsTable;
  join_requests: JoinRequestsTable;
  invitations: InvitationsTable;
  policy_texts: PolicyTextsTable;
  community_purposes: CommunityPurposesTable;
  consent_events: ConsentEventsTable;
  erasure_markers: ErasureMarkersTable;
  erasure_tombstones: ErasureTombstonesTable;
  profile_attributes: ProfileAttributesTable;
  profile_values: ProfileValuesTable;
  jobs: JobsTable;
  job_events: JobEventsTable;
  data_exports: DataExportsTable;
  audit_log: AuditLogTable;
  instance_settings: InstanceSettingsTable;
  consent_current: ConsentCurrentTable;
  known_devices: KnownDevicesTable;
  categories: CategoriesTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  thread_reads: ThreadReadsTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
  survey_pseudonyms: SurveyPseudonymsTable;
  survey_participations: SurveyParticipationsTable;
}

export type {
  AccountsTable, AuditLogTable, CommunitiesTable, CommunityPurposesTable, ConsentEventsTable, DataExportsTable,
  ErasureMarkersTable, ErasureTombstonesTable, InstanceSettingsTable, InvitationsTable, JobEventsTable, JobsTable,
  JoinRequestsTable, MembershipsTable, OneTimeTokensTable, PolicyTextsTable, ProfileAttributesTable, ProfileValuesTable,
  SessionsTable,
};
export type { ConsentCurrentTable };
export type { KnownDevicesTable };
export type { CategoriesTable, PostRevisionsTable, PostsTable, ThreadReadsTable, ThreadsTable };
export type { SurveyAnswersTable, SurveyParticipationsTable, SurveyPseudonymsTable, SurveyResponsesTable, SurveysTable, SurveyVersionsTable };
export type { Bytes, Flag, Json, Timestamp } from './column-types.js';
