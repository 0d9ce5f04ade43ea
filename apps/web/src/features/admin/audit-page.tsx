import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActions, type AuditAction } from '@quorum/domain/privacy/audit';
import { useTRPC } from '../../trpc';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { SelectField } from '../../ui/fields';
import { useFormatDate } from '../../ui/format';
import { List, ListItem } from '../../ui/list';
import { Page } from '../../ui/page';
import { nextPage, PagedList, SearchField, useSearch } from '../lists/paged-list';
import { useAuditAction } from '../privacy/privacy-format';

/** Every staff access to personal data and every published text: who, what, when, why. */
export function AuditPage() {
  const { t } = useTranslation();
  const actionLabel = useAuditAction();
  const { input, setInput, search } = useSearch();
  const [action, setAction] = useState<AuditAction | ''>('');
  return (
    <Page title={t('admin.audit.title')} description={t('admin.audit.description')}>
      <Card>
        <div className="stack stack--tight">
          <div className="row members__filters">
            <SearchField label={t('admin.audit.member')} value={input} onChange={setInput} />
            <SelectField
              label={t('admin.audit.action')}
              value={action}
              onChange={(event) => setAction(event.target.value as AuditAction | '')}
              options={[
                { value: '', label: t('admin.audit.anyAction') },
                ...auditActions.map((value) => ({ value, label: actionLabel(value) })),
              ]}
            />
          </div>
          <AuditList
            member={search}
            actions={action ? [action] : []}
            label={t('admin.audit.title')}
          />
        </div>
      </Card>
    </Page>
  );
}

/** The instance's audit entries, newest first, page by page: filtered by member and actions. */
export function AuditList({
  member,
  actions,
  label,
}: {
  member: string;
  actions: AuditAction[];
  label: string;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const log = useInfiniteQuery({
    ...trpc.admin.auditLog.infiniteQueryOptions({ communityId: null, member, actions }, nextPage),
    placeholderData: keepPreviousData,
  });
  const formatDate = useFormatDate();
  const actionLabel = useAuditAction();
  return (
    <PagedList
      query={log}
      empty={
        <EmptyState
          title={member || actions.length > 0 ? t('lists.noMatches') : t('admin.audit.none')}
        />
      }
    >
      {(entries) => (
        <List label={label}>
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
      )}
    </PagedList>
  );
}
