import type { ErasureContentPolicy } from '../communities/community.js';
import type { CorePurposeId, DataCategory } from '../consent/purpose-register.js';
import type { RetentionRuleId } from './retention.js';

/**
 * The personal-data map: every table of the schema, once. Export, erasure and retention
 * are driven by it, and a test fails when a table of the schema is missing here.
 *
 * `subjects` names the columns that hold a member's account id and what erasure does
 * there: delete the row, clear the reference, or replace it by the member's random
 * tombstone id (the record stays, the person is gone). Entries are in erasure order:
 * children before the rows they reference, `accounts` last; pseudonymizing runs after
 * every row is gone (the ledger allows its rewrite only once the account is).
 *
 * What a member wrote in a community (thread titles, posts) follows the community's
 * `erasureContentPolicy` instead: a `ByCommunityPolicy` action names the row's community
 * column and what each policy does.
 */
export type SubjectAction = 'delete_row' | 'set_null' | 'pseudonymize' | ByCommunityPolicy;

export interface ByCommunityPolicy {
  /** The row's column naming its community, whose erasureContentPolicy decides. */
  community: string;
  byPolicy: Readonly<Record<ErasureContentPolicy, ContentErasure>>;
}

/**
 * The reference to the member is always cleared — not replaced by a tombstone, so one
 * person's anonymized posts are not linked to each other (decision 021).
 */
export interface ContentErasure {
  subject: 'set_null';
  /** Text columns emptied: the reader shows a placeholder. */
  blank?: readonly string[];
  /** Timestamp columns set to the erasure time where still empty (the placeholder's "deleted" mark). */
  stamp?: readonly string[];
}

export const isByCommunityPolicy = (action: SubjectAction): action is ByCommunityPolicy => typeof action === 'object';

export interface PersonalTable {
  table: string;
  personal: true;
  /** What the data is kept for (the records of processing list the table under each). */
  purposes: readonly CorePurposeId[];
  /** The personal columns and their category. */
  columns: Readonly<Record<string, DataCategory>>;
  subjects: Readonly<Record<string, SubjectAction>>;
  /**
   * Subject columns where the member appears as the one who acted on someone else's row
   * (decided their join request, looked at their data). Such rows are exported with only
   * the listed columns — the action, not the other person's data. Rows matched through any
   * other subject column are about the member and exported whole.
   */
  actedOn?: Readonly<Record<string, readonly string[]>>;
  /**
   * Columns others fill in their own words about the member (a staff member's reason): on
   * erasure the member's email and name are blanked there (`withoutPerson`), the words stay.
   */
  freeText?: readonly string[];
  /**
   * Rows that belong to the member through a row of another table (an answer through its
   * response, a pseudonymous response through the member's pseudonym link): the export
   * follows these links; erasure does not — the linked rows go with their parent (foreign
   * key), or stay without the link that made them the member's (pseudonymous answers).
   */
  reachedThrough?: readonly { column: string; table: string; key: string }[];
  /** Columns never handed out, even to the member (credential hashes). */
  secretColumns?: readonly string[];
  /** Included in the member's export, or why not. */
  export: 'include' | { exclude: string };
  retention: 'account_lifetime' | RetentionRuleId;
}

export interface NonPersonalTable {
  table: string;
  personal: false;
  reason: string;
}

export type DataMapEntry = PersonalTable | NonPersonalTable;

