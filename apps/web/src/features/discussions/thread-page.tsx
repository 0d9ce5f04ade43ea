import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import type { Viewer } from '@quorum/domain/communities/permissions';
import type { PostView } from '@quorum/domain/threads/post';
import type { ThreadAnchor } from '@quorum/domain/threads/thread';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button, ButtonLink } from '../../ui/button';
import { errorKey } from '../../ui/form-errors';
import { Page } from '../../ui/page';
import { Loading } from '../../ui/spinner';
import { useCommunity } from '../communities/use-community';
import { NotFoundPage } from '../layout/not-found-page';
import { QueryState } from '../layout/query-state';
import { discussionPaths } from './discussion-format';
import { PostItem } from './post-item';
import { ReplyForm } from './reply-form';
import { StaffTools } from './staff-tools';
import './discussions.css';
import './texts';

const POSTS_PER_PAGE = 20;
const FIRST_LOADED = 'first-loaded';

/**
 * A thread, 20 posts at a time, opened at its start, at a post (`?post=<id>`, a quote's
 * link) or at the viewer's first unread post (`?unread=1`), paging up and down from there.
 */
export function ThreadPage() {
  const { page, viewer } = useCommunity();
  const { threadId = '' } = useParams();
  const [search] = useSearchParams();
  const postId = search.get('post');
  const anchor: ThreadAnchor | null = postId
    ? { postId }
    : search.get('unread')
      ? { firstUnread: true }
      : null;
  return (
    <QueryState query={page}>
      {(data) => (
        // A new anchor is a new reading position: its own pages, its own scroll target.
        <ThreadView
          key={`${threadId}:${postId ?? ''}:${anchor ? 'a' : ''}`}
          data={data}
          viewer={viewer}
          threadId={threadId}
          anchor={anchor}
        />
      )}
    </QueryState>
  );
}

