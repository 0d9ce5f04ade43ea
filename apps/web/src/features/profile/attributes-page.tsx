import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  attributeTypes,
  type ProfileAttribute,
} from '@quorum/domain/communities/profile-attribute';
import type { Id } from '@quorum/domain/shared/ids';
import { locales, type Locale } from '@quorum/domain/shared/locale';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { ConfirmDialog } from '../../ui/dialog';
import { EmptyState } from '../../ui/empty-state';
import { Checkbox, SelectField, TextField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { List, ListItem } from '../../ui/list';
import { Page } from '../../ui/page';
import { NotFoundPage } from '../layout/not-found-page';
import { QueryState } from '../layout/query-state';
import { allowed, useCommunity } from '../communities/use-community';
import {
  checkDraft,
  draftOf,
  emptyOption,
  isChoice,
  newDraft,
  type AttributeDraft,
  type DraftContext,
} from './attribute-draft';
import { attributeLabel } from './attribute-fields';

/** `/c/:slug/attributes`: owners define the profile questions of their community. */
export function AttributesPage() {
  const { page, viewer } = useCommunity();
  return (
    <QueryState query={page}>
      {(data) =>
        allowed(viewer, data, 'update') ? (
          <AttributesView
            communityId={data.community.id}
            name={data.community.name}
            slug={data.community.slug}
            language={data.community.defaultLocale}
          />
        ) : (
          <NotFoundPage />
        )
      }
    </QueryState>
  );
}

function AttributesView({
  communityId,
  name,
  slug,
  language,
}: {
  communityId: Id;
  name: string;
  slug: string;
  /** The community's language: the only one its texts must have. */
  language: Locale;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const attributes = useQuery(trpc.profile.attributes.queryOptions({ communityId }));
  const [editing, setEditing] = useState<ProfileAttribute | null>(null);
  const [deleting, setDeleting] = useState<ProfileAttribute | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.profile.pathKey() });
  const remove = useMutation(
    trpc.profile.deleteAttribute.mutationOptions({
      onSuccess: async () => {
        if (editing?.id === deleting?.id) setEditing(null);
        await refresh();
      },
      onSettled: () => setDeleting(null),
    }),
  );

  return (
    <Page
      title={t('attributes.title')}
      eyebrow={<Link to={`/c/${slug}`}>{name}</Link>}
      description={t('attributes.description')}
    >
      <div className="community-layout">
        <Card title={t('attributes.list')}>
          <div className="stack stack--tight">
            {remove.isError && <Alert tone="danger">{t(errorKey(remove.error))}</Alert>}
            <QueryState query={attributes}>
              {(list) =>
                list.length === 0 ? (
                  <EmptyState title={t('attributes.none')}>{t('attributes.noneText')}</EmptyState>
                ) : (
                  <List label={t('attributes.list')}>
                    {list.map((attribute) => (
                      <ListItem
                        key={attribute.id}
                        title={attributeLabel(attribute)}
                        meta={
                          <span className="row">
                            <code>{attribute.key}</code>
                            <Badge>{t(`attributes.types.${attribute.type}`)}</Badge>
                            {attribute.required && (
                              <Badge tone="primary">{t('attributes.requiredBadge')}</Badge>
                            )}
                          </span>
                        }
                        actions={
                          <>
                            <Button
                              variant="secondary"
                              size="small"
                              onClick={() => setEditing(attribute)}
                              aria-label={t('attributes.editNamed', {
                                name: attributeLabel(attribute),
                              })}
                            >
                              {t('attributes.edit')}
                            </Button>
                            <Button
                              variant="ghost"
                              size="small"
                              onClick={() => setDeleting(attribute)}
                              aria-label={t('attributes.deleteNamed', {
                                name: attributeLabel(attribute),
                              })}
                            >
                              {t('attributes.delete')}
                            </Button>
                          </>
                        }
                      />
                    ))}
                  </List>
                )
              }
            </QueryState>
          </div>
        </Card>
        <AttributeEditor
          key={editing?.id ?? 'new'}
          communityId={communityId}
          context={{ language, existingKeys: attributes.data?.map((a) => a.key) ?? [] }}
          editing={editing}
          onDone={async () => {
            setEditing(null);
            await refresh();
          }}
        />
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={t('attributes.deleteTitle', { name: deleting ? attributeLabel(deleting) : '' })}
        confirmLabel={t('attributes.delete')}
        tone="danger"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ attributeId: deleting.id })}
        onCancel={() => setDeleting(null)}
      >
        <p>{t('attributes.deleteText')}</p>
      </ConfirmDialog>
    </Page>
  );
}

const localeNames = { de: 'Deutsch', en: 'English' } as const;

