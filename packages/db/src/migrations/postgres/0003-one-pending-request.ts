import { sql, type Kysely } from 'kysely';

/**
 * At most one pending export per member and one pending join request per member and
 * community: the use cases check first, these indexes decide when two requests race.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index data_exports_one_pending_idx on data_exports (account_id) where status = 'pending'`.execute(db);
  await sql`create unique index join_requests_one_pending_idx on join_requests (community_id, account_id) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index join_requests_one_pending_idx`.execute(db);
  await sql`drop index data_exports_one_pending_idx`.execute(db);
}
