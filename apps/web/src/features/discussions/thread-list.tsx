import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ThreadListEntry } from '@quorum/domain/threads/thread';
import { Badge } from '../../ui/badge';
import { discussionPaths, useAuthorName, useFormatDateTime } from './discussion-format';

/** Threads as rows: title, badges, who started it where, replies, last activity, "n new". */
export function ThreadList({
  slug,
  threads,
  label,
  showCategory = true,
}: {
  slug: string;
  threads: ThreadListEntry[];
  label: string;
  showCategory?: boolean;
}) {
  return (
    <ul className="thread-list" aria-label={label}>
      {threads.map((thread) => (
        <ThreadRow key={thread.id} slug={slug} thread={thread} showCategory={showCategory} />
      ))}
    </ul>
  );
}

function ThreadRow({
  slug,
  thread,
  showCategory,
}: {
  slug: string;
  thread: ThreadListEntry;
  showCategory: boolean;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const authorName = useAuthorName();
  const unread = thread.unreadCount ?? 0;
  return (
    <li className="thread-row">
      <div className="thread-row__main">
        <div className="thread-row__title">
          <Link to={discussionPaths.thread(slug, thread.id)}>
            {thread.title || t('discussions.thread.untitled')}
          </Link>
          {thread.pinnedAt && <Badge tone="primary">{t('discussions.thread.pinned')}</Badge>}
          {thread.lockedAt && <Badge>{t('discussions.thread.locked')}</Badge>}
          {unread > 0 && (
            <Link
              className="thread-row__unread"
              to={discussionPaths.thread(slug, thread.id, 'unread')}
              aria-label={t('discussions.thread.unreadLink', {
                count: unread,
                title: thread.title || t('discussions.thread.untitled'),
              })}
            >
              {t('discussions.thread.unread', { count: unread })}
            </Link>
          )}
        </div>
        <p className="thread-row__meta">
          {showCategory && (
            <>
              <Link to={discussionPaths.category(slug, thread.categoryId)}>
                {thread.categoryName}
              </Link>
              {' · '}
            </>
          )}
          {t('discussions.thread.startedBy', {
            name: authorName(thread.authorName),
            date: formatDateTime(thread.createdAt),
          })}
        </p>
      </div>
      <p className="thread-row__stats">
        <span>{t('discussions.thread.replies', { count: thread.replyCount })}</span>
        <span>
          {t('discussions.thread.lastActivity', { date: formatDateTime(thread.lastPostedAt) })}
        </span>
      </p>
    </li>
  );
}
