import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DirectoryEntry } from '@quorum/domain/communities/community.port';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { ButtonLink } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { Page } from '../../ui/page';
import { SetupChecklist } from '../admin/setup-checklist';
import { useMe } from '../auth/use-session';
import { QueryState } from '../layout/query-state';
import { RoleBadge, VisibilityBadge } from './community-badges';

export function DirectoryPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const communities = useQuery(trpc.communities.list.queryOptions());
  const canCreate = me.data?.canCreateCommunities === true;
  const signedIn = Boolean(me.data?.account);
  const createButton = canCreate && (
    <ButtonLink to="/communities/new">{t('directory.create')}</ButtonLink>
  );

  return (
    <Page
      title={t('directory.title')}
      description={t('directory.description')}
      actions={createButton}
    >
      <SetupChecklist />
      {me.data?.setupRequired && !signedIn && (
        <Alert tone="info" title={t('directory.setupTitle')}>
          {t('directory.setupText')}
        </Alert>
      )}
      <QueryState query={communities}>
        {(entries) =>
          entries.length === 0 ? (
            <EmptyState
              title={t('directory.emptyTitle')}
              action={
                createButton ||
                (!signedIn && (
                  <ButtonLink to="/sign-in" variant="secondary">
                    {t('shell.signIn')}
                  </ButtonLink>
                ))
              }
            >
              {canCreate ? t('directory.emptyCreate') : t('directory.emptyText')}
            </EmptyState>
          ) : (
            <ul className="card-grid" aria-label={t('directory.title')}>
              {entries.map((entry) => (
                <li key={entry.id}>
                  <CommunityCard entry={entry} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Page>
  );
}

function CommunityCard({ entry }: { entry: DirectoryEntry }) {
  const { t } = useTranslation();
  return (
    <article className="card community-card">
      <h2 className="card__title community-card__title">
        <Link to={`/c/${entry.slug}`}>{entry.name}</Link>
      </h2>
      {entry.description ? (
        <p className="community-card__description">{entry.description}</p>
      ) : (
        <p className="community-card__description">{t('directory.noDescription')}</p>
      )}
      <div className="community-card__meta">
        <VisibilityBadge visibility={entry.visibility} />
        {entry.viewerRole && <RoleBadge role={entry.viewerRole} />}
        <span>{t('community.memberCount', { count: entry.memberCount })}</span>
      </div>
    </article>
  );
}
