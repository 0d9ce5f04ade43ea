import { sql, type Kysely } from 'kysely';

/**
 * At most one pending export per member and one pending join request per member and
 * community: the use cases check first, these indexes decide when two requests race.
 *
 * The race these indexes close could already have left duplicates, on which creating them
 * fails. So the newest pending one is kept first: older pending exports are marked failed
 * (the member asks again), older pending requests of the same person are deleted (the
 * newest message stands). Added after release: databases that ran 0003 never rerun it,
 * and on those that did, there was nothing to repair.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update data_exports set status = 'failed', file = null
    where status = 'pending' and exists (
      select 1 from data_exports newer
      where newer.account_id = data_exports.account_id and newer.status = 'pending'
        and (newer.created_at > data_exports.created_at or (newer.created_at = data_exports.created_at and newer.id > data_exports.id))
    )`.execute(db);
  await sql`
    delete from join_requests
    where status = 'pending' and exists (
      select 1 from join_requests newer
      where newer.community_id = join_requests.community_id and newer.account_id = join_requests.account_id and newer.status = 'pending'
        and (newer.created_at > join_requests.created_at or (newer.created_at = join_requests.created_at and newer.id > join_requests.id))
    )`.execute(db);
  await sql`create unique index data_exports_one_pending_idx on data_exports (account_id) where status = 'pending'`.execute(
    db,
  );
  await sql`create unique index join_requests_one_pending_idx on join_requests (community_id, account_id) where status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index join_requests_one_pending_idx`.execute(db);
  await sql`drop index data_exports_one_pending_idx`.execute(db);
}
