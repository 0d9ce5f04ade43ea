import type Database from 'better-sqlite3';

/**
 * The statements Quorum's discussions.thread runs for a signed-in member, the session lookup
 * included, as its repositories build them: what the raw and the minimal tRPC handlers run.
 * Page: the first 20 posts (21 read, to know whether there are more).
 */
const statements = {
  // The session with its account in one read, as Quorum's findWithAccount.
  session: `
    select s.id as session_id, s.token_hash, s.created_at as session_created_at, s.last_seen_at,
      a.id, a.email, a.email_verified_at, a.display_name, a.locale, a.is_instance_admin, a.created_at
    from sessions as s inner join accounts as a on a.id = s.account_id
    where s.token_hash = ?`,
  thread: `
    select t.*, c.name as c_name, c.description as c_description, c.position as c_position,
      c.closed_to_members as c_closed_to_members, c.archived_at as c_archived_at, c.thread_count as c_thread_count,
      c.created_at as c_created_at, a.display_name as author_name,
      co.slug as co_slug, co.name as co_name, co.description as co_description, co.visibility as co_visibility,
      co.default_locale as co_default_locale, co.erasure_content_policy as co_erasure_content_policy,
      co.time_zone as co_time_zone, co.created_at as co_created_at, m.role as m_role, m.joined_at as m_joined_at,
      r.last_read_number
    from threads as t
    inner join categories as c on c.id = t.category_id
    left join accounts as a on a.id = t.author_id
    inner join communities as co on co.id = t.community_id
    left join memberships as m on m.community_id = t.community_id and m.account_id = ?
    left join thread_reads as r on r.thread_id = t.id and r.account_id = ?
    where t.id = ?`,
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
    rows(threadId: string, sessionHash: string) {
      const viewerId = (prepared.session.get(sessionHash) as Row)['id'] as string;
      // The community and the viewer's membership come with the thread, as in Quorum's findForReader.
      const thread = prepared.thread.get(viewerId, viewerId, threadId) as Row;
      const posts = prepared.posts.all(threadId, PAGE + 1) as Row[];
      return { thread, posts };
    },
  };
}

/** The answer as the use case shapes it (dates as Dates, quotes nested), with each post's HTML when `cook` is given. */
export function threadAnswer(rows: ReturnType<ReturnType<typeof threadStatements>['rows']>, cook?: (markdown: string) => string) {
  const { thread, posts } = rows;
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
      authorName: thread['author_name'],
      category: { id: thread['category_id'], name: thread['c_name'], archivedAt: date(thread['c_archived_at']) },
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
    lastReadNumber: thread['last_read_number'],
  };
}
