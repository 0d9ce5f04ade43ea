import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Retention } from '@quorum/domain/consent/purpose-register';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { Facts } from '../../ui/list';
import { Page } from '../../ui/page';
import { QueryState } from '../layout/query-state';
import { purposeText } from '../consent/purpose-text';

/** GDPR Art. 30: the records of processing, generated from the purpose register and the data map. */
export function RecordsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const records = useQuery(
    trpc.admin.recordsOfProcessing.queryOptions({ locale: currentLocale() }),
  );
  const retention = (value: Retention) =>
    value.kind === 'days'
      ? t('admin.records.retentionDays', { count: value.days })
      : t('admin.records.retentionAccount');
  return (
    <Page title={t('admin.records.title')} description={t('admin.records.description')}>
      <QueryState query={records}>
        {(entries) => (
          <div className="stack">
            {entries.map((entry) => {
              const { title, description } = purposeText(entry.purpose);
              return (
                <Card
                  key={`${entry.purpose.communityId ?? ''}:${entry.purpose.id}`}
                  title={title}
                  subtitle={description}
                  actions={<Badge tone="primary">{t(`legalBasis.${entry.legalBasis}`)}</Badge>}
                >
                  <Facts
                    items={[
                      {
                        label: t('admin.records.purposeId'),
                        value: <code>{entry.purpose.id}</code>,
                      },
                      ...(entry.communityName
                        ? [{ label: t('admin.records.community'), value: entry.communityName }]
                        : []),
                      {
                        label: t('admin.records.categories'),
                        value: entry.dataCategories.map((c) => t(`dataCategories.${c}`)).join(', '),
                      },
                      { label: t('admin.records.retention'), value: retention(entry.retention) },
                      { label: t('admin.records.recipients'), value: entry.recipients.join('; ') },
                      {
                        label: t('admin.records.tables'),
                        value:
                          entry.tables.length > 0 ? <code>{entry.tables.join(', ')}</code> : '—',
                      },
                    ]}
                  />
                </Card>
              );
            })}
          </div>
        )}
      </QueryState>
    </Page>
  );
}
