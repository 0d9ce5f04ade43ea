import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import type { MemberPostEntry } from '@quorum/domain/threads/post';
import { useTRPC } from '../../trpc';
import { Card } from '../../ui/card';
import { useFormatDate } from '../../ui/format';
import { Page } from '../../ui/page';
import { RoleBadge } from '../communities/community-badges';
import { useCommunity } from '../communities/use-community';
import { QueryState } from '../layout/query-state';
import { nextPage, PagedList } from '../lists/paged-list';
import { discussionPaths, useFormatDateTime } from './discussion-format';
import { MarkdownView } from './markdown-view';
import { ThreadList } from './thread-list';
import './discussions.css';
import './texts';

/** A member in one community: the threads they started and their replies, as far as the viewer may read. */
export function MemberPage() {
  const { page } = useCommunity();
  return <QueryState query={page}>{(data) => <MemberView data={data} />}</QueryState>;
}

function MemberView({ data }: { data: CommunityPage }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const formatDate = useFormatDate();
  const { accountId = '' } = useParams();
  const { community } = data;
  const input = { communityId: community.id, accountId };
  const member = useQuery(trpc.discussions.member.queryOptions(input));
  const threads = useInfiniteQuery(
    trpc.discussions.memberThreads.infiniteQueryOptions({ ...input, limit: 10 }, nextPage),
  );
  const replies = useInfiniteQuery(
    trpc.discussions.memberReplies.infiniteQueryOptions({ ...input, limit: 10 }, nextPage),
  );
  return (
    <QueryState query={member}>
      {(card) => (
        <Page
          title={card.displayName}
          eyebrow={
            <span className="row">
              <Link to={`/c/${community.slug}`}>← {community.name}</Link>
              <RoleBadge role={card.role} />
            </span>
          }
          description={t('discussions.member.joined', { date: formatDate(card.joinedAt) })}
        >
          <Card title={t('discussions.member.threads')}>
            <PagedList
              query={threads}
              empty={<p className="muted">{t('discussions.member.noThreads')}</p>}
            >
              {(items) => (
                <ThreadList
                  slug={community.slug}
                  threads={items}
                  label={t('discussions.member.threads')}
                />
              )}
            </PagedList>
          </Card>
          <Card title={t('discussions.member.replies')}>
            <PagedList
              query={replies}
              empty={<p className="muted">{t('discussions.member.noReplies')}</p>}
            >
              {(items) => (
                <ul className="member-replies" aria-label={t('discussions.member.replies')}>
                  {items.map((entry) => (
                    <MemberReply key={entry.id} slug={community.slug} entry={entry} />
                  ))}
                </ul>
              )}
            </PagedList>
          </Card>
        </Page>
      )}
    </QueryState>
  );
}

function MemberReply({ slug, entry }: { slug: string; entry: MemberPostEntry }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <li className="member-reply">
      <p className="member-reply__where">
        <Link to={discussionPaths.thread(slug, entry.threadId, { postId: entry.id })}>
          {t('discussions.member.replyIn', {
            title: entry.threadTitle || t('discussions.thread.untitled'),
            number: entry.number,
          })}
        </Link>
        <time className="muted small" dateTime={entry.createdAt.toISOString()}>
          {formatDateTime(entry.createdAt)}
        </time>
      </p>
      <MarkdownView className="member-reply__body" source={entry.body} />
    </li>
  );
}
