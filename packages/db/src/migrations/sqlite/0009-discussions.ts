import { sql, type Kysely } from 'kysely';

/*
 * Discussions: categories, threads, posts, their edit history and what each member read.
 * Counts are kept in the rows (threads.post_count, categories.thread_count), never counted
 * on a read. Every thread list order has its index, per community (the front page) and per
 * category; posts are read by (thread_id, number). Authors are cleared (not deleted) by an
 * erasure under the community's `anonymize` policy, so no foreign key cascades on them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('closed_to_members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'text')
    .addColumn('thread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index categories_community_position_idx on categories (community_id, position)`.execute(db);

  await db.schema
    .createTable('threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_posted_at', 'text', (c) => c.notNull())
    .addColumn('post_count', 'integer', (c) => c.notNull())
    .addColumn('pinned_at', 'text')
    .addColumn('locked_at', 'text')
    .execute();
  for (const [scope, column] of [['community', 'community_id'], ['category', 'category_id']] as const) {
    for (const [order, key] of [['latest', 'last_posted_at'], ['newest', 'created_at'], ['replies', 'post_count']] as const) {
      await sql`create index ${sql.raw(`threads_${scope}_${order}_idx`)} on threads (${sql.raw(column)}, ${sql.raw(key)}, id)`.execute(db);
    }
  }
  await sql`create index threads_author_idx on threads (community_id, author_id, created_at, id)`.execute(db);

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('community_id', 'text', (c) => c.notNull().references('communities.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('quoted_post_id', 'text', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text', (c) => c.references('accounts.id'))
    .addUniqueConstraint('posts_thread_number_unique', ['thread_id', 'number'])
    .execute();
  await sql`create index posts_author_idx on posts (community_id, author_id, created_at, id)`.execute(db);

  await db.schema
    .createTable('post_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index post_revisions_post_idx on post_revisions (post_id, replaced_at)`.execute(db);
  await sql`create index post_revisions_author_idx on post_revisions (author_id)`.execute(db);

  await db.schema
    .createTable('thread_reads')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('last_read_number', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_reads_pk', ['account_id', 'thread_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['thread_reads', 'post_revisions', 'posts', 'threads', 'categories']) await db.schema.dropTable(table).execute();
}
