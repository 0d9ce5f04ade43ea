import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dataCategories } from '@quorum/domain/consent/purpose-register';
import type { Id } from '@quorum/domain/shared/ids';
import { locales } from '@quorum/domain/shared/locale';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Disclosure } from '../../ui/disclosure';
import { EmptyState } from '../../ui/empty-state';
import { Checkbox, TextAreaField, TextField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { List, ListItem } from '../../ui/list';
import { QueryState } from '../layout/query-state';
import { purposeText } from '../consent/purpose-text';
import { PolicyTextView } from '../policies/policy-text-view';
import { checkPurposeDraft, newPurposeDraft, type PurposeDraft } from './purpose-draft';

const localeNames = { de: 'Deutsch', en: 'English' } as const;

/** Owners extend the purpose register for their community: the list and the "Add purpose" form. */
export function PurposesSection({ communityId }: { communityId: Id }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const purposes = useQuery(trpc.purposes.list.queryOptions({ communityId, locale }));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.purposes.pathKey() });
    // The join dialog and the privacy center show the new purpose too.
    await queryClient.invalidateQueries({ queryKey: trpc.communities.joinRequirements.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.consent.pathKey() });
  };
  return (
    <>
      <Card title={t('purposes.title')} subtitle={t('purposes.description')}>
        <QueryState query={purposes}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={t('purposes.none')}>{t('purposes.noneText')}</EmptyState>
            ) : (
              <List label={t('purposes.list')}>
                {list.map(({ purpose, text }) => (
                  <ListItem
                    key={purpose.id}
                    title={purposeText(purpose).title}
                    meta={
                      <div className="stack stack--tight">
                        <span className="row">
                          <code>{purpose.id}</code>
                          {purpose.retention.kind === 'days' && (
                            <Badge>
                              {t('admin.records.retentionDays', { count: purpose.retention.days })}
                            </Badge>
                          )}
                        </span>
                        <span>
                          {purpose.dataCategories.map((c) => t(`dataCategories.${c}`)).join(', ')}
                        </span>
                        <Disclosure summary={t('purposes.showText', { version: text.version })}>
                          <PolicyTextView body={text.body} />
                        </Disclosure>
                      </div>
                    }
                  />
                ))}
              </List>
            )
          }
        </QueryState>
      </Card>
      <PurposeForm communityId={communityId} onAdded={refresh} />
    </>
  );
}

function PurposeForm({ communityId, onAdded }: { communityId: Id; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [draft, setDraft] = useState<PurposeDraft>(newPurposeDraft);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [addedName, setAddedName] = useState<string | null>(null);
  const add = useMutation(
    trpc.purposes.add.mutationOptions({
      onSuccess: async ({ purpose }) => {
        setDraft(newPurposeDraft());
        setAddedName(purposeText(purpose).title);
        await onAdded();
      },
      onError: (error) => {
        if (error.data?.domainCode === 'CONFLICT') setProblems({ id: 'purpose_taken' });
      },
    }),
  );
  const problem = (path: string) =>
    problems[path] && t(`validation.${problems[path]}`, { defaultValue: t('validation.invalid') });
  // A recipient's problem belongs to its locale's field (one recipient per line).
  const recipientProblem = (locale: string) => {
    const key = Object.keys(problems).find((path) => path.startsWith(`recipients.${locale}`));
    return key ? problem(key) : undefined;
  };
  const update = (change: Partial<PurposeDraft>) => {
    setAddedName(null);
    setDraft((current) => ({ ...current, ...change }));
  };
  const serverFailed = add.isError && add.error.data?.domainCode !== 'CONFLICT';

  return (
    <Card title={t('purposes.newTitle')}>
      <form
        className="form"
        noValidate
        aria-label={t('purposes.newTitle')}
        onSubmit={(event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const { input, problems: found } = checkPurposeDraft(communityId, draft);
          setProblems(found);
          if (!input) {
            requestAnimationFrame(() =>
              formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
            );
            return;
          }
          add.mutate(input);
        }}
      >
        {serverFailed && <Alert tone="danger">{t(errorKey(add.error))}</Alert>}
        {addedName && <Alert tone="success">{t('purposes.added', { name: addedName })}</Alert>}
        <TextField
          label={t('purposes.id')}
          hint={t('purposes.idHint')}
          mono
          value={draft.id}
          error={problem('id')}
          onChange={(event) => update({ id: event.target.value })}
        />
        {locales.map((locale) => (
          <div className="stack stack--tight" key={locale}>
            <TextField
              label={t('purposes.titleField', { language: localeNames[locale] })}
              value={draft.texts[locale].title}
              error={problem(`texts.${locale}.title`)}
              onChange={(event) =>
                update({
                  texts: {
                    ...draft.texts,
                    [locale]: { ...draft.texts[locale], title: event.target.value },
                  },
                })
              }
            />
            <TextAreaField
              label={t('purposes.descriptionField', { language: localeNames[locale] })}
              hint={t('purposes.descriptionHint')}
              rows={3}
              value={draft.texts[locale].description}
              error={problem(`texts.${locale}.description`)}
              onChange={(event) =>
                update({
                  texts: {
                    ...draft.texts,
                    [locale]: { ...draft.texts[locale], description: event.target.value },
                  },
                })
              }
            />
            <TextAreaField
              label={t('purposes.consentText', { language: localeNames[locale] })}
              hint={t('purposes.consentTextHint')}
              rows={6}
              value={draft.consentTexts[locale]}
              error={problem(`consentTexts.${locale}`)}
              onChange={(event) =>
                update({ consentTexts: { ...draft.consentTexts, [locale]: event.target.value } })
              }
            />
          </div>
        ))}
        <fieldset
          className="choices"
          aria-describedby={problems.dataCategories ? 'purpose-categories-error' : undefined}
        >
          <legend className="field__label">{t('purposes.categories')}</legend>
          {dataCategories.map((category) => (
            <Checkbox
              key={category}
              label={t(`dataCategories.${category}`)}
              checked={draft.dataCategories.includes(category)}
              aria-invalid={problems.dataCategories ? true : undefined}
              onChange={(event) =>
                update({
                  dataCategories: event.target.checked
                    ? [...draft.dataCategories, category]
                    : draft.dataCategories.filter((item) => item !== category),
                })
              }
            />
          ))}
          {problems.dataCategories && (
            <p className="field__error" id="purpose-categories-error">
              {problem('dataCategories')}
            </p>
          )}
        </fieldset>
        <TextField
          label={t('purposes.retentionDays')}
          hint={t('purposes.retentionHint')}
          inputMode="numeric"
          value={draft.retentionDays}
          error={problem('retentionDays')}
          onChange={(event) => update({ retentionDays: event.target.value })}
        />
        {locales.map((locale) => (
          <TextAreaField
            key={locale}
            label={t('purposes.recipients', { language: localeNames[locale] })}
            hint={t('purposes.recipientsHint')}
            rows={2}
            value={draft.recipients[locale]}
            error={recipientProblem(locale)}
            onChange={(event) =>
              update({ recipients: { ...draft.recipients, [locale]: event.target.value } })
            }
          />
        ))}
        <div className="row">
          <Button type="submit" busy={add.isPending}>
            {t('purposes.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
