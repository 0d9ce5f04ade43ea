import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { DomainError } from '@quorum/domain/shared/domain-error';
import type { Id } from '@quorum/domain/shared/ids';
import type { KeysetPage, PageRequest } from '@quorum/domain/shared/pagination';
import { QUOTE_EXCERPT_MAX, type MemberPostEntry, type Post, type PostRevision, type PostView } from '@quorum/domain/threads/post';
import type { PostRepository } from '@quorum/domain/threads/thread.port';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, PostsTable } from '../schema/database.js';
import { CompiledQueries } from './compiled-queries.js';
import { inTransaction } from './in-transaction.js';
import { keysetPage, mapPage, type KeyColumn } from './keyset-page.js';

export function postRow(post: Post, caps: DialectCapabilities): Insertable<PostsTable> {
  return {
    id: post.id,
    thread_id: post.threadId,
    community_id: post.communityId,
    number: post.number,
    author_id: post.authorId,
    body: post.body,
    quoted_post_id: post.quotedPostId,
    created_at: caps.toTimestamp(post.createdAt),
    edited_at: post.editedAt && caps.toTimestamp(post.editedAt),
    deleted_at: post.deletedAt && caps.toTimestamp(post.deletedAt),
  };
}

/** A thread page's posts with their authors' names and their quotes (filtered and paged per call). */
function pageQuery(db: Kysely<Database>) {
  return db
    .selectFrom('posts as p')
    .leftJoin('accounts as a', 'a.id', 'p.author_id')
    .leftJoin('posts as q', 'q.id', 'p.quoted_post_id')
    .leftJoin('accounts as qa', 'qa.id', 'q.author_id')
    .select([
      'p.id',
      'p.thread_id',
      'p.number',
      'p.author_id',
      'a.display_name as author_name',
      'p.body',
      'p.created_at',
      'p.edited_at',
      'p.deleted_at',
      'q.id as quote_id',
      'q.thread_id as quote_thread_id',
      'q.number as quote_number',
      'qa.display_name as quote_author_name',
      sql<string | null>`substr(q.body, 1, ${QUOTE_EXCERPT_MAX})`.as('quote_excerpt'),
      'q.deleted_at as quote_deleted_at',
    ]);
}
/** The thread page's query, compiled once per shape. */
const pageQueries = new CompiledQueries();

type PageRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['execute']>>[number];

