import type { Kysely, Selectable } from 'kysely';
import type { ErasureContentPolicy, Visibility } from '@quorum/domain/communities/community';
import type { Role } from '@quorum/domain/communities/membership';
import type { Locale } from '@quorum/domain/shared/locale';
import { DomainError } from '@quorum/domain/shared/domain-error';
import type { Id } from '@quorum/domain/shared/ids';
import type { KeysetPage, PageRequest } from '@quorum/domain/shared/pagination';
import type { Post } from '@quorum/domain/threads/post';
import { unreadCount, type Thread, type ThreadListEntry, type ThreadOrder } from '@quorum/domain/threads/thread';
import type { ThreadListFilter, ThreadReading, ThreadRepository } from '@quorum/domain/threads/thread.port';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { Database, ThreadsTable } from '../schema/database.js';
import { CompiledQueries } from './compiled-queries.js';
import { inTransaction } from './in-transaction.js';
import { keysetPage, mapPage, type KeyColumn } from './keyset-page.js';
import { postRow } from './kysely-post-repository.js';

/** A thread with its category and its author's name (the viewer's mark is joined per call). */
function readerQuery(db: Kysely<Database>) {
  return db
    .selectFrom('threads as t')
    .innerJoin('categories as c', 'c.id', 't.category_id')
    .leftJoin('accounts as a', 'a.id', 't.author_id')
    .selectAll('t')
    .select([
      'c.name as c_name',
      'c.description as c_description',
      'c.position as c_position',
      'c.closed_to_members as c_closed_to_members',
      'c.archived_at as c_archived_at',
      'c.thread_count as c_thread_count',
      'c.created_at as c_created_at',
      'a.display_name as author_name',
    ]);
}

/** Every thread page reads the thread first: compiled once per dialect (compiled-queries.ts, decision 016). */
const readerQueries = new CompiledQueries();

type ListRow = Selectable<ThreadsTable> & { category_name: string; author_name: string | null; last_read_number: number | null };

