import { sql, type Kysely } from 'kysely';

/**
 * Lists that grow with a community are read page by page in key order (keyset pagination):
 * each list's filter and order in one index, so a page costs the same on page 1 and page 400.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index memberships_community_joined_idx on memberships (community_id, joined_at, account_id)`.execute(db);
  await sql`create index invitations_community_created_idx on invitations (community_id, created_at, id)`.execute(db);
  await sql`create index join_requests_pending_created_idx on join_requests (community_id, created_at, id) where status = 'pending'`.execute(db);
  await sql`create index audit_log_community_occurred_idx on audit_log (community_id, occurred_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_log_community_occurred_idx`.execute(db);
  await sql`drop index join_requests_pending_created_idx`.execute(db);
  await sql`drop index invitations_community_created_idx`.execute(db);
  await sql`drop index memberships_community_joined_idx`.execute(db);
}