function ThreadView({
  data,
  viewer,
  threadId,
  anchor,
}: {
  data: CommunityPage;
  viewer: Viewer;
  threadId: string;
  anchor: ThreadAnchor | null;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const slug = data.community.slug;
  const query = useInfiniteQuery(
    trpc.discussions.thread.infiniteQueryOptions(
      { threadId, anchor, limit: POSTS_PER_PAGE },
      {
        getNextPageParam: (last) => last.posts.nextCursor,
        getPreviousPageParam: (first) => first.posts.previousCursor,
      },
    ),
  );
  const [quoting, setQuoting] = useState<PostView | null>(null);
  // The post to bring into view and focus once it is on the page: the anchor, the first
  // unread one, a new reply.
  const pendingFocus = useRef<string | null>(
    anchor === null ? null : 'postId' in anchor ? anchor.postId : FIRST_LOADED,
  );
  const pages = query.data?.pages ?? [];
  const posts = pages.flatMap((page) => page.posts.items);
  useEffect(() => {
    const wanted = pendingFocus.current === FIRST_LOADED ? posts[0]?.id : pendingFocus.current;
    const element = wanted ? document.getElementById(`post-${wanted}`) : null;
    if (!element) return;
    pendingFocus.current = null;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [posts]);

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return errorKey(query.error) === 'errors.NOT_FOUND' ? (
      <NotFoundPage />
    ) : (
      <Alert tone="danger">{t(errorKey(query.error))}</Alert>
    );
  }
  const first = pages[0]!;
  const { thread, viewerMay, lastReadNumber } = first;
  // A thread id from another community is not found here, whatever the viewer may read there.
  if (thread.communityId !== data.community.id) return <NotFoundPage />;

  const number = new Intl.NumberFormat(i18n.language);
  const firstShown = posts[0]?.number ?? 0;
  const lastShown = posts.at(-1)?.number ?? 0;
  const firstUnread =
    lastReadNumber !== null && lastReadNumber < thread.postCount ? lastReadNumber + 1 : null;
  const anchoredAt = anchor && 'postId' in anchor ? anchor.postId : null;
  const repliesClosed = thread.lockedAt
    ? t('discussions.thread.lockedText')
    : thread.category.archivedAt
      ? t('errors.CATEGORY_ARCHIVED')
      : null;

  return (
    <Page
      title={thread.title || t('discussions.thread.untitled')}
      eyebrow={
        <span className="row">
          <Link to={`/c/${slug}`}>{data.community.name}</Link>
          <span aria-hidden="true">›</span>
          <Link to={discussionPaths.category(slug, thread.category.id)}>
            {thread.category.name}
          </Link>
          {thread.pinnedAt && <Badge tone="primary">{t('discussions.thread.pinned')}</Badge>}
          {thread.lockedAt && <Badge>{t('discussions.thread.locked')}</Badge>}
        </span>
      }
      description={t('discussions.thread.postCount', { count: thread.postCount })}
      actions={
        firstUnread !== null &&
        (firstUnread < firstShown || firstUnread > lastShown) && (
          <ButtonLink
            variant="secondary"
            size="small"
            to={discussionPaths.thread(slug, thread.id, 'unread')}
          >
            {t('discussions.thread.jumpToUnread')}
          </ButtonLink>
        )
      }
    >
      {viewerMay.moderate && <StaffTools thread={thread} />}
      <div className="stack stack--tight">
        {query.hasPreviousPage && (
          <Button
            variant="secondary"
            className="thread__more"
            busy={query.isFetchingPreviousPage}
            onClick={() => void query.fetchPreviousPage()}
          >
            {t('discussions.thread.earlier', { count: firstShown - 1 })}
          </Button>
        )}
        <ol className="posts" aria-label={t('discussions.thread.posts')}>
          {posts.map((post) => (
            <li key={post.id}>
              {firstUnread === post.number && firstUnread > 1 && (
                <p className="posts__new">{t('discussions.thread.newSince')}</p>
              )}
              <PostItem
                slug={slug}
                post={post}
                target={post.id === anchoredAt}
                may={{
                  accountId: viewer?.accountId ?? null,
                  reply: viewerMay.reply,
                  post: viewerMay.post,
                  moderate: viewerMay.moderate,
                }}
                onQuote={setQuoting}
              />
            </li>
          ))}
        </ol>
        <div className="row paged-list__footer">
          <p className="muted" role="status">
            {t('discussions.thread.showing', {
              from: number.format(firstShown),
              to: number.format(lastShown),
              total: number.format(thread.postCount),
            })}
          </p>
          {query.hasNextPage && (
            <Button
              variant="secondary"
              className="thread__more"
              busy={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('discussions.thread.later', { count: thread.postCount - lastShown })}
            </Button>
          )}
        </div>
      </div>
      {viewerMay.reply ? (
        <ReplyForm
          threadId={thread.id}
          quote={quoting}
          onRemoveQuote={() => setQuoting(null)}
          onPosted={async (postId) => {
            setQuoting(null);
            // A reply joins the end: shown here when the pages reach it, else opened at it.
            if (query.hasNextPage) {
              void navigate(discussionPaths.thread(slug, thread.id, { postId }));
              return;
            }
            pendingFocus.current = postId;
            const refreshed = await query.refetch();
            if (refreshed.data?.pages.at(-1)?.posts.nextCursor) await query.fetchNextPage();
          }}
        />
      ) : (
        <NoReply data={data} viewer={viewer} closed={repliesClosed} />
      )}
    </Page>
  );
}

/** Why there is no composer: a locked thread or archived category, a visitor, a non-member. */
function NoReply({
  data,
  viewer,
  closed,
}: {
  data: CommunityPage;
  viewer: Viewer;
  closed: string | null;
}) {
  const { t } = useTranslation();
  const here = `${window.location.pathname}${window.location.search}`;
  if (closed) return <Alert tone="info">{closed}</Alert>;
  if (!viewer) {
    return (
      <Alert tone="info">
        <p>{t('discussions.reply.signInText')}</p>
        <div className="row">
          <ButtonLink size="small" to={`/sign-in?next=${encodeURIComponent(here)}`}>
            {t('shell.signIn')}
          </ButtonLink>
        </div>
      </Alert>
    );
  }
  return (
    <Alert tone="info">
      <p>{t('discussions.reply.joinText')}</p>
      <div className="row">
        <ButtonLink size="small" to={`/c/${data.community.slug}`}>
          {t('discussions.reply.toCommunity')}
        </ButtonLink>
      </div>
    </Alert>
  );
}
