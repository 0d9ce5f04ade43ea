import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { Badge } from '../../ui/badge';
import { ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { List, ListItem } from '../../ui/list';
import { Page } from '../../ui/page';
import { nextPage, PagedList } from '../lists/paged-list';
import { localText, statusTone } from './survey-text';

/** Open surveys across the member's communities, and the ones they started or finished. */
export function SurveysForMePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const surveys = useInfiniteQuery(trpc.surveys.forMe.infiniteQueryOptions({}, nextPage));
  return (
    <Page title={t('surveys.forMe.title')} description={t('surveys.forMe.description')} width="medium">
      <Card>
        <PagedList query={surveys} empty={<EmptyState title={t('surveys.forMe.empty')} />}>
          {(items) => (
            <List label={t('surveys.forMe.title')}>
              {items.map((item) => (
                <ListItem
                  key={item.survey.id}
                  title={localText(item.title)}
                  meta={
                    <span className="row">
                      <span>{t('surveys.forMe.in', { community: item.communityName })}</span>
                      <Badge tone={item.finished ? 'primary' : statusTone[item.status]}>
                        {item.finished ? t('surveys.forMe.finished') : t(`surveys.status.${item.status}`)}
                      </Badge>
                    </span>
                  }
                  actions={
                    !item.finished &&
                    item.status === 'open' && (
                      <ButtonLink to={`/surveys/${item.survey.id}`} size="small">
                        {item.inProgress ? t('surveys.forMe.continue') : t('surveys.forMe.answer')}
                      </ButtonLink>
                    )
                  }
                />
              ))}
            </List>
          )}
        </PagedList>
      </Card>
    </Page>
  );
}
