import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { useFormatDate } from '../../ui/format';
import { List, ListItem } from '../../ui/list';
import { Page } from '../../ui/page';
import { QueryState } from '../layout/query-state';
import { useAuditAction } from '../privacy/privacy-format';

/** Every staff access to personal data and every published text: who, what, when, why. */
export function AuditPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const log = useQuery(trpc.admin.auditLog.queryOptions({ communityId: null }));
  const formatDate = useFormatDate();
  const actionLabel = useAuditAction();
  return (
    <Page title={t('admin.audit.title')} description={t('admin.audit.description')}>
      <Card>
        <QueryState query={log}>
          {(entries) =>
            entries.length === 0 ? (
              <EmptyState title={t('admin.audit.none')} />
            ) : (
              <List label={t('admin.audit.title')}>
                {entries.map((entry) => (
                  <ListItem
                    key={entry.id}
                    title={actionLabel(entry.action)}
                    meta={
                      <>
                        {t('admin.audit.who', {
                          actor: entry.actorName ?? t('admin.audit.erased'),
                          date: formatDate(entry.occurredAt),
                        })}
                        {entry.subjectId && (
                          <>
                            {' · '}
                            {t('admin.audit.subject', {
                              name: entry.subjectName ?? t('admin.audit.erased'),
                            })}
                          </>
                        )}
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
    </Page>
  );
}
