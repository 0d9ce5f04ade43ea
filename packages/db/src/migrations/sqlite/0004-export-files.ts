import { sql, type Kysely } from 'kysely';

/*
 * Frozen in time (see 0001). Exports move out of the database into files under DATA_DIR
 * (`exports/<id>.zip`, decision 009): the blob column goes. Ready exports made before hold
 * their ZIP only in that column, so they go with it (the member asks again; they lived
 * 7 days at most). Kysely's migration lock table is unused since migrations lock the
 * database themselves (decision 008).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('data_exports').where('status', '=', 'ready').execute();
  await db.schema.alterTable('data_exports').dropColumn('file').execute();
  await sql`drop table if exists kysely_migration_lock`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('data_exports').addColumn('file', 'blob').execute();
}
