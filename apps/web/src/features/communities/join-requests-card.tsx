import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { errorKey } from '../../ui/form-errors';
import { useFormatDate } from '../../ui/format';
import { Avatar, List, ListItem } from '../../ui/list';
import { nextPage, PagedList } from '../lists/paged-list';
import { useRefreshCommunities } from './use-community';

export function JoinRequestsCard({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const requests = useInfiniteQuery(
    trpc.communities.joinRequests.infiniteQueryOptions({ communityId }, nextPage),
  );
  const refresh = useRefreshCommunities();
  const formatDate = useFormatDate();
  const decide = useMutation(
    trpc.communities.decideJoinRequest.mutationOptions({ onSuccess: refresh }),
  );

  return (
    <Card title={t('joinRequests.title')}>
      <div className="stack stack--tight">
        {decide.isError && <Alert tone="danger">{t(errorKey(decide.error))}</Alert>}
        <PagedList query={requests} empty={<p className="muted">{t('joinRequests.empty')}</p>}>
          {(entries) => (
            <List label={t('joinRequests.title')}>
              {entries.map((request) => {
                const busy = decide.isPending && decide.variables.requestId === request.id;
                return (
                  <ListItem
                    key={request.id}
                    leading={<Avatar name={request.displayName} />}
                    title={request.displayName}
                    meta={
                      <>
                        {t('joinRequests.asked', { date: formatDate(request.createdAt) })}
                        {request.message && <span className="row">“{request.message}”</span>}
                      </>
                    }
                    actions={
                      <>
                        <Button
                          size="small"
                          disabled={busy}
                          onClick={() => decide.mutate({ requestId: request.id, approve: true })}
                          aria-label={t('joinRequests.approveNamed', {
                            name: request.displayName,
                          })}
                        >
                          {t('joinRequests.approve')}
                        </Button>
                        <Button
                          size="small"
                          variant="secondary"
                          disabled={busy}
                          onClick={() => decide.mutate({ requestId: request.id, approve: false })}
                          aria-label={t('joinRequests.rejectNamed', {
                            name: request.displayName,
                          })}
                        >
                          {t('joinRequests.reject')}
                        </Button>
                      </>
                    }
                  />
                );
              })}
            </List>
          )}
        </PagedList>
      </div>
    </Card>
  );
}