function AttributeEditor({
  communityId,
  context,
  editing,
  onDone,
}: {
  communityId: Id;
  context: DraftContext;
  editing: ProfileAttribute | null;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [draft, setDraft] = useState<AttributeDraft>(() =>
    editing ? draftOf(editing, context.language) : newDraft(),
  );
  const advancedRef = useRef<HTMLDetailsElement>(null);
  // The community's language first and required; the other one optional.
  const languages = [context.language, ...locales.filter((l) => l !== context.language)];
  const optionalLanguage = (locale: Locale) => locale !== context.language;
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [savedName, setSavedName] = useState<string | null>(null);
  const save = useMutation(
    trpc.profile.saveAttribute.mutationOptions({
      onSuccess: async (attribute) => {
        setDraft(newDraft());
        setSavedName(attributeLabel(attribute));
        await onDone();
      },
    }),
  );
  const problem = (path: string) =>
    problems[path] && t(`validation.${problems[path]}`, { defaultValue: t('validation.invalid') });
  const update = (change: Partial<AttributeDraft>) => {
    setSavedName(null);
    setDraft((current) => ({ ...current, ...change }));
  };
  const updateOption = (index: number, change: Partial<AttributeDraft['options'][number]>) =>
    update({
      options: draft.options.map((option, i) => (i === index ? { ...option, ...change } : option)),
    });

  return (
    <Card title={editing ? t('attributes.editTitle') : t('attributes.newTitle')}>
      <form
        className="form"
        noValidate
        aria-label={editing ? t('attributes.editTitle') : t('attributes.newTitle')}
        onSubmit={(event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const { input, problems: found } = checkDraft(communityId, draft, context);
          setProblems(found);
          if (!input) {
            // A problem under "advanced" must be visible to be focused.
            if (Object.keys(found).some((path) => path === 'key' || path.endsWith('.value')))
              advancedRef.current?.setAttribute('open', '');
            requestAnimationFrame(() =>
              formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
            );
            return;
          }
          save.mutate(editing ? { ...input, attributeId: editing.id } : input);
        }}
      >
        {save.isError && <Alert tone="danger">{t(errorKey(save.error))}</Alert>}
        {savedName && <Alert tone="success">{t('attributes.saved', { name: savedName })}</Alert>}
        <SelectField
          label={t('attributes.type')}
          value={draft.type}
          disabled={editing !== null}
          options={attributeTypes.map((type) => ({
            value: type,
            label: t(`attributes.types.${type}`),
          }))}
          onChange={(event) => update({ type: event.target.value as AttributeDraft['type'] })}
        />
        {languages.map((locale) => (
          <TextField
            key={locale}
            label={t('attributes.label', { language: localeNames[locale] })}
            optional={optionalLanguage(locale)}
            hint={
              optionalLanguage(locale)
                ? t('attributes.otherLanguageHint', { language: localeNames[context.language] })
                : undefined
            }
            value={draft.label[locale]}
            error={problem(`label.${locale}`)}
            onChange={(event) =>
              update({ label: { ...draft.label, [locale]: event.target.value } })
            }
          />
        ))}
        {isChoice(draft.type) && (
          <fieldset
            className="choices"
            aria-describedby={problems.options ? 'options-error' : undefined}
          >
            <legend className="field__label">{t('attributes.options')}</legend>
            <div className="option-rows">
              {draft.options.map((option, index) => (
                <div className="option-row" key={index}>
                  {languages.map((locale) => (
                    <TextField
                      key={locale}
                      label={t('attributes.optionLabel', {
                        number: index + 1,
                        language: localeNames[locale],
                      })}
                      optional={optionalLanguage(locale)}
                      value={option.label[locale]}
                      error={problem(`options.${index}.label.${locale}`)}
                      onChange={(event) =>
                        updateOption(index, {
                          label: { ...option.label, [locale]: event.target.value },
                        })
                      }
                    />
                  ))}
                  <Button
                    variant="ghost"
                    size="small"
                    aria-label={t('attributes.removeOption', { number: index + 1 })}
                    onClick={() => update({ options: draft.options.filter((_, i) => i !== index) })}
                  >
                    {t('attributes.remove')}
                  </Button>
                </div>
              ))}
            </div>
            {problems.options && (
              <p className="field__error" id="options-error">
                {problem('options')}
              </p>
            )}
            <div>
              <Button
                variant="secondary"
                size="small"
                onClick={() => update({ options: [...draft.options, emptyOption()] })}
              >
                {t('attributes.addOption')}
              </Button>
            </div>
          </fieldset>
        )}
        {/* For exports and filters; derived from the texts unless set here. */}
        <details className="disclosure" ref={advancedRef}>
          <summary className="disclosure__summary">{t('attributes.advanced')}</summary>
          <div className="disclosure__body disclosure__body--fields form">
            <TextField
              label={t('attributes.key')}
              hint={t(editing ? 'attributes.keyFixed' : 'attributes.keyHint')}
              mono
              optional={editing === null}
              value={draft.key}
              readOnly={editing !== null}
              error={problem('key')}
              onChange={(event) => update({ key: event.target.value })}
            />
            {isChoice(draft.type) &&
              draft.options.map((option, index) => (
                <TextField
                  key={index}
                  label={t('attributes.optionValue', { number: index + 1 })}
                  hint={index === 0 ? t('attributes.optionValueHint') : undefined}
                  mono
                  optional
                  value={option.value}
                  error={problem(`options.${index}.value`)}
                  onChange={(event) => updateOption(index, { value: event.target.value })}
                />
              ))}
          </div>
        </details>
        <Checkbox
          label={t('attributes.required')}
          checked={draft.required}
          onChange={(event) => update({ required: event.target.checked })}
        />
        <div className="row">
          <Button type="submit" busy={save.isPending}>
            {editing ? t('attributes.saveChanges') : t('attributes.create')}
          </Button>
          {editing && (
            <Button variant="secondary" onClick={() => void onDone()}>
              {t('common.cancel')}
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
