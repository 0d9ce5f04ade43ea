import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  consentDocument,
  publishPolicyInputSchema,
  type PolicyDocument,
  type PolicyText,
} from '@quorum/domain/consent/policy-text';
import { corePurposes, isConsentBased } from '@quorum/domain/consent/purpose-register';
import type { Id } from '@quorum/domain/shared/ids';
import { locales, type Locale } from '@quorum/domain/shared/locale';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/dialog';
import { Disclosure } from '../../ui/disclosure';
import { TextAreaField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { useFormatDate } from '../../ui/format';
import { List, ListItem } from '../../ui/list';
import { Page } from '../../ui/page';
import { QueryState } from '../layout/query-state';
import { purposeText } from '../consent/purpose-text';
import { PolicyTextView } from '../policies/policy-text-view';
import { inLocale } from '../policies/policy-versions';

const localeNames = { de: 'Deutsch', en: 'English' } as const;

/** The instance's texts: the privacy notice, the terms, and each consent purpose's text. */
function useDocuments(): { document: PolicyDocument; label: string }[] {
  const { t } = useTranslation();
  return [
    { document: 'privacy_notice', label: t('policy.documents.privacy_notice') },
    { document: 'terms', label: t('policy.documents.terms') },
    ...corePurposes.filter(isConsentBased).map((purpose) => ({
      document: consentDocument(purpose.id),
      label: t('admin.policies.consentText', { purpose: purposeText(purpose).title }),
    })),
  ];
}

/** See every version of a text, edit it in every language, publish it as a new version. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const documents = useDocuments();
  const selectId = useId();
  const [params, setParams] = useSearchParams();
  const chosen =
    documents.find((entry) => entry.document === params.get('document')) ?? documents[0]!;
  return (
    <Page title={t('admin.policies.title')} description={t('admin.policies.description')}>
      <div className="field field--inline">
        <label className="field__label" htmlFor={selectId}>
          {t('admin.policies.document')}
        </label>
        <select
          id={selectId}
          className="select"
          value={chosen.document}
          onChange={(event) => setParams({ document: event.target.value }, { replace: true })}
        >
          {documents.map((entry) => (
            <option key={entry.document} value={entry.document}>
              {entry.label}
            </option>
          ))}
        </select>
      </div>
      <DocumentEditor key={chosen.document} document={chosen.document} label={chosen.label} />
    </Page>
  );
}

/**
 * Every version of one text and the form that publishes the next: the instance's texts
 * here, a community's own terms on its settings page (`communityId`).
 */
export function DocumentEditor({
  document,
  label,
  communityId = null,
}: {
  document: PolicyDocument;
  label: string;
  communityId?: Id | null;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const versions = useQuery(trpc.policies.versions.queryOptions({ communityId, document }));
  return (
    <QueryState query={versions}>
      {(texts) => (
        <div className="community-layout">
          <PublishForm document={document} label={label} texts={texts} communityId={communityId} />
          <Card title={t('admin.policies.versions')}>
            <VersionList texts={texts} />
          </Card>
        </div>
      )}
    </QueryState>
  );
}

function VersionList({ texts }: { texts: readonly PolicyText[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const versions = inLocale(texts, currentLocale());
  if (versions.length === 0) return <p className="muted">{t('policy.none')}</p>;
  return (
    <List label={t('admin.policies.versions')}>
      {versions.map((text, index) => (
        <ListItem
          key={text.version}
          title={
            index === 0
              ? t('policy.versionCurrent', { version: text.version })
              : t('admin.policies.version', { version: text.version })
          }
          meta={
            <>
              {t('admin.policies.publishedOn', { date: formatDate(text.publishedAt) })}
              <Disclosure summary={t('admin.policies.showText')}>
                <PolicyTextView body={text.body} />
              </Disclosure>
            </>
          }
        />
      ))}
    </List>
  );
}

function PublishForm({
  document,
  label,
  texts,
  communityId,
}: {
  document: PolicyDocument;
  label: string;
  texts: readonly PolicyText[];
  communityId: Id | null;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const latest = texts.reduce((max, text) => Math.max(max, text.version), 0);
  const [bodies, setBodies] = useState<Record<Locale, string>>(
    () =>
      Object.fromEntries(
        locales.map((locale) => [
          locale,
          texts.find((text) => text.version === latest && text.locale === locale)?.body ?? '',
        ]),
      ) as Record<Locale, string>,
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const publish = useMutation(
    trpc.policies.publish.mutationOptions({
      onSuccess: async ({ version }) => {
        setPublished(version);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.policies.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.consent.pathKey() }),
        ]);
      },
      onSettled: () => setConfirming(false),
    }),
  );
  const input = { communityId, document, texts: bodies };

  return (
    <Card
      title={t('admin.policies.edit', { document: label })}
      subtitle={t('admin.policies.editText')}
    >
      <form
        className="form"
        noValidate
        aria-label={t('admin.policies.edit', { document: label })}
        onSubmit={(event) => {
          event.preventDefault();
          setPublished(null);
          const result = publishPolicyInputSchema.safeParse(input);
          const found: Record<string, string> = {};
          if (!result.success)
            for (const issue of result.error.issues)
              found[String(issue.path.at(-1))] ??= issue.message;
          setProblems(found);
          if (result.success) setConfirming(true);
        }}
      >
        {publish.isError && <Alert tone="danger">{t(errorKey(publish.error))}</Alert>}
        {published !== null && (
          <Alert tone="success">{t('admin.policies.published', { version: published })}</Alert>
        )}
        {locales.map((locale) => (
          <TextAreaField
            key={locale}
            className="textarea textarea--tall"
            label={t('admin.policies.textIn', { language: localeNames[locale] })}
            hint={locale === locales[0] ? t('admin.policies.markdownHint') : undefined}
            lang={locale}
            value={bodies[locale]}
            error={problems[locale] && t(`validation.${problems[locale]}`)}
            onChange={(event) => {
              setPublished(null);
              setBodies((current) => ({ ...current, [locale]: event.target.value }));
            }}
          />
        ))}
        <div className="row">
          <Button type="submit">{t('admin.policies.publish', { version: latest + 1 })}</Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('admin.policies.confirmTitle', { document: label, version: latest + 1 })}
        confirmLabel={t('admin.policies.publish', { version: latest + 1 })}
        busy={publish.isPending}
        onConfirm={() => publish.mutate(input)}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {communityId !== null
            ? t('admin.policies.confirmCommunityTerms')
            : document.startsWith('consent:')
              ? t('admin.policies.confirmConsent')
              : t('admin.policies.confirmText')}
        </p>
      </ConfirmDialog>
    </Card>
  );
}
