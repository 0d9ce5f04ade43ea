/**
 * Columns whose stored form differs between the dialects, for code that reads tables
 * generically (the data export): it converts them to JSON-friendly values by this list.
 * A test checks it against PostgreSQL's catalog (timestamptz, boolean, jsonb, bytea).
 */
export type ColumnKind = 'timestamp' | 'flag' | 'json' | 'bytes';

export const columnKinds: Readonly<Record<string, Readonly<Record<string, ColumnKind>>>> = {
  accounts: { email_verified_at: 'timestamp', is_instance_admin: 'flag', created_at: 'timestamp' },
  sessions: { created_at: 'timestamp', last_seen_at: 'timestamp' },
  one_time_tokens: { expires_at: 'timestamp', created_at: 'timestamp' },
  communities: { created_at: 'timestamp' },
  memberships: { joined_at: 'timestamp' },
  join_requests: { created_at: 'timestamp', decided_at: 'timestamp' },
  invitations: { created_at: 'timestamp', expires_at: 'timestamp', revoked_at: 'timestamp' },
  policy_texts: { published_at: 'timestamp' },
  community_purposes: { data_categories: 'json', recipients: 'json', texts: 'json', created_at: 'timestamp' },
  consent_events: { occurred_at: 'timestamp' },
  erasure_markers: { created_at: 'timestamp' },
  erasure_tombstones: { erased_at: 'timestamp' },
  profile_attributes: { label: 'json', options: 'json', required: 'flag', created_at: 'timestamp' },
  profile_values: { value: 'json', updated_at: 'timestamp' },
  jobs: { payload: 'json', run_at: 'timestamp', lease_expires_at: 'timestamp', created_at: 'timestamp', finished_at: 'timestamp' },
  job_events: { occurred_at: 'timestamp' },
  data_exports: { created_at: 'timestamp', ready_at: 'timestamp' },
  audit_log: { occurred_at: 'timestamp' },
  instance_settings: { value: 'json', updated_at: 'timestamp' },
  consent_current: { decided_at: 'timestamp' },
  known_devices: { created_at: 'timestamp', last_used_at: 'timestamp' },
  categories: { closed_to_members: 'flag', archived_at: 'timestamp', created_at: 'timestamp' },
  threads: { created_at: 'timestamp', last_posted_at: 'timestamp', pinned_at: 'timestamp', locked_at: 'timestamp' },
  posts: { created_at: 'timestamp', edited_at: 'timestamp', deleted_at: 'timestamp' },
  post_revisions: { replaced_at: 'timestamp' },
  thread_reads: { updated_at: 'timestamp' },
  surveys: { opens_at: 'timestamp', closes_at: 'timestamp', created_at: 'timestamp', updated_at: 'timestamp' },
  survey_versions: { definition: 'json', created_at: 'timestamp' },
  survey_responses: { started_at: 'timestamp', updated_at: 'timestamp' },
  survey_answers: {},
  survey_pseudonyms: {},
  survey_participations: {},
  kysely_migration: {},
};
