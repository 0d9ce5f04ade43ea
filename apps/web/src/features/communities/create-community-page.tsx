import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createCommunityInputSchema, suggestSlug } from '@quorum/domain/communities/community';
import { currentLocale } from '../../i18n/i18n';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { TextField } from '../../ui/fields';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';
import { RequireAccount, useMe } from '../auth/use-session';
import { CommunityFields } from './community-fields';

export function CreateCommunityPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('create.title')} description={t('create.description')} width="medium">
      <RequireAccount>
        {() =>
          me.data?.canCreateCommunities ? (
            <CreateCommunityForm />
          ) : (
            <Alert tone="warning">{t('errors.COMMUNITY_CREATION_CLOSED')}</Alert>
          )
        }
      </RequireAccount>
    </Page>
  );
}

function CreateCommunityForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [slug, setSlug] = useState('');
  // Once someone edits the slug, the name stops overwriting it.
  const [slugEdited, setSlugEdited] = useState(false);
  const form = useForm({
    schema: createCommunityInputSchema,
    fieldsByCode: { SLUG_TAKEN: 'slug' },
  });
  const create = useMutation(
    trpc.communities.create.mutationOptions({
      onSuccess: async (community) => {
        await queryClient.invalidateQueries({ queryKey: trpc.communities.list.queryKey() });
        await navigate(`/c/${community.slug}`);
      },
      onError: form.fail,
    }),
  );
  return (
    <Card>
      <Form
        form={form}
        onSubmit={(values) => {
          form.submit(values, create.mutate);
        }}
      >
        <CommunityFields
          defaults={{ defaultLocale: currentLocale() }}
          fieldError={form.fieldError}
          onNameChange={(name) => {
            if (!slugEdited) setSlug(suggestSlug(name));
          }}
          slugField={
            <TextField
              name="slug"
              label={t('community.fields.slug')}
              hint={t('community.fields.slugHint', {
                url: `${window.location.origin}/c/${slug || '…'}`,
              })}
              value={slug}
              onChange={(event) => {
                setSlugEdited(true);
                setSlug(event.target.value);
              }}
              autoCapitalize="none"
              spellCheck={false}
              mono
              error={form.fieldError('slug')}
            />
          }
        />
        <div className="row row--end">
          <ButtonLink to="/" variant="secondary">
            {t('common.cancel')}
          </ButtonLink>
          <Button type="submit" busy={create.isPending}>
            {t('create.submit')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
