import type { Kysely } from 'kysely';

/*
 * Browsers that signed in to an account before: the device cookie's token, stored as its
 * SHA-256 (as sessions are). Sign-in limits trust these browsers, so failures from
 * elsewhere cannot lock the member out. One browser may be known to several accounts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('known_devices')
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('known_devices_pk', ['token_hash', 'account_id'])
    .execute();
  await db.schema.createIndex('known_devices_account_id_idx').on('known_devices').column('account_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('known_devices').execute();
}
