import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PolicyDocument, PolicyText } from '@quorum/domain/consent/policy-text';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { useFormatDate } from '../../ui/format';
import { Page } from '../../ui/page';
import { QueryState } from '../layout/query-state';
import { PolicyTextView } from './policy-text-view';
import { inLocale } from './policy-versions';

/** The instance's privacy notice or terms: the current version, and every older one on request. */
export function PolicyPage({
  document,
}: {
  document: Extract<PolicyDocument, 'privacy_notice' | 'terms'>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const versions = useQuery(trpc.policies.versions.queryOptions({ communityId: null, document }));
  const title = t(`policy.documents.${document}`);
  return (
    <Page title={title} width="medium">
      <QueryState query={versions}>
        {(texts) =>
          texts.length === 0 ? (
            <EmptyState title={t('policy.none')} />
          ) : (
            <VersionedText texts={texts} />
          )
        }
      </QueryState>
    </Page>
  );
}

function VersionedText({ texts }: { texts: readonly PolicyText[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const selectId = useId();
  const [params, setParams] = useSearchParams();
  const versions = inLocale(texts, currentLocale());
  const current = versions[0]!;
  const asked = Number(params.get('version'));
  const shown = versions.find((text) => text.version === asked) ?? current;
  return (
    <Card>
      <div className="stack stack--tight">
        <div className="policy-meta">
          <p className="muted small">
            {t('policy.versionOf', {
              version: shown.version,
              date: formatDate(shown.publishedAt),
            })}
          </p>
          {versions.length > 1 && (
            <div className="policy-meta__switch">
              <label htmlFor={selectId} className="small">
                {t('policy.version')}
              </label>
              <select
                id={selectId}
                className="select"
                value={shown.version}
                onChange={(event) =>
                  setParams(
                    Number(event.target.value) === current.version
                      ? {}
                      : { version: event.target.value },
                    { replace: true },
                  )
                }
              >
                {versions.map((text) => (
                  <option key={text.version} value={text.version}>
                    {text.version === current.version
                      ? t('policy.versionCurrent', { version: text.version })
                      : t('policy.versionOld', {
                          version: text.version,
                          date: formatDate(text.publishedAt),
                        })}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        {shown !== current && (
          <p className="alert alert--warning" role="status">
            {t('policy.oldVersion')}
          </p>
        )}
        {shown.locale !== currentLocale() && (
          <p className="muted small" lang={currentLocale()}>
            {t('policy.otherLanguage')}
          </p>
        )}
        <div lang={shown.locale}>
          <PolicyTextView body={shown.body} />
        </div>
      </div>
    </Card>
  );
}
