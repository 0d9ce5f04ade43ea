import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { useAnnounce } from '../../ui/announcer';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { errorKey } from '../../ui/form-errors';
import { useFormatDate } from '../../ui/format';
import { List, ListItem } from '../../ui/list';
import { ProgressBar } from '../../ui/progress';
import { QueryState } from '../layout/query-state';
import { formatBytes, useAuditAction } from './privacy-format';

/** Polls while an export is being built, so its progress moves and its link appears. */
function usePrivacyCenter() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.privacy.center.queryOptions(),
    refetchInterval: (query) =>
      query.state.data?.exports.some((item) => item.status === 'pending') ? 1000 : false,
  });
}

export function ExportsCard() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const center = usePrivacyCenter();
  const formatDate = useFormatDate();
  const announce = useAnnounce();
  const request = useMutation(
    trpc.privacy.requestExport.mutationOptions({
      onSuccess: async () => {
        announce(t('privacyCenter.announce.exportRequested'));
        await queryClient.invalidateQueries({ queryKey: trpc.privacy.center.queryKey() });
      },
    }),
  );
  const running = center.data?.exports.some((item) => item.status === 'pending') ?? false;

  return (
    <Card
      title={t('privacyCenter.export')}
      subtitle={t('privacyCenter.exportText')}
      actions={
        <Button onClick={() => request.mutate()} busy={request.isPending} disabled={running}>
          {t('privacyCenter.requestExport')}
        </Button>
      }
    >
      <div className="stack stack--tight">
        {request.isError && <Alert tone="danger">{t(errorKey(request.error))}</Alert>}
        <QueryState query={center}>
          {({ exports }) =>
            exports.length === 0 ? (
              <p className="muted">{t('privacyCenter.noExports')}</p>
            ) : (
              <List label={t('privacyCenter.exports')}>
                {exports.map((item) => (
                  <ListItem
                    key={item.id}
                    title={t('privacyCenter.exportOf', { date: formatDate(item.createdAt) })}
                    meta={
                      item.status === 'pending' ? (
                        <ProgressBar
                          value={item.progress}
                          label={t('privacyCenter.exportProgress')}
                        />
                      ) : item.status === 'ready' && item.sizeBytes !== null ? (
                        formatBytes(item.sizeBytes, i18n.language)
                      ) : undefined
                    }
                    actions={
                      item.status === 'ready' ? (
                        <a
                          className="button button--secondary button--small"
                          href={`/exports/${item.id}`}
                          download
                        >
                          {t('privacyCenter.download')}
                        </a>
                      ) : item.status === 'failed' ? (
                        <Badge tone="danger">{t('privacyCenter.exportFailed')}</Badge>
                      ) : (
                        <Badge tone="warning">{t('privacyCenter.exportPending')}</Badge>
                      )
                    }
                  />
                ))}
              </List>
            )
          }
        </QueryState>
      </div>
    </Card>
  );
}

/** Every time staff looked at or handed out this member's data: who, what, when and why. */
export function StaffAccessesCard() {
  const { t } = useTranslation();
  const center = usePrivacyCenter();
  const formatDate = useFormatDate();
  const actionLabel = useAuditAction();
  return (
    <Card title={t('privacyCenter.accesses')} subtitle={t('privacyCenter.accessesText')}>
      <QueryState query={center}>
        {({ accesses }) =>
          accesses.length === 0 ? (
            <EmptyState title={t('privacyCenter.noAccesses')} />
          ) : (
            <List label={t('privacyCenter.accesses')}>
              {accesses.map((entry) => (
                <ListItem
                  key={entry.id}
                  title={actionLabel(entry.action)}
                  meta={
                    <>
                      {t('privacyCenter.accessBy', {
                        name: entry.actorName ?? t('privacyCenter.formerStaff'),
                        date: formatDate(entry.occurredAt),
                      })}
                      <br />
                      {t('privacyCenter.accessReason', { reason: entry.reason })}
                    </>
                  }
                />
              ))}
            </List>
          )
        }
      </QueryState>
    </Card>
  );
}
