import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import type { Viewer } from '@quorum/domain/communities/permissions';
import type { Category } from '@quorum/domain/threads/category';
import { threadOrders, type ThreadOrder } from '@quorum/domain/threads/thread';
import { useTRPC } from '../../trpc';
import { Badge } from '../../ui/badge';
import { ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { SelectField } from '../../ui/fields';
import { Page } from '../../ui/page';
import { allowed, useCommunity } from '../communities/use-community';
import { NotFoundPage } from '../layout/not-found-page';
import { QueryState } from '../layout/query-state';
import { nextPage, PagedList } from '../lists/paged-list';
import { discussionPaths } from './discussion-format';
import { ThreadList } from './thread-list';
import './discussions.css';
import './texts';

/** One category's threads, pinned ones first, in the order the reader chose (kept in the URL). */
export function CategoryPage() {
  const { page, viewer } = useCommunity();
  return (
    <QueryState query={page}>{(data) => <CategoryLoader data={data} viewer={viewer} />}</QueryState>
  );
}

function CategoryLoader({ data, viewer }: { data: CommunityPage; viewer: Viewer }) {
  const trpc = useTRPC();
  const { categoryId = '' } = useParams();
  const categories = useQuery(
    trpc.discussions.categories.queryOptions({ communityId: data.community.id }),
  );
  return (
    <QueryState query={categories}>
      {(list) => {
        const category = list.find((candidate) => candidate.id === categoryId);
        return category ? (
          <CategoryView data={data} viewer={viewer} category={category} />
        ) : (
          <NotFoundPage />
        );
      }}
    </QueryState>
  );
}

const isOrder = (value: string | null): value is ThreadOrder =>
  (threadOrders as readonly (string | null)[]).includes(value);

function CategoryView({
  data,
  viewer,
  category,
}: {
  data: CommunityPage;
  viewer: Viewer;
  category: Category;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [search, setSearch] = useSearchParams();
  const requested = search.get('order');
  const order: ThreadOrder = isOrder(requested) ? requested : 'latest';
  const { community } = data;
  const threads = useInfiniteQuery({
    ...trpc.discussions.threads.infiniteQueryOptions(
      { communityId: community.id, categoryId: category.id, order },
      nextPage,
    ),
    // While another order loads, the old rows stay instead of a spinner.
    placeholderData: keepPreviousData,
  });
  const pinned = threads.data?.pages[0]?.pinned ?? [];
  const staff = allowed(viewer, data, 'moderateDiscussions');
  const mayStart =
    allowed(viewer, data, 'post') && !category.archivedAt && (!category.closedToMembers || staff);
  return (
    <Page
      title={category.name}
      eyebrow={
        <span className="row">
          <Link to={`/c/${community.slug}`}>← {community.name}</Link>
          {category.archivedAt && (
            <Badge tone="warning">{t('discussions.categories.archived')}</Badge>
          )}
          {category.closedToMembers && <Badge>{t('discussions.categories.closed')}</Badge>}
        </span>
      }
      description={category.description || undefined}
      actions={
        mayStart && (
          <ButtonLink to={discussionPaths.newThread(community.slug, category.id)}>
            {t('discussions.front.newThread')}
          </ButtonLink>
        )
      }
    >
      <Card>
        <div className="stack stack--tight">
          <div className="row thread-filters">
            <SelectField
              label={t('discussions.order.label')}
              value={order}
              onChange={(event) =>
                setSearch(event.target.value === 'latest' ? {} : { order: event.target.value }, {
                  replace: true,
                })
              }
              options={threadOrders.map((value) => ({
                value,
                label: t(`discussions.order.${value}`),
              }))}
            />
          </div>
          {pinned.length > 0 && (
            <ThreadList
              slug={community.slug}
              threads={pinned}
              label={t('discussions.front.pinned')}
              showCategory={false}
            />
          )}
          <PagedList
            query={threads}
            empty={
              pinned.length === 0 && (
                <EmptyState title={t('discussions.category.empty')}>
                  {mayStart ? t('discussions.category.emptyStart') : undefined}
                </EmptyState>
              )
            }
          >
            {(items) => (
              <ThreadList
                slug={community.slug}
                threads={items}
                label={t('discussions.category.threads')}
                showCategory={false}
              />
            )}
          </PagedList>
        </div>
      </Card>
    </Page>
  );
}