export class KyselyThreadRepository implements ThreadRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: DialectCapabilities,
  ) {}

  private readonly timestamp = (value: Date | string | null) => (value === null ? null : this.caps.fromTimestamp(value));

  private toThread(row: Selectable<ThreadsTable>): Thread {
    return {
      id: row.id,
      communityId: row.community_id,
      categoryId: row.category_id,
      authorId: row.author_id,
      title: row.title,
      createdAt: this.caps.fromTimestamp(row.created_at),
      lastPostedAt: this.caps.fromTimestamp(row.last_posted_at),
      postCount: row.post_count,
      pinnedAt: this.timestamp(row.pinned_at),
      lockedAt: this.timestamp(row.locked_at),
    };
  }

  private toEntry({ category_name, author_name, last_read_number, ...row }: ListRow): ThreadListEntry {
    return {
      ...this.toThread(row),
      categoryName: category_name,
      authorName: author_name,
      replyCount: row.post_count - 1,
      unreadCount: unreadCount(row.post_count, last_read_number),
    };
  }

  /** Each order's key: one growing value, then the id (unique) — see threadOrders. */
  private keys(order: ThreadOrder): KeyColumn<ListRow>[] {
    const id: KeyColumn<ListRow> = { ref: 't.id', order: 'desc', kind: 'text', of: (row) => row.id };
    const at = (column: 'last_posted_at' | 'created_at'): KeyColumn<ListRow> => ({
      ref: `t.${column}`,
      order: 'desc',
      kind: 'timestamp',
      of: (row) => this.caps.fromTimestamp(row[column]).toISOString(),
    });
    switch (order) {
      case 'latest':
        return [at('last_posted_at'), id];
      case 'newest':
        return [at('created_at'), id];
      case 'replies':
        return [{ ref: 't.post_count', order: 'desc', kind: 'integer', of: (row) => row.post_count }, id];
    }
  }

  /** Threads with their category's name, the author's name and the viewer's last read post. */
  private listQuery(viewerId: Id | null) {
    return this.db
      .selectFrom('threads as t')
      .innerJoin('categories as c', 'c.id', 't.category_id')
      .leftJoin('accounts as a', 'a.id', 't.author_id')
      .leftJoin('thread_reads as r', (join) =>
        join.onRef('r.thread_id', '=', 't.id').on('r.account_id', '=', viewerId ?? ''),
      )
      .selectAll('t')
      .select(['c.name as category_name', 'a.display_name as author_name', 'r.last_read_number']);
  }

  async create(thread: Thread, openingPost: Post): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await trx
        .insertInto('threads')
        .values({
          id: thread.id,
          community_id: thread.communityId,
          category_id: thread.categoryId,
          author_id: thread.authorId,
          title: thread.title,
          created_at: this.caps.toTimestamp(thread.createdAt),
          last_posted_at: this.caps.toTimestamp(thread.lastPostedAt),
          post_count: thread.postCount,
          pinned_at: thread.pinnedAt && this.caps.toTimestamp(thread.pinnedAt),
          locked_at: thread.lockedAt && this.caps.toTimestamp(thread.lockedAt),
        })
        .execute();
      await trx.insertInto('posts').values(postRow(openingPost, this.caps)).execute();
      await trx
        .updateTable('categories')
        .set((eb) => ({ thread_count: eb('thread_count', '+', 1) }))
        .where('id', '=', thread.categoryId)
        .execute();
    });
  }

  async findById(id: Id): Promise<Thread | null> {
    const row = await this.db.selectFrom('threads').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toThread(row) : null;
  }

  async findForReader(id: Id, viewerId: Id | null): Promise<ThreadReading | null> {
    const [row] = await readerQueries.run(
      this.db as Kysely<never>,
      `${this.caps.name}:thread-for-reader`,
      (param) =>
        readerQuery(this.db)
          // The community and the viewer's membership come along: the use case checks access
          // with them instead of two more statements (a round trip each on PostgreSQL).
          .innerJoin('communities as co', 'co.id', 't.community_id')
          .leftJoin('memberships as m', (join) => join.onRef('m.community_id', '=', 't.community_id').on('m.account_id', '=', param<string>('memberId')))
          .leftJoin('thread_reads as r', (join) => join.onRef('r.thread_id', '=', 't.id').on('r.account_id', '=', param<string>('viewerId')))
          .select([
            'co.slug as co_slug',
            'co.name as co_name',
            'co.description as co_description',
            'co.visibility as co_visibility',
            'co.default_locale as co_default_locale',
            'co.erasure_content_policy as co_erasure_content_policy',
            'co.time_zone as co_time_zone',
            'co.created_at as co_created_at',
            'm.role as m_role',
            'm.joined_at as m_joined_at',
            'r.last_read_number',
          ])
          .where('t.id', '=', param<string>('id')),
      { id, viewerId: viewerId ?? '', memberId: viewerId ?? '' },
    );
    if (!row) return null;
    return {
      thread: this.toThread(row),
      category: {
        id: row.category_id,
        communityId: row.community_id,
        name: row.c_name,
        description: row.c_description,
        position: row.c_position,
        closedToMembers: this.caps.fromFlag(row.c_closed_to_members),
        archivedAt: this.timestamp(row.c_archived_at),
        threadCount: row.c_thread_count,
        createdAt: this.caps.fromTimestamp(row.c_created_at),
      },
      community: {
        id: row.community_id,
        slug: row.co_slug,
        name: row.co_name,
        description: row.co_description,
        visibility: row.co_visibility as Visibility,
        defaultLocale: row.co_default_locale as Locale,
        erasureContentPolicy: row.co_erasure_content_policy as ErasureContentPolicy,
        timeZone: row.co_time_zone,
        createdAt: this.caps.fromTimestamp(row.co_created_at),
      },
      membership:
        viewerId === null || row.m_role === null || row.m_joined_at === null
          ? null
          : { communityId: row.community_id, accountId: viewerId, role: row.m_role as Role, joinedAt: this.caps.fromTimestamp(row.m_joined_at) },
      authorName: row.author_name,
      lastRead: row.last_read_number,
    };
  }

  async listPage(filter: ThreadListFilter, request: PageRequest): Promise<KeysetPage<ThreadListEntry>> {
    const query = this.listQuery(filter.viewerId)
      .where('t.community_id', '=', filter.communityId)
      .$if(filter.categoryId !== null, (q) => q.where('t.category_id', '=', filter.categoryId!))
      .where('t.pinned_at', filter.pinned ? 'is not' : 'is', null);
    const countQuery = this.db
      .selectFrom('threads as t')
      .select('t.id')
      .where('t.community_id', '=', filter.communityId)
      .$if(filter.categoryId !== null, (q) => q.where('t.category_id', '=', filter.categoryId!))
      .where('t.pinned_at', filter.pinned ? 'is not' : 'is', null);
    const page = await keysetPage({ db: this.db, caps: this.caps, query, keys: this.keys(filter.order), request, countQuery });
    return mapPage(page, (row) => this.toEntry(row));
  }

  async takeReplyNumber(threadId: Id, at: Date): Promise<number | null> {
    const row = await this.db
      .updateTable('threads')
      .set((eb) => ({ post_count: eb('post_count', '+', 1), last_posted_at: this.caps.toTimestamp(at) }))
      .where('id', '=', threadId)
      .where('locked_at', 'is', null)
      .returning('post_count')
      .executeTakeFirst();
    return row?.post_count ?? null;
  }

  async setPinned(threadId: Id, pinnedAt: Date | null): Promise<void> {
    await this.db.updateTable('threads').set({ pinned_at: pinnedAt && this.caps.toTimestamp(pinnedAt) }).where('id', '=', threadId).execute();
  }

  async setLocked(threadId: Id, lockedAt: Date | null): Promise<void> {
    await this.db.updateTable('threads').set({ locked_at: lockedAt && this.caps.toTimestamp(lockedAt) }).where('id', '=', threadId).execute();
  }

  async move(threadId: Id, fromCategoryId: Id, toCategoryId: Id): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      // Only from where the mover saw it: a move that committed meanwhile (PostgreSQL waits
      // for it, then reads the row again) would otherwise take a thread out of a category twice.
      const moved = await trx
        .updateTable('threads')
        .set({ category_id: toCategoryId })
        .where('id', '=', threadId)
        .where('category_id', '=', fromCategoryId)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) throw new DomainError('CONFLICT', 'The thread was moved meanwhile.');
      await trx.updateTable('categories').set((eb) => ({ thread_count: eb('thread_count', '-', 1) })).where('id', '=', fromCategoryId).execute();
      await trx.updateTable('categories').set((eb) => ({ thread_count: eb('thread_count', '+', 1) })).where('id', '=', toCategoryId).execute();
    });
  }

  async listByAuthor(communityId: Id, authorId: Id, request: PageRequest): Promise<KeysetPage<ThreadListEntry>> {
    const query = this.listQuery(null).where('t.community_id', '=', communityId).where('t.author_id', '=', authorId);
    const page = await keysetPage({ db: this.db, caps: this.caps, query, keys: this.keys('newest'), request });
    return mapPage(page, (row) => this.toEntry(row));
  }
}

