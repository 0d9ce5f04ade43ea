import type Database from 'better-sqlite3';

/**
 * The statements Quorum's discussions.thread runs for a signed-in member (after the session
 * lookup), as its repositories build them: what the raw and the minimal tRPC handlers run.
 * Page: the first 20 posts (21 read, to know whether there are more).
 */
const statements = {
  thread: 'select * from threads where id = ?',
  community: 'select * from communities where id = ?',
  membership: 'select * from memberships where community_id = ? and account_id = ?',
  category: 'select * from categories where id = ?',
  lastRead: 'select last_read_number from thread_reads where account_id = ? and thread_id = ?',
  author: 'select * from accounts where id = ?',
  posts: `
    select p.id, p.thread_id, p.number, p.author_id, a.display_name as author_name, p.body, p.created_at, p.edited_at, p.deleted_at,
      q.id as quote_id, q.thread_id as quote_thread_id, q.number as quote_number, qa.display_name as quote_author_name,
      substr(q.body, 1, 500) as quote_excerpt, q.deleted_at as quote_deleted_at
    from posts as p
    left join accounts as a on a.id = p.author_id
    left join posts as q on q.id = p.quoted_post_id
    left join accounts as qa on qa.id = q.author_id
    where p.thread_id = ?
    order by p.number asc
    limit ?`,
};

const PAGE = 20;

type Row = Record<string, unknown>;

export function threadStatements(db: Database.Database) {
  const prepared = Object.fromEntries(Object.entries(statements).map(([name, text]) => [name, db.prepare(text)])) as Record<
    keyof typeof statements,
    Database.Statement
  >;
  return {
    /** Every row the read needs, as stored. */
    rows(threadId: string, viewerId: string) {
      const thread = prepared.thread.get(threadId) as Row;
      const community = prepared.community.get(thread['community_id']) as Row;
      const membership = prepared.membership.get(community['id'], viewerId) as Row | undefined;
      const category = prepared.category.get(thread['category_id']) as Row;
      const lastRead = prepared.lastRead.get(viewerId, threadId) as Row | undefined;
      const author = thread['author_id'] ? (prepared.author.get(thread['author_id']) as Row) : undefined;
      const posts = prepared.posts.all(threadId, PAGE + 1) as Row[];
      return { thread, community, membership, category, lastRead, author, posts };
    },
  };
}

/** The answer as the use case shapes it (dates as Dates, quotes nested), with each post's HTML when `cook` is given. */
export function threadAnswer(rows: ReturnType<ReturnType<typeof threadStatements>['rows']>, cook?: (markdown: string) => string) {
  const { thread, category, lastRead, author, posts } = rows;
  const date = (value: unknown) => (value === null ? null : new Date(value as string));
  return {
    thread: {
      id: thread['id'],
      title: thread['title'],
      postCount: thread['post_count'],
      createdAt: date(thread['created_at']),
      lastPostedAt: date(thread['last_posted_at']),
      pinnedAt: date(thread['pinned_at']),
      lockedAt: date(thread['locked_at']),
      authorName: author?.['display_name'] ?? null,
      category: { id: category['id'], name: category['name'], archivedAt: date(category['archived_at']) },
    },
    posts: {
      items: posts.slice(0, PAGE).map((post) => ({
        id: post['id'],
        number: post['number'],
        authorId: post['author_id'],
        authorName: post['author_name'],
        body: post['body'],
        ...(cook ? { html: cook(post['body'] as string) } : {}),
        deleted: post['deleted_at'] !== null,
        createdAt: date(post['created_at']),
        editedAt: date(post['edited_at']),
        quote: post['quote_id']
          ? { postId: post['quote_id'], number: post['quote_number'], authorName: post['quote_author_name'], excerpt: post['quote_excerpt'] }
          : null,
      })),
      total: thread['post_count'],
      nextCursor: posts.length > PAGE ? 'next' : null,
      previousCursor: null,
    },
    lastReadNumber: lastRead?.['last_read_number'] ?? null,
  };
}
