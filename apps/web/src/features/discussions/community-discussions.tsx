import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import type { Viewer } from '@quorum/domain/communities/permissions';
import type { Category } from '@quorum/domain/threads/category';
import { useTRPC } from '../../trpc';
import { Badge } from '../../ui/badge';
import { ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { QueryState } from '../layout/query-state';
import { nextPage, PagedList } from '../lists/paged-list';
import { allowed } from '../communities/use-community';
import { discussionPaths } from './discussion-format';
import { ThreadList } from './thread-list';
import './discussions.css';
import './texts';

const LATEST_THREADS = 10;

/** The community page's discussions: its categories and the latest threads across them. */
export function CommunityDiscussions({ data, viewer }: { data: CommunityPage; viewer: Viewer }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { community } = data;
  const categories = useQuery(
    trpc.discussions.categories.queryOptions({ communityId: community.id }),
  );
  const threads = useInfiniteQuery(
    trpc.discussions.threads.infiniteQueryOptions(
      { communityId: community.id, limit: LATEST_THREADS },
      nextPage,
    ),
  );
  const mayPost = allowed(viewer, data, 'post');
  const manage = allowed(viewer, data, 'manageCategories');
  const pinned = threads.data?.pages[0]?.pinned ?? [];
  return (
    <>
      <Card
        title={t('discussions.front.categories')}
        actions={
          (mayPost || manage) && (
            <div className="row">
              {manage && (
                <ButtonLink
                  variant="secondary"
                  size="small"
                  to={discussionPaths.manageCategories(community.slug)}
                >
                  {t('discussions.front.manageCategories')}
                </ButtonLink>
              )}
              {mayPost && (
                <ButtonLink size="small" to={discussionPaths.newThread(community.slug)}>
                  {t('discussions.front.newThread')}
                </ButtonLink>
              )}
            </div>
          )
        }
      >
        <QueryState query={categories}>
          {(list) => {
            const open = list.filter((category) => !category.archivedAt);
            return open.length === 0 ? (
              <EmptyState title={t('discussions.front.noCategories')}>
                {manage ? t('discussions.front.noCategoriesStaff') : undefined}
              </EmptyState>
            ) : (
              <ul className="category-list">
                {open.map((category) => (
                  <CategoryRow key={category.id} slug={community.slug} category={category} />
                ))}
              </ul>
            );
          }}
        </QueryState>
      </Card>
      <Card title={t('discussions.front.latest')}>
        <div className="stack stack--tight">
          {pinned.length > 0 && (
            <ThreadList
              slug={community.slug}
              threads={pinned}
              label={t('discussions.front.pinned')}
            />
          )}
          <PagedList
            query={threads}
            empty={
              pinned.length === 0 && <p className="muted">{t('discussions.front.noThreads')}</p>
            }
          >
            {(items) => (
              <ThreadList
                slug={community.slug}
                threads={items}
                label={t('discussions.front.latest')}
              />
            )}
          </PagedList>
        </div>
      </Card>
    </>
  );
}

function CategoryRow({ slug, category }: { slug: string; category: Category }) {
  const { t } = useTranslation();
  return (
    <li className="category-row">
      <div className="category-row__text">
        <Link className="category-row__name" to={discussionPaths.category(slug, category.id)}>
          {category.name}
        </Link>
        {category.description && (
          <p className="category-row__description">{category.description}</p>
        )}
      </div>
      <div className="category-row__meta">
        {category.closedToMembers && <Badge>{t('discussions.categories.closed')}</Badge>}
        <span>{t('discussions.categories.threadCount', { count: category.threadCount })}</span>
      </div>
    </li>
  );
}