export const dataMap: readonly DataMapEntry[] = [
  {
    table: 'sessions',
    personal: true,
    purposes: ['community_participation'],
    columns: { account_id: 'security', created_at: 'security', last_seen_at: 'security' },
    subjects: { account_id: 'delete_row' },
    secretColumns: ['token_hash'],
    export: 'include',
    retention: 'sessions_expired',
  },
  {
    table: 'one_time_tokens',
    personal: true,
    purposes: ['community_participation'],
    columns: { account_id: 'security', payload: 'contact' },
    subjects: { account_id: 'delete_row' },
    secretColumns: ['token_hash'],
    export: { exclude: 'Short-lived links for verification and reset; their secrets are never handed out.' },
    retention: 'tokens_expired',
  },
  {
    table: 'known_devices',
    personal: true,
    purposes: ['community_participation'],
    columns: { account_id: 'security', created_at: 'security', last_used_at: 'security' },
    subjects: { account_id: 'delete_row' },
    secretColumns: ['token_hash'],
    export: 'include',
    retention: 'known_devices_unused',
  },
  {
    table: 'profile_values',
    personal: true,
    purposes: ['community_participation', 'profile_targeting'],
    columns: { account_id: 'identity', value: 'profile' },
    subjects: { account_id: 'delete_row' },
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    table: 'memberships',
    personal: true,
    purposes: ['community_participation'],
    columns: { account_id: 'participation', role: 'participation', joined_at: 'participation' },
    subjects: { account_id: 'delete_row' },
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    table: 'join_requests',
    personal: true,
    purposes: ['community_participation'],
    columns: { account_id: 'participation', message: 'content', decided_by: 'identity' },
    subjects: { account_id: 'delete_row', decided_by: 'set_null' },
    actedOn: { decided_by: ['id', 'community_id', 'status', 'decided_at', 'decided_by'] },
    export: 'include',
    retention: 'join_requests_decided',
  },
  {
    table: 'invitations',
    personal: true,
    purposes: ['community_participation'],
    columns: { created_by: 'identity', note: 'content' },
    subjects: { created_by: 'set_null' },
    secretColumns: ['token_hash'],
    export: 'include',
    retention: 'invitations_ended',
  },
  {
    table: 'policy_texts',
    personal: true,
    purposes: ['community_participation'],
    columns: { published_by: 'identity' },
    subjects: { published_by: 'set_null' },
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    table: 'consent_events',
    personal: true,
    purposes: ['community_participation', 'research_surveys', 'email_notifications', 'profile_targeting'],
    columns: { account_id: 'consent_records', purpose_id: 'consent_records', action: 'consent_records', request_id: 'security' },
    subjects: { account_id: 'pseudonymize' },
    export: 'include',
    retention: 'consent_tombstones',
  },
  {
    // The current decision per purpose, derived from consent_events in the same transaction.
    table: 'consent_current',
    personal: true,
    purposes: ['community_participation', 'research_surveys', 'email_notifications', 'profile_targeting'],
    columns: { account_id: 'consent_records', purpose_id: 'consent_records', status: 'consent_records', decided_at: 'consent_records' },
    subjects: { account_id: 'delete_row' },
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    table: 'audit_log',
    personal: true,
    purposes: ['community_participation'],
    columns: { actor_id: 'identity', subject_id: 'identity', reason: 'security' },
    subjects: { actor_id: 'pseudonymize', subject_id: 'pseudonymize' },
    freeText: ['reason'],
    actedOn: { actor_id: ['id', 'actor_id', 'community_id', 'action', 'occurred_at'] },
    export: 'include',
    retention: 'audit_log',
  },
  {
    table: 'data_exports',
    personal: true,
    purposes: ['community_participation'],
    // The ZIP itself is a file under DATA_DIR (exports/<id>.zip), deleted with its row.
    columns: { account_id: 'identity', requested_by: 'identity' },
    subjects: { account_id: 'delete_row', requested_by: 'set_null' },
    export: { exclude: 'The export files themselves: an export does not contain older exports.' },
    retention: 'exports_expired',
  },
  {
    table: 'jobs',
    personal: true,
    purposes: ['community_participation'],
    columns: { subject_account_id: 'identity', payload: 'identity' },
    subjects: { subject_account_id: 'delete_row' },
    export: { exclude: 'Operational queue entries (an export or a mail in progress) that only point at the member.' },
    retention: 'jobs_finished',
  },
  {
    table: 'thread_reads',
    personal: true,
    purposes: ['community_participation'],
    columns: { account_id: 'participation', last_read_number: 'participation', updated_at: 'participation' },
    subjects: { account_id: 'delete_row' },
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    // Earlier bodies of edited posts, for moderators: they go with the member in every case
    // (there is nobody left to moderate), the current text follows the community's policy.
    table: 'post_revisions',
    personal: true,
    purposes: ['community_participation'],
    columns: { author_id: 'identity', body: 'content', replaced_at: 'content' },
    subjects: { author_id: 'delete_row' },
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    table: 'posts',
    personal: true,
    purposes: ['community_participation'],
    columns: { author_id: 'identity', body: 'content', created_at: 'content', edited_at: 'content', deleted_by: 'identity' },
    subjects: {
      author_id: {
        community: 'community_id',
        byPolicy: { anonymize: { subject: 'set_null' }, delete: { subject: 'set_null', blank: ['body'], stamp: ['deleted_at'] } },
      },
      deleted_by: 'set_null',
    },
    // Posts the member deleted as staff: that they did, not the other person's post.
    actedOn: { deleted_by: ['id', 'thread_id', 'community_id', 'number', 'deleted_at', 'deleted_by'] },
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    table: 'threads',
    personal: true,
    purposes: ['community_participation'],
    columns: { author_id: 'identity', title: 'content', created_at: 'content' },
    subjects: {
      author_id: {
        community: 'community_id',
        byPolicy: { anonymize: { subject: 'set_null' }, delete: { subject: 'set_null', blank: ['title'] } },
      },
    },
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    // Identified responses name the account; pseudonymous ones are the member's through the link.
    table: 'survey_responses',
    personal: true,
    purposes: ['research_surveys'],
    columns: { account_id: 'identity', pseudonym: 'identity', submitted_on: 'survey_responses' },
    subjects: { account_id: 'delete_row' },
    reachedThrough: [{ column: 'pseudonym', table: 'survey_pseudonyms', key: 'pseudonym' }],
    export: 'include',
    retention: 'survey_responses_withdrawn',
  },
  {
    table: 'survey_answers',
    personal: true,
    purposes: ['research_surveys'],
    columns: { number_value: 'survey_responses', text_value: 'survey_responses' },
    subjects: {},
    reachedThrough: [{ column: 'response_id', table: 'survey_responses', key: 'id' }],
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    // Erasing the person removes the link; the answers stay, and nothing leads back.
    table: 'survey_pseudonyms',
    personal: true,
    purposes: ['research_surveys'],
    columns: { account_id: 'identity', pseudonym: 'identity' },
    subjects: { account_id: 'delete_row' },
    export: 'include',
    retention: 'survey_links_withdrawn',
  },
  {
    // Who finished a survey (one response per member); for anonymous surveys the only trace of the member.
    table: 'survey_participations',
    personal: true,
    purposes: ['research_surveys'],
    columns: { account_id: 'identity', participated_on: 'survey_responses' },
    subjects: { account_id: 'delete_row' },
    export: 'include',
    retention: 'survey_participations_withdrawn',
  },
  {
    table: 'surveys',
    personal: true,
    purposes: ['community_participation'],
    columns: { created_by: 'identity' },
    subjects: { created_by: 'set_null' },
    actedOn: { created_by: ['id', 'community_id', 'created_at', 'created_by'] },
    export: 'include',
    retention: 'account_lifetime',
  },
  {
    table: 'erasure_markers',
    personal: true,
    purposes: ['community_participation'],
    columns: { account_id: 'identity' },
    subjects: { account_id: 'delete_row' },
    export: { exclude: 'Exists only inside the erasure transaction, which deletes it again.' },
    retention: 'account_lifetime',
  },
  {
    table: 'accounts',
    personal: true,
    purposes: ['community_participation', 'research_surveys', 'email_notifications'],
    columns: { id: 'identity', email: 'contact', display_name: 'identity', locale: 'identity', created_at: 'identity' },
    subjects: { id: 'delete_row' },
    secretColumns: ['password_hash'],
    export: 'include',
    retention: 'account_lifetime',
  },
  { table: 'categories', personal: false, reason: 'Discussion categories: names and descriptions staff give in the name of the community.' },
  { table: 'communities', personal: false, reason: 'Community settings and texts written by staff in the name of the community.' },
  { table: 'community_purposes', personal: false, reason: 'The purposes a community registered: its processing records.' },
  { table: 'profile_attributes', personal: false, reason: 'The questions of a community profile, not the answers.' },
  { table: 'job_events', personal: false, reason: 'Progress and error lines of a job (no personal data); deleted with their job.' },
  { table: 'erasure_tombstones', personal: false, reason: 'Random ids that replaced erased members, with the erasure date; they identify nobody.' },
  { table: 'instance_settings', personal: false, reason: "The operator's configuration (legal links, minimum age)." },
  { table: 'survey_versions', personal: false, reason: 'Survey definitions (questions, logic, texts) written by staff for the community.' },
  { table: 'kysely_migration', personal: false, reason: 'Schema migration bookkeeping.' },
];

export function personalTables(): PersonalTable[] {
  return dataMap.filter((entry): entry is PersonalTable => entry.personal);
}