export class KyselyPostRepository implements PostRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private readonly timestamp = (value: Date | string | null) => (value === null ? null : this.caps.fromTimestamp(value));

  /**
   * Built once per repository: Kysely's builder parses every selected column on each call,
   * which cost more than compiling and running the query (bench thread-read, decision 022).
   */
  private keptPageQuery: ReturnType<typeof pageQuery> | undefined;
  private get pageQuery() {
    return (this.keptPageQuery ??= pageQuery(this.db));
  }

  private toPost(row: Selectable<PostsTable>): Post {
    return {
      id: row.id,
      threadId: row.thread_id,
      communityId: row.community_id,
      number: row.number,
      authorId: row.author_id,
      body: row.body,
      quotedPostId: row.quoted_post_id,
      createdAt: this.caps.fromTimestamp(row.created_at),
      editedAt: this.timestamp(row.edited_at),
      deletedAt: this.timestamp(row.deleted_at),
    };
  }

  async add(post: Post): Promise<void> {
    await this.db.insertInto('posts').values(postRow(post, this.caps)).execute();
  }

  async findById(id: Id): Promise<Post | null> {
    const row = await this.db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toPost(row) : null;
  }

  /** One statement: the page's posts, their authors' names and their quotes with the quoted authors' names. */
  async listPage(threadId: Id, postCount: number, request: PageRequest): Promise<KeysetPage<PostView>> {
    const query = this.pageQuery.where('p.thread_id', '=', threadId);
    const keys: KeyColumn<PageRow>[] = [{ ref: 'p.number', order: 'asc', kind: 'integer', of: (row) => row.number }];
    // Every thread page reads it: compiled once per dialect and direction (compiled-queries.ts).
    const compiled = {
      queries: pageQueries,
      key: `${this.caps.name}:thread-posts`,
      build: (param: <T>(name: string) => T) => this.pageQuery.where('p.thread_id', '=', param<string>('threadId')),
      values: { threadId },
    };
    const page = await keysetPage({ db: this.db, caps: this.caps, query, keys, request, total: postCount, compiled });
    return mapPage(page, (row) => ({
      id: row.id,
      threadId: row.thread_id,
      number: row.number,
      authorId: row.author_id,
      authorName: row.author_name,
      body: row.body,
      deleted: row.deleted_at !== null,
      createdAt: this.caps.fromTimestamp(row.created_at),
      editedAt: this.timestamp(row.edited_at),
      quote:
        row.quote_id === null
          ? null
          : {
              postId: row.quote_id,
              threadId: row.quote_thread_id!,
              number: row.quote_number!,
              authorName: row.quote_author_name,
              excerpt: row.quote_excerpt ?? '',
              deleted: row.quote_deleted_at !== null,
            },
    }));
  }

  async edit(post: Post, revision: PostRevision, body: string, at: Date): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      // The revision first: its foreign key holds the author's account as every write of theirs
      // does, before the post's row (the erasure locks in that order too — no deadlock).
      await trx
        .insertInto('post_revisions')
        .values({
          id: revision.id,
          post_id: revision.postId,
          author_id: revision.authorId,
          body: revision.body,
          replaced_at: this.caps.toTimestamp(revision.replacedAt),
        })
        .execute();
      // Only while the post is not deleted: a deletion that committed meanwhile (PostgreSQL
      // waits for it, then reads the row again) must not get its text back; the revision
      // goes with the rolled-back transaction.
      const edited = await trx
        .updateTable('posts')
        .set({ body, edited_at: this.caps.toTimestamp(at) })
        .where('id', '=', post.id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(edited.numUpdatedRows) === 0) throw new DomainError('NOT_FOUND', 'The post was deleted meanwhile.');
    });
  }

  async markDeleted(postId: Id, by: Id, at: Date): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await trx.deleteFrom('post_revisions').where('post_id', '=', postId).execute();
      await trx
        .updateTable('posts')
        .set({ body: '', deleted_at: this.caps.toTimestamp(at), deleted_by: by })
        .where('id', '=', postId)
        .execute();
    });
  }

  async revisions(postId: Id): Promise<PostRevision[]> {
    const rows = await this.db
      .selectFrom('post_revisions')
      .selectAll()
      .where('post_id', '=', postId)
      .orderBy('replaced_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      postId: row.post_id,
      authorId: row.author_id,
      body: row.body,
      replacedAt: this.caps.fromTimestamp(row.replaced_at),
    }));
  }

  async listByAuthor(communityId: Id, authorId: Id, request: PageRequest): Promise<KeysetPage<MemberPostEntry>> {
    const query = this.db
      .selectFrom('posts as p')
      .innerJoin('threads as t', 't.id', 'p.thread_id')
      .select(['p.id', 'p.thread_id', 't.title', 'p.number', 'p.body', 'p.created_at', 'p.edited_at'])
      .where('p.community_id', '=', communityId)
      .where('p.author_id', '=', authorId)
      .where('p.number', '>', 1)
      .where('p.deleted_at', 'is', null);
    type Row = Awaited<ReturnType<typeof query.execute>>[number];
    const keys: KeyColumn<Row>[] = [
      { ref: 'p.created_at', order: 'desc', kind: 'timestamp', of: (row) => this.caps.fromTimestamp(row.created_at).toISOString() },
      { ref: 'p.id', order: 'desc', kind: 'text', of: (row) => row.id },
    ];
    const page = await keysetPage({ db: this.db, caps: this.caps, query, keys, request });
    return mapPage(page, (row) => ({
      id: row.id,
      threadId: row.thread_id,
      threadTitle: row.title,
      number: row.number,
      body: row.body,
      createdAt: this.caps.fromTimestamp(row.created_at),
      editedAt: this.timestamp(row.edited_at),
    }));
  }
}
